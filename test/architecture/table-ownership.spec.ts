import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Walls hold in the database too: each table has one owning library (the one whose entity declares it), only
 * that library writes it, and no library's SQL reads a table of a library above it. This test reads the source:
 * the ownership map from every `@Entity('table')`, then each library's non-test files for writes to tables it
 * does not own (SQL `INSERT INTO` / `UPDATE` / `DELETE FROM` / `TRUNCATE`, and TypeORM writes through another
 * library's entity class) and for SQL reads (`FROM` / `JOIN`) of a higher library's tables.
 */

/** The floors, lowest first: a library may use the ones below it, never the ones above. */
const FLOORS = [
  'core',
  'mail',
  'identity',
  'courses',
  'groups',
  'cohorts',
  'peer-review',
  'badges',
  'notifications',
] as const;

/** Access across a wall that is the design, not a leak (reads and writes): one line each, with the reason. */
const ALLOWED_FOREIGN_ACCESS: readonly { lib: string; table: string; reason: string }[] = [
  {
    lib: 'notifications',
    table: 'outbox_events',
    reason:
      "notifications runs core's outbox mechanism: the relay reads events and marks them published, sets them aside " +
      'or quarantines them; retention purges published ones; operators read their counts',
  },
];

/**
 * SQL reads of another library's tables still to move behind the owner's read functions or views (file -> the
 * foreign tables it reads). None is left: a new cross-wall read fails the test.
 */
const CROSS_WALL_READS_LEFT: Readonly<Record<string, readonly string[]>> = {};

const ROOT = join(__dirname, '..', '..');
const LIBS = join(ROOT, 'libs');

interface SourceFile {
  lib: string;
  path: string;
  text: string;
}

export interface Finding {
  lib: string;
  file: string;
  table: string;
  statement: string;
}

interface Ownership {
  /** table -> owning lib */
  tables: Map<string, string>;
  /** entity class -> its table */
  entities: Map<string, string>;
  /** read view -> the lib that defines it (listed in an exported `..._READ_VIEWS` constant) */
  views: Map<string, string>;
}

function sourceFiles(lib: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name)) {
        files.push({ lib, path: relative(ROOT, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(join(LIBS, lib, 'src'));
  return files;
}

function ownershipOf(files: readonly SourceFile[]): Ownership {
  const tables = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const file of files) {
    for (const m of file.text.matchAll(/@Entity\(\s*'([a-z0-9_]+)'\s*\)[\s\S]*?export class (\w+)/g)) {
      const [, table, entity] = m as unknown as [string, string, string];
      const owner = tables.get(table);
      if (owner && owner !== file.lib) throw new Error(`table ${table} is declared by both ${owner} and ${file.lib}`);
      tables.set(table, file.lib);
      entities.set(entity, table);
    }
  }
  const views = new Map<string, string>();
  for (const file of files) {
    for (const block of file.text.matchAll(/export const \w+_READ_VIEWS = \{([\s\S]*?)\} as const/g)) {
      for (const m of block[1]!.matchAll(/:\s*'([a-z0-9_]+)'/g)) views.set(m[1]!, file.lib);
    }
  }
  return { tables, entities, views };
}

/** SQL keywords are written in capitals in this code base, so English prose ("from users") is not taken. */
const SQL_WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_][a-z0-9_]*)\b/g;
const SQL_READ = /\b(FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)\b/g;
/** `manager.insert(GroupMember, ...)`, `repository.update(User, ...)`, `getRepository(X).save(...)`, query builders. */
const ENTITY_WRITES = [
  /\.(?:insert|update|delete|save|upsert|remove|softDelete|restore|increment|decrement)\(\s*([A-Z]\w*)\b/g,
  /getRepository\(\s*([A-Z]\w*)\s*\)\s*\.(?:insert|update|delete|save|upsert|remove|softDelete|increment|decrement)\(/g,
  /\.into\(\s*([A-Z]\w*)\b/g,
  /\.delete\(\s*\)\s*\.from\(\s*([A-Z]\w*)\b/g,
];

/** Writes of `file` to tables its library does not own (allowed exceptions left out). */
export function foreignWrites(file: SourceFile, ownership: Ownership): Finding[] {
  const findings: Finding[] = [];
  const report = (table: string, statement: string): void => {
    const owner = ownership.tables.get(table);
    if (!owner || owner === file.lib) return;
    if (ALLOWED_FOREIGN_ACCESS.some((a) => a.lib === file.lib && a.table === table)) return;
    findings.push({ lib: file.lib, file: file.path, table, statement });
  };
  for (const m of file.text.matchAll(SQL_WRITE)) report(m[2]!, `${m[1]} ${m[2]}`);
  for (const pattern of ENTITY_WRITES) {
    for (const m of file.text.matchAll(pattern)) {
      const table = ownership.entities.get(m[1]!);
      if (table) report(table, m[0]);
    }
  }
  return findings;
}

/** SQL reads of `file` from tables owned by a library above its own. */
export function readsFromAbove(file: SourceFile, ownership: Ownership): Finding[] {
  const floor = FLOORS.indexOf(file.lib as (typeof FLOORS)[number]);
  const findings: Finding[] = [];
  for (const m of file.text.matchAll(SQL_READ)) {
    const owner = ownership.tables.get(m[2]!);
    if (owner && FLOORS.indexOf(owner as (typeof FLOORS)[number]) > floor) {
      findings.push({ lib: file.lib, file: file.path, table: m[2]!, statement: `${m[1]} ${m[2]}` });
    }
  }
  return findings;
}

/** SQL reads of `file` from tables (not views) another library owns: file -> tables, sorted. */
export function crossWallReads(file: SourceFile, ownership: Ownership): string[] {
  const tables = new Set<string>();
  for (const m of file.text.matchAll(SQL_READ)) {
    const owner = ownership.tables.get(m[2]!);
    const allowed = ALLOWED_FOREIGN_ACCESS.some((a) => a.lib === file.lib && a.table === m[2]);
    if (owner && owner !== file.lib && !allowed) tables.add(m[2]!);
  }
  return [...tables].sort();
}

const floorOf = (lib: string): number => FLOORS.indexOf(lib as (typeof FLOORS)[number]);

const describeWrite = (f: Finding): string =>
  `${f.lib}: ${f.file} writes ${f.table}, owned by another library (${f.statement})`;
const describeRead = (f: Finding): string =>
  `${f.lib}: ${f.file} reads ${f.table}, owned by a library above it (${f.statement})`;

describe('table ownership', () => {
  const libs = readdirSync(LIBS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const files = libs.flatMap(sourceFiles);
  const ownership = ownershipOf(files);

  it('knows every library and finds the tables each one owns', () => {
    expect([...libs].sort()).toEqual([...FLOORS].sort());
    expect(ownership.tables.get('study_groups')).toBe('groups');
    expect(ownership.tables.get('group_members')).toBe('groups');
    expect(ownership.tables.get('cohort_groups')).toBe('cohorts');
    expect(ownership.tables.get('notification_preferences')).toBe('identity');
    expect(ownership.tables.get('outbox_events')).toBe('core');
    expect(ownership.entities.get('GroupMember')).toBe('group_members');
  });

  it('no library writes a table another library owns', () => {
    const findings = files.flatMap((file) => foreignWrites(file, ownership));
    expect(findings.map(describeWrite)).toEqual([]);
  });

  it("no library's SQL reads a table owned by a library above it", () => {
    const findings = files.flatMap((file) => readsFromAbove(file, ownership));
    expect(findings.map(describeRead)).toEqual([]);
  });

  it("reads across a wall go through the owner's views", () => {
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const tables = crossWallReads(file, ownership);
      if (tables.length > 0) found[file.path] = tables;
    }
    expect(found).toEqual(CROSS_WALL_READS_LEFT);
  });

  it("cohorts and notifications read the groups library's rows only through its views", () => {
    const groupTables = [...ownership.tables].filter(([, lib]) => lib === 'groups').map(([table]) => table);
    const reads = files
      .filter((file) => file.lib !== 'groups')
      .flatMap((file) =>
        crossWallReads(file, ownership)
          .filter((t) => groupTables.includes(t))
          .map((t) => `${file.path}: ${t}`),
      );
    expect(reads).toEqual([]);
    expect(ownership.views.get('group_active_members')).toBe('groups');
  });

  it('every read view is created by a migration and read only from its own floor or above', () => {
    const migrations = readdirSync(join(ROOT, 'migrations'))
      .map((name) => readFileSync(join(ROOT, 'migrations', name), 'utf8'))
      .join('\n');
    const belowOwner: string[] = [];
    for (const [view, owner] of ownership.views) {
      expect(migrations).toMatch(new RegExp(`CREATE VIEW "?${view}"? AS`));
      const reads = new RegExp(`\\b(FROM|JOIN)\\s+${view}\\b`);
      for (const file of files) {
        if (floorOf(file.lib) < floorOf(owner) && reads.test(file.text)) belowOwner.push(`${file.path}: ${view}`);
      }
    }
    expect(ownership.views.size).toBeGreaterThan(0);
    expect(belowOwner).toEqual([]);
  });

  it('every allowed exception names a real table of another library', () => {
    for (const allowed of ALLOWED_FOREIGN_ACCESS) {
      const owner = ownership.tables.get(allowed.table);
      expect(owner).toBeDefined();
      expect(owner).not.toBe(allowed.lib);
      expect(allowed.reason.length).toBeGreaterThan(0);
    }
  });

  it('catches SQL and TypeORM writes across a wall, naming lib, file and table', () => {
    const leak = (text: string): Finding[] =>
      foreignWrites({ lib: 'cohorts', path: 'libs/cohorts/src/grouping/leak.ts', text }, ownership);
    expect(leak('manager.query(`UPDATE study_groups SET member_count = member_count + 1 WHERE id = $1`)')).toEqual([
      {
        lib: 'cohorts',
        file: 'libs/cohorts/src/grouping/leak.ts',
        table: 'study_groups',
        statement: 'UPDATE study_groups',
      },
    ]);
    expect(leak("manager.query('INSERT INTO group_members (group_id) VALUES ($1)')")[0]?.table).toBe('group_members');
    expect(leak("manager.query('DELETE FROM group_members m USING cohort_groups g')")[0]?.table).toBe('group_members');
    expect(leak('await manager.insert(GroupMember, { groupId, userId });')[0]?.table).toBe('group_members');
    expect(leak('manager.createQueryBuilder().update(StudyGroup).set({})')[0]?.table).toBe('study_groups');
    // Its own tables, and words that are not statements, are fine.
    expect(leak("manager.query('UPDATE cohort_members SET grouping_opt_in = true')")).toEqual([]);
    expect(leak("manager.query('SELECT 1 FROM cohorts WHERE id = $1 FOR UPDATE')")).toEqual([]);
    expect(leak('ON CONFLICT (cohort_id, user_id) DO UPDATE SET role = 1')).toEqual([]);
  });

  it('catches a lower library reading a higher one', () => {
    const findings = readsFromAbove(
      { lib: 'groups', path: 'libs/groups/src/leak.ts', text: 'SELECT 1 FROM cohort_groups cg JOIN users u' },
      ownership,
    );
    expect(findings).toEqual([
      { lib: 'groups', file: 'libs/groups/src/leak.ts', table: 'cohort_groups', statement: 'FROM cohort_groups' },
    ]);
  });
});
