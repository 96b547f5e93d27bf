import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { startTestApi, signedIn, type TestApi } from '../support/api-app';
import { randomIp, type MadeUser } from '../support/factories';

/**
 * Walks every operation of the OpenAPI document the app serves with families of bad input, as a client (or an
 * attacker) may send them, unauthenticated, as a signed-in user and as an admin. Whatever arrives, the answer is
 * a 4xx in problem+json, never a 5xx. New routes are covered as soon as they are documented.
 *
 * Sampling: every operation gets every family that applies to it; a family mutates one field (or parameter) at a
 * time, at most MAX_FIELDS_PER_FAMILY of them, so a failure names the field and the run stays short.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  minimum?: number;
  minLength?: number;
  required?: string[];
}

interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  method: string;
  /** The documented path, e.g. `/api/v1/groups/{groupId}`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: Schema;
  secured: boolean;
}

enum Family {
  Nesting = 'deep nesting',
  Nul = 'NUL',
  Surrogate = 'lone surrogate',
  Long = '100 KB string',
  WrongType = 'wrong type',
  Unknown = 'unknown field',
  BadId = 'bad id',
  BadPage = 'bad cursor or limit',
  BadZoneOrDate = 'bad zone or date',
}

/** One request: path parameter and query values are already URL-encoded; `body` is raw text, JSON by default. */
interface Probe {
  family: Family;
  /** What was mutated, for the failure list. */
  target: string;
  params: Record<string, string>;
  query: Array<[string, string]>;
  body?: string;
  contentType?: string;
}

type Who = 'anonymous' | 'user' | 'admin';

interface Failure {
  op: Operation;
  probe: Probe;
  who: Who;
  status: number;
  wrong: string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

const MAX_FIELDS_PER_FAMILY = 12;
const LEARNER_SIDE = /^\/api\/v1\/cohorts\/\{cohortId\}\/(me\b|enrollment|modules\/\{moduleId\}\/complete)/;
/** Last, as they end what the fixtures provide: a meeting, a membership, a session, the learner (made facilitator). */
const ENDS_SOMETHING = /\/(cancel|leave|logout|facilitators)$/;
const CONCURRENCY = 6;

const NUL = 'ab\u0000cd';
const LONE_SURROGATE = 'ab\ud800cd';
const LONG_STRING = 'x'.repeat(100_000);
/** Node refuses request heads over 16 KB before the app sees them (431), so URL values stay under it. */
const LONG_URL_VALUE = 'x'.repeat(6_000);
/** U+D800 as UTF-8-style bytes: not valid UTF-8, so URL decoding must cope with it. */
const ENCODED_SURROGATE = '%ED%A0%80';

const BAD_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '..', 'a'.repeat(300)];
const BAD_ZONES = ['Mars/Olympus', '+02:00', 'Etc/GMT+99', '', 'Europe/Berlin/../x', 'a'.repeat(300)];
const BAD_DATES = ['2026-02-30', 'tomorrow', '99999-01-01', '2026-13-45T25:61:00Z', '0000-00-00', '-271821-04-19'];
const BAD_TIMES = ['25:00', '24:30', '7pm'];
const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const BAD_CURSORS = [
  'garbage!!',
  base64url([1, 2]),
  base64url({}),
  base64url(['not a date', 'not a uuid']),
  base64url(['2026-01-01T00:00:00.000Z', randomUUID(), 'extra']),
  base64url(['9999999-01-01', randomUUID()]),
  base64url([NUL, randomUUID()]),
  Buffer.from('["\\ud800", "x"]').toString('base64url'),
];
const BAD_LIMITS = ['0', '-1', '101', 'abc', '1.5', '1e2', '', '99999999999999999999'];

describe('fuzzing every documented operation', () => {
  let api: TestApi;
  let baseUrl: string;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  /** The API's error log (JSON lines), read to show why a request got a 5xx. */
  let errorLog = '';
  let user: MadeUser;
  let admin: MadeUser;
  /** Real ids by route parameter name, so probes get past "not found" and reach the code behind it. */
  const ids: Record<string, string> = {};
  /** For routes a learner uses (`/cohorts/{cohortId}/me...`): a cohort someone else runs, where `user` learns. */
  const learnerIds: Record<string, string> = {};
  let doc: OpenApiDocument;

  beforeAll(async () => {
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => (errorLog += chunk.toString('utf8')));
    api = await startTestApi(
      {
        // A 100 KB string must reach validation, not stop at the size limit.
        BODY_LIMIT: '1mb',
        LOG_LEVEL: 'error',
        RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '1000000',
        RATE_LIMIT_LOGIN_PER_EMAIL_PER_15_MINUTES: '1000000',
        RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: '1000000',
        RATE_LIMIT_MAIL_PER_EMAIL_PER_HOUR: '1000000',
        // A 429 would still pass (problem+json), but a throttled request tests nothing: raise new limits here too.
      },
      { logStream: logs },
    );
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    [user, admin] = await Promise.all([api.make.user(), api.make.admin()]);
    await makeFixtures();
    doc = (await api.http().get('/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(async () => {
    agent.destroy();
    await api.close();
  });

  /**
   * A course, a cohort with a learner, its group with a meeting and a calendar feed, a thread and a post, all run
   * by `user`; and a cohort an admin runs where `user` learns.
   */
  async function makeFixtures(): Promise<void> {
    const as = signedIn(api, user);
    const learner = await api.make.user();
    const { course, version } = await api.make.course(user);
    const { cohort, modules } = await api.make.cohort(user);
    await api.make.enrollment(cohort, learner);
    const group = await api.make.cohortGroup(cohort, user, [learner]);
    const meetings = await as
      .post(`/groups/${group.id}/meetings`, {
        meetings: [{ localDate: '2030-03-10', localTime: '18:00', durationMinutes: 60 }],
      })
      .expect(201);
    const thread = await as.post(`/cohorts/${cohort.id}/threads`, { title: 'Tubes', body: 'Where?' }).expect(201);
    const post = await as.post(`/cohorts/${cohort.id}/threads/${thread.body.id}/posts`, { body: 'Here.' }).expect(201);
    const feed = await as.post(`/groups/${group.id}/calendar-feed`).expect(201);
    const kinds = await signedIn(api, admin).get('/admin/email-preview').expect(200);
    const learning = await api.make.cohort(admin);
    await api.make.enrollment(learning.cohort, user);
    Object.assign(learnerIds, { cohortId: learning.cohort.id, moduleId: learning.modules[0]!.moduleId });
    Object.assign(ids, {
      courseId: course.id,
      versionId: version!.id,
      courseVersionId: version!.id,
      cohortId: cohort.id,
      moduleId: modules[0]!.moduleId,
      userId: learner.user.id,
      groupId: group.id,
      meetingId: (meetings.body as { items: Array<{ id: string }> }).items[0]!.id,
      threadId: thread.body.id,
      postId: post.body.id,
      token: /calendar\/([^/]+)\.ics/.exec(feed.body.url as string)![1]!,
      kind: (kinds.body.kinds as string[])[0]!,
    });
  }

  it('answers every bad request with a 4xx problem+json, never a 5xx', async () => {
    const operations = listOperations(doc);
    expect(operations.length).toBeGreaterThan(90);

    const jobs: Array<() => Promise<void>> = [];
    const failures: Failure[] = [];
    for (const op of operations) {
      const probes = probesFor(op);
      const firstOfEachFamily = probes.filter((p, i) => probes.findIndex((q) => q.family === p.family) === i);
      const plan: Array<[Who, Probe[]]> = [
        ['user', probes],
        // On private routes only body parsing runs before the guard's 401: one deeply nested body checks it.
        ['anonymous', op.secured ? probes.slice(0, 1) : probes],
        // An admin passes every policy: one probe per family reaches code a user is turned away from.
        ['admin', op.secured ? firstOfEachFamily : []],
      ];
      for (const [who, list] of plan) {
        for (const probe of list) {
          jobs.push(async () => {
            const res = await send(op, probe, who).catch((err: Error) => ({
              status: 0,
              headers: {},
              text: err.message,
            }));
            const wrong = res.status === 0 ? `no answer: ${res.text}` : checkAnswer(res, causes);
            if (wrong) failures.push({ op, probe, who, status: res.status, wrong });
          });
        }
      }
    }
    await runPool(jobs, CONCURRENCY);

    const report = summarize(failures);
    if (report.length > 0) {
      // eslint-disable-next-line no-console
      console.log(`${failures.length} bad answers of ${jobs.length} requests:\n${report.join('\n')}`);
    }
    expect(report).toEqual([]);
  }, 240_000);

  /** The message of the error the API logged for a request id, to show why a 5xx happened. */
  function causes(requestId: string): string | undefined {
    for (const line of errorLog.split('\n')) {
      if (!line.includes(requestId)) continue;
      const entry = JSON.parse(line) as { err?: { type?: string; message?: string } };
      if (entry.err) return `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}`;
    }
    return undefined;
  }

  function probesFor(op: Operation): Probe[] {
    // The base body holds the required fields only (optional ones may exclude each other); each mutation adds
    // the field it changes, so every documented field is tried on an otherwise plausible body.
    const known = LEARNER_SIDE.test(op.path) ? { ...ids, ...learnerIds } : ids;
    const body = op.body ? sample(op.body, '', false, known) : undefined;
    const params = Object.fromEntries(
      op.pathParams.map((p) => [p.name, encodeURIComponent(known[p.name] ?? randomUUID())]),
    );
    const query = op.queryParams.filter((p) => p.in === 'query');
    const probes: Probe[] = [];
    const add = (family: Family, target: string, change: Partial<Probe>): void => {
      probes.push({
        family,
        target,
        params: { ...params, ...change.params },
        query: change.query ?? [],
        body: 'body' in change ? change.body : json(body),
        contentType: change.contentType,
      });
    };
    const leaves = op.body ? leavesOf(sample(op.body, '', true, known), op.body) : [];
    const stringLeaves = leaves.filter((l) => typeof l.value === 'string');
    const withLeaf = (leaf: Leaf, value: unknown): string => json(setAt(body, op.body!, leaf.path, value, known))!;
    const first = <T>(list: T[]): T[] => list.slice(0, MAX_FIELDS_PER_FAMILY);

    // Deep nesting, long arrays and many keys: before any route-specific code, on every route.
    add(Family.Nesting, 'body', { body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` });
    if (op.body) {
      add(Family.Nesting, 'body', { body: `{"a":[${new Array(20_001).fill('0').join(',')}]}` });
      add(Family.Nesting, 'body', {
        body: JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]))),
      });
    }
    if (leaves[0]) add(Family.Nesting, leaves[0].field, { body: withLeaf(leaves[0], nest(40)) });

    for (const leaf of first(stringLeaves)) add(Family.Nul, leaf.field, { body: withLeaf(leaf, NUL) });
    for (const leaf of first(stringLeaves)) add(Family.Surrogate, leaf.field, { body: withLeaf(leaf, LONE_SURROGATE) });
    for (const leaf of first(stringLeaves)) add(Family.Long, leaf.field, { body: withLeaf(leaf, LONG_STRING) });
    if (body !== undefined && isObject(body)) {
      add(Family.Nul, 'a key', { body: json({ ...body, [NUL]: 1 }) });
      add(Family.Surrogate, 'a key', { body: json({ ...body, '\udc00': 1 }) });
    }
    for (const p of query) {
      add(Family.Nul, p.name, { query: [[p.name, 'ab%00cd']] });
      add(Family.Surrogate, p.name, { query: [[p.name, ENCODED_SURROGATE]] });
      add(Family.Long, p.name, { query: [[p.name, LONG_URL_VALUE]] });
    }
    for (const p of op.pathParams) {
      add(Family.Nul, p.name, { params: { [p.name]: 'ab%00cd' } });
      add(Family.Surrogate, p.name, { params: { [p.name]: ENCODED_SURROGATE } });
      add(Family.Long, p.name, { params: { [p.name]: LONG_URL_VALUE } });
    }

    for (const leaf of first(leaves)) {
      add(Family.WrongType, leaf.field, { body: withLeaf(leaf, wrongTypeOf(leaf.value)) });
      add(Family.WrongType, leaf.field, { body: withLeaf(leaf, null) });
    }
    if (op.body) {
      for (const raw of ['[]', '[{}]', '"text"', '42']) add(Family.WrongType, 'body', { body: raw });
      // Bodies the API does not parse arrive as no body at all.
      add(Family.WrongType, 'text/plain body', { body: json(body), contentType: 'text/plain' });
      add(Family.WrongType, 'form body', { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' });
      add(Family.WrongType, 'UTF-16 body', { body: json(body), contentType: 'application/json; charset=utf-16' });
    }
    for (const p of query) {
      add(Family.WrongType, p.name, {
        query: [
          [p.name, 'a'],
          [p.name, 'b'],
        ],
      });
      if (p.schema?.type !== 'string' || p.schema.enum)
        add(Family.WrongType, p.name, { query: [[p.name, 'nonsense']] });
    }

    add(Family.Unknown, 'zzUnknown', {
      body: json({ ...(isObject(body) ? body : {}), zzUnknown: 1 }),
      query: [['zzUnknown', '1']],
    });
    add(Family.Unknown, '__proto__', { body: `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}` });
    for (const leaf of first(leaves.filter((l) => isObject(l.value)))) {
      add(Family.Unknown, `${leaf.field}.zzUnknown`, {
        body: withLeaf(leaf, { ...(leaf.value as object), zzUnknown: 1 }),
      });
    }

    for (const p of op.pathParams) {
      for (const bad of [randomUUID(), ...BAD_IDS, encodeURIComponent((known[p.name] ?? randomUUID()).toUpperCase())]) {
        add(Family.BadId, p.name, { params: { [p.name]: bad.includes('%') ? bad : encodeURIComponent(bad) } });
      }
    }
    for (const leaf of first(leaves.filter((l) => l.schema.format === 'uuid' || /Id$/.test(l.name)))) {
      for (const bad of [randomUUID(), 'not-a-uuid']) add(Family.BadId, leaf.field, { body: withLeaf(leaf, bad) });
    }
    for (const p of query.filter((q) => q.schema?.format === 'uuid' || /Id$/.test(q.name))) {
      for (const bad of [randomUUID(), 'not-a-uuid']) add(Family.BadId, p.name, { query: [[p.name, bad]] });
    }

    for (const p of query.filter((q) => q.name === 'cursor')) {
      for (const bad of BAD_CURSORS)
        add(Family.BadPage, `cursor=${bad.slice(0, 12)}`, { query: [[p.name, encodeURIComponent(bad)]] });
    }
    for (const p of query.filter((q) => q.name === 'limit')) {
      for (const bad of BAD_LIMITS)
        add(Family.BadPage, `limit=${bad.slice(0, 12)}`, { query: [[p.name, encodeURIComponent(bad)]] });
    }

    for (const leaf of first(leaves.filter((l) => kindOfText(l.name, l.schema) !== undefined))) {
      for (const bad of badValuesFor(kindOfText(leaf.name, leaf.schema)!))
        add(Family.BadZoneOrDate, `${leaf.field}=${bad.slice(0, 20)}`, { body: withLeaf(leaf, bad) });
    }
    for (const p of query.filter((q) => kindOfText(q.name, q.schema ?? {}) !== undefined)) {
      for (const bad of badValuesFor(kindOfText(p.name, p.schema ?? {})!))
        add(Family.BadZoneOrDate, `${p.name}=${bad.slice(0, 20)}`, { query: [[p.name, encodeURIComponent(bad)]] });
    }
    return probes;
  }

  interface Leaf {
    path: Array<string | number>;
    field: string;
    name: string;
    schema: Schema;
    value: unknown;
  }

  /** Every field of a sample body, nested objects and arrays included, with its schema. */
  function leavesOf(value: unknown, schema: Schema, path: Array<string | number> = []): Leaf[] {
    const s = resolve(schema);
    const name = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
    const here: Leaf[] = path.length > 0 ? [{ path, field: path.join('.'), name, schema: s, value }] : [];
    if (Array.isArray(value) && s.items)
      return [...here, ...value.flatMap((v, i) => leavesOf(v, s.items!, [...path, i]))];
    if (isObject(value)) {
      return [
        ...here,
        ...Object.entries(value).flatMap(([k, v]) =>
          leavesOf(v, s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {}), [
            ...path,
            k,
          ]),
        ),
      ];
    }
    return here;
  }

  function resolve(schema: Schema): Schema {
    let s = schema;
    if (s.allOf?.length === 1) s = { ...s, ...s.allOf[0] };
    while (s.$ref)
      s = { ...doc.components.schemas[s.$ref.replace('#/components/schemas/', '')], ...{ ...s, $ref: undefined } };
    return s;
  }

  /** A plausible value for `schema`: real ids where the name says which, examples, enum members, future dates. */
  function sample(schema: Schema, name: string, optionalToo: boolean, known: Record<string, string>): unknown {
    const s = resolve(schema);
    if (s.enum) return s.enum[0];
    // Examples were written in early 2026: dates move to 2030, so "not in the past" rules hold.
    if (typeof s.example === 'string' && kindOfText(name, s) === 'date') return s.example.replace(/^\d{4}/, '2030');
    if (s.example !== undefined) return s.example;
    if (s.type === 'array') return s.items ? [sample(s.items, name, optionalToo, known)] : [];
    if (s.type === 'object' || s.properties) {
      const wanted = Object.entries(s.properties ?? {}).filter(([k]) => optionalToo || s.required?.includes(k));
      if (wanted.length === 0 && typeof s.additionalProperties === 'object') {
        return { key: sample(s.additionalProperties, 'key', optionalToo, known) };
      }
      return Object.fromEntries(wanted.map(([k, v]) => [k, sample(v, k, optionalToo, known)]));
    }
    if (s.type === 'number' || s.type === 'integer') return s.minimum ?? 1;
    if (s.type === 'boolean') return true;
    if (s.format === 'uuid' || /Id$/.test(name)) {
      return known[name] ?? known[name.replace(/^to([A-Z])/, (_, c: string) => c.toLowerCase())] ?? randomUUID();
    }
    if (/email/i.test(name)) return 'someone@example.org';
    return 'text'.padEnd(s.minLength ?? 0, 'x');
  }

  /** `root` with `value` at `path`; containers missing on the way are made from their schema's required fields. */
  function setAt(
    root: unknown,
    schema: Schema,
    path: Array<string | number>,
    value: unknown,
    known: Record<string, string>,
  ): unknown {
    const copy = structuredClone(root);
    let node = copy as Record<string | number, unknown>;
    let s = resolve(schema);
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        node[key] = value;
        break;
      }
      const child = resolve(
        typeof key === 'number'
          ? (s.items ?? {})
          : (s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {})),
      );
      node[key] ??= sample(child, String(key), false, known);
      node = node[key] as Record<string | number, unknown>;
      s = child;
    }
    return copy;
  }

  async function send(op: Operation, probe: Probe, who: Who): Promise<Answer> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => probe.params[name] ?? '');
    const query = probe.query.map(([k, v]) => `${k}=${v}`).join('&');
    const headers: Record<string, string> = { 'X-Forwarded-For': randomIp() };
    if (who !== 'anonymous') headers.Authorization = (who === 'user' ? user : admin).auth;
    if (probe.body !== undefined) {
      headers['Content-Type'] = probe.contentType ?? 'application/json';
      // Node's client sends bodies of GET and DELETE neither chunked nor with a length unless told.
      headers['Content-Length'] = String(Buffer.byteLength(probe.body));
    }
    return httpRequest(op.method, query ? `${path}?${query}` : path, headers, probe.body);
  }

  function httpRequest(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
    return new Promise((done, fail) => {
      const req = request(`${baseUrl}${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(body);
    });
  }
});

/** Undefined when the answer is acceptable; otherwise what is wrong with it. */
function checkAnswer(res: Answer, causeOf: (requestId: string) => string | undefined): string | undefined {
  if (res.status >= 500) return causeOf(String(res.headers['x-request-id'])) ?? res.text.slice(0, 120);
  if (res.status < 400) return undefined;
  const type = String(res.headers['content-type']);
  if (!type.startsWith('application/problem+json')) return `content-type ${type}: ${res.text.slice(0, 80)}`;
  try {
    const body = JSON.parse(res.text) as { status?: unknown; code?: unknown };
    if (body.status !== res.status || typeof body.code !== 'string') return `not a problem: ${res.text.slice(0, 80)}`;
  } catch {
    return `not JSON: ${res.text.slice(0, 80)}`;
  }
  return undefined;
}

/** One line per operation, family, target and outcome, with who met it: "POST /api/v1/x [NUL: title] 500 (user, admin) Error: ...". */
function summarize(failures: Failure[]): string[] {
  const lines = new Map<string, Set<Who>>();
  for (const f of failures) {
    const key = `${f.op.method} ${f.op.path} [${f.probe.family}: ${f.probe.target}] ${f.status}\u0001${f.wrong}`;
    lines.set(key, (lines.get(key) ?? new Set<Who>()).add(f.who));
  }
  return [...lines].map(([key, who]) => key.replace('\u0001', ` (${[...who].join(', ')}) `)).sort();
}

function listOperations(doc: OpenApiDocument): Operation[] {
  const rank = (op: Operation): number =>
    op.method === 'GET' ? 0 : op.method === 'DELETE' || ENDS_SOMETHING.test(op.path) ? 2 : 1;
  return (
    Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query'),
          body: op.requestBody?.content['application/json']?.schema,
          secured: (op.security ?? []).length > 0,
        })),
      )
      // Reads first and removals last, so the fixtures live as long as possible.
      .sort((a, b) => rank(a) - rank(b))
  );
}

async function runPool(jobs: Array<() => Promise<void>>, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const json = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function wrongTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'twelve';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { not: 'an array' };
  return 'not an object';
}

type TextKind = 'zone' | 'date' | 'time';

/** Which bad values a text field deserves, from its name, format and example. */
function kindOfText(name: string, schema: Schema): TextKind | undefined {
  if (/zone/i.test(name)) return 'zone';
  const example = typeof schema.example === 'string' ? schema.example : '';
  if (
    schema.format === 'date' ||
    schema.format === 'date-time' ||
    /date|^from$|^to$|[a-z](From|To)$|until|since/i.test(name) ||
    /^\d{4}-\d\d-\d\d/.test(example)
  )
    return 'date';
  if (/^\d\d:\d\d$/.test(example) || /time$/i.test(name)) return 'time';
  return undefined;
}

function badValuesFor(kind: TextKind): string[] {
  return kind === 'zone' ? BAD_ZONES : kind === 'date' ? BAD_DATES : BAD_TIMES;
}
