import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { fromRepoRoot } from '@app/core';
import { apiProcessCount } from '../../apps/api/src/cluster';

/**
 * The API's cluster (apps/api/src/cluster.ts), run for real: the supervisor compiled as main.ts uses it, serving a
 * small HTTP server in each worker (booting the whole API per process would only make this slower), in processes
 * of their own.
 */

const SERVER = `
const http = require('node:http');
const { runClustered } = require('./cluster.js');
runClustered(Number(process.env.PROCESSES), async () => {
  if (process.env.FAIL_BOOT === '1') throw new Error('the database is not there');
  const server = http.createServer((req, res) => {
    const answer = () => res.end(String(process.pid));
    if (req.url === '/slow') setTimeout(answer, 700); else answer();
  });
  // As Nest's shutdown hooks do: stop accepting, finish what is in hand, then exit.
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  await new Promise((resolve) => server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
});
`;

let dir: string;
const running = new Set<ChildProcess>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cp-cluster-'));
  const source = readFileSync(fromRepoRoot('apps/api/src/cluster.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  writeFileSync(join(dir, 'cluster.js'), outputText);
  writeFileSync(join(dir, 'server.js'), SERVER);
});

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Supervisor {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startSupervisor(env: Record<string, string>): Supervisor {
  const child = spawn(process.execPath, [join(dir, 'server.js')], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/**
 * The pid of the process that answered, over a connection of its own. Bounded: a connection handed to a process
 * at the moment it is killed is never answered (the client retries, as `eventually` does).
 */
function answeredBy(port: number, path = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(Number(body)));
    });
    req.setTimeout(3_000, () => req.destroy(new Error('no answer within 3 s')));
    req.on('error', reject);
    req.end();
  });
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function pidsAnswering(port: number, requests = 12): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < requests; i++) pids.add(await answeredBy(port));
  return pids;
}

describe('the API on several cores (API_PROCESSES)', () => {
  it('0 means one process per core this process may run on', () => {
    expect(apiProcessCount(0)).toBe(availableParallelism());
    expect(apiProcessCount(3)).toBe(3);
  });

  it('serves one port from every process, and replaces a process that dies', async () => {
    const port = await freePort();
    const { child } = startSupervisor({ PROCESSES: '2', PORT: String(port) });
    const first = await eventually(
      () => pidsAnswering(port),
      (pids) => pids.size === 2,
    );
    expect(first.has(child.pid!)).toBe(false); // the primary only supervises

    const [victim] = [...first];
    process.kill(victim!, 'SIGKILL');
    const after = await eventually(
      () => pidsAnswering(port),
      (pids) => pids.size === 2 && !pids.has(victim!),
    );
    expect([...after].filter((pid) => first.has(pid))).toHaveLength(1);
  }, 90_000);

  it('on SIGTERM finishes the requests in hand, then every process exits', async () => {
    const port = await freePort();
    const supervisor = startSupervisor({ PROCESSES: '2', PORT: String(port) });
    const workers = await eventually(
      () => pidsAnswering(port),
      (pids) => pids.size === 2,
    );
    const slow = answeredBy(port, '/slow');
    await new Promise((resolve) => setTimeout(resolve, 200));
    supervisor.child.kill('SIGTERM');
    expect(workers.has(await slow)).toBe(true);
    expect(await supervisor.exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 90_000);

  it('stops, and says so, when a process cannot boot, instead of restarting it forever', async () => {
    const supervisor = startSupervisor({ PROCESSES: '2', PORT: String(await freePort()), FAIL_BOOT: '1' });
    expect(await supervisor.exited).toBe(1);
    expect(supervisor.stderr()).toContain('the database is not there');
    expect(supervisor.stderr()).toMatch(/API process \d+ failed to start/);
  }, 90_000);
});
