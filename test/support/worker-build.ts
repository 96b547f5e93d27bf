import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { fromRepoRoot } from '@app/core';

/** Where builds are kept, inside the repository so the compiled code finds node_modules and the templates. */
const CACHE = fromRepoRoot('node_modules', '.cache', 'commonplace-forked-worker');
/** What a forked worker runs: the worker's sources and every library, without tests. */
const SOURCE_ROOTS = ['apps/worker/src', 'libs'];
const ENTRY = 'test/support/worker-process.ts';
const DAY_MS = 24 * 3600 * 1000;

let built: string | undefined;

/**
 * The forked worker's code as plain JavaScript, transpiled once for a given state of the sources and kept (keyed
 * by a hash of them), so a forked process starts by loading JS: under a second on a quiet machine, a few on a
 * loaded one. ts-node had every process transpile a few hundred files again, which took over 60 s once on a loaded
 * machine. Transpiling is per file, without type checking (type checking is `npm run typecheck`'s job), as
 * ts-jest and ts-node's transpile-only mode do: a few seconds, once. Returns the compiled entry's path.
 */
export function compiledWorkerEntry(): string {
  if (built) return built;
  const sources = [...SOURCE_ROOTS.flatMap((root) => sourceFiles(root)), ENTRY].sort();
  // The settings and the compiler make a build too.
  const hash = createHash('sha256')
    .update(ts.version)
    .update(readFileSync(fromRepoRoot('tsconfig.json')));
  for (const file of sources)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(fromRepoRoot(file)))
      .update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const out = join(CACHE, key);
  if (!existsSync(out)) build(sources, out);
  built = join(out, ENTRY.replace(/\.ts$/, '.js'));
  return built;
}

function build(sources: string[], out: string): void {
  const options = compilerOptions();
  // Built aside and renamed into place: jest workers forking at once never load a half-written build.
  const staging = `${out}.${process.pid}.tmp`;
  for (const file of sources) {
    const source = readFileSync(fromRepoRoot(file), 'utf8');
    const target = join(staging, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.json')) {
      // Imported data (the badges' bundled JSON-LD contexts), copied as `npm run build` emits it.
      writeFileSync(target, source);
      continue;
    }
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: file });
    writeFileSync(target, withRelativeAliases(outputText, file));
  }
  try {
    renameSync(staging, out);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process built the same sources first
  }
  pruneOldBuilds(out);
}

/** The repository's settings, as ts-jest and `npm run build` use them, for a CommonJS module per file. */
function compilerOptions(): ts.CompilerOptions {
  const file = fromRepoRoot('tsconfig.json');
  const { config } = ts.readConfigFile(file, ts.sys.readFile) as { config: unknown };
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(file));
  return { ...options, sourceMap: false, inlineSourceMap: true, inlineSources: false, noEmit: false };
}

/** `require("@app/core")` → `require("../../libs/core/src")`, as tsc-alias does for `npm run build`. */
function withRelativeAliases(code: string, file: string): string {
  return code.replace(/require\("@app\/([a-z-]+)(\/testing)?"\)/g, (_, lib: string, testing: string | undefined) => {
    const path = relative(dirname(file), join('libs', lib, 'src', testing ? 'testing' : ''));
    return `require("${path.startsWith('.') ? path : `./${path}`}")`;
  });
}

/** TypeScript sources without tests, and the JSON files they import. */
function sourceFiles(dir: string): string[] {
  return readdirSync(fromRepoRoot(dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    const isSource = entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name);
    return isSource || entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Builds of sources that changed more than a day ago: no run still uses them. */
function pruneOldBuilds(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && Date.now() - statSync(path).mtimeMs > DAY_MS) rmSync(path, { recursive: true, force: true });
  }
}
