import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Issuers, IssuerKeys } from '@app/badges';
import { main } from '../../scripts/badges';
import { startTestApi, type TestApi } from '../support/api-app';

// IssuerKeys logs its rotation through Nest's logger; built by hand here, it would print to the console.
Logger.overrideLogger(false);

/** `npm run badges:add-issuer | badges:rotate-key | badges:add-admin`, run against a real database. */
describe('npm run badges:*', () => {
  let api: TestApi;
  let env: Record<string, string | undefined>;
  let output: string[];
  let errors: string[];
  let log: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeAll(async () => {
    api = await startTestApi();
    env = {
      DATABASE_URL: api.config.DATABASE_URL,
      PUBLIC_URL: api.config.PUBLIC_URL,
      BADGE_KEY_ENCRYPTION_KEY: api.config.BADGE_KEY_ENCRYPTION_KEY,
    };
  });
  afterAll(() => api.close());
  beforeEach(() => {
    output = [];
    errors = [];
    log = jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
    error = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => {
    log.mockRestore();
    error.mockRestore();
  });

  const encryptedKeys = () =>
    api.db.query<{ ciphertext: string }[]>(
      `SELECT encode(private_key_ciphertext, 'hex') AS ciphertext FROM badge_issuer_keys`,
    );

  it('is wired as npm scripts', () => {
    const { scripts } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['badges:add-issuer']).toMatch(/node dist\/scripts\/badges\.js add-issuer$/);
    expect(scripts['badges:rotate-key']).toMatch(/node dist\/scripts\/badges\.js rotate-key$/);
    expect(scripts['badges:add-admin']).toMatch(/node dist\/scripts\/badges\.js add-admin$/);
  });

  it('adds an issuer with its first key, whose public profile then serves', async () => {
    expect(await main(['add-issuer', 'Harbour Guild', 'https://harbour.example', 'badges@harbour.example'], env)).toBe(
      0,
    );
    const [line] = output;
    const id = /Issuer ([0-9a-f-]{36}) added/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    expect(line).toContain(`${api.config.PUBLIC_URL}/api/v1/badges/issuers/${id}`);
    const issuer = await api.app.get(Issuers).get(id!);
    expect(issuer).toMatchObject({ name: 'Harbour Guild', url: 'https://harbour.example', platform: false });
    expect(await api.app.get(IssuerKeys).publicKeys(id!)).toHaveLength(1);

    const profile = await api.http().get(`/api/v1/badges/issuers/${id}`).set('Accept', 'application/ld+json');
    expect(profile.status).toBe(200);
  });

  it('rotates the platform issuer’s key, keeping the old one published, and prints nothing secret', async () => {
    const platformId = await api.app.get(Issuers).platformIssuerId();
    const before = await api.app.get(IssuerKeys).publicKeys(platformId);
    expect(await main(['rotate-key', 'platform'], env)).toBe(0);
    const after = await api.app.get(IssuerKeys).publicKeys(platformId);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((k) => k.retiredAt === null)).toHaveLength(1);
    expect(output.join('\n')).toContain(`now signs with key ${after.at(-1)!.id}`);

    const printed = output.join('\n');
    for (const { ciphertext } of await encryptedKeys()) expect(printed).not.toContain(ciphertext.slice(0, 16));
    expect(printed).not.toContain(api.config.BADGE_KEY_ENCRYPTION_KEY);
  });

  it('makes an account an admin of an issuer, by email', async () => {
    const person = await api.make.user({ email: 'harbour.admin@example.org' });
    const platformId = await api.app.get(Issuers).platformIssuerId();
    expect(await main(['add-admin', platformId, 'Harbour.Admin@example.org'], env)).toBe(0);
    expect(await api.app.get(Issuers).isAdmin(platformId, person.user.id)).toBe(true);
    expect(output.join('\n')).not.toContain('harbour.admin');
    // Again: nothing changes, nothing fails.
    expect(await main(['add-admin', 'platform', 'harbour.admin@example.org'], env)).toBe(0);
  });

  it('explains mistakes instead of crashing', async () => {
    expect(await main([], env)).toBe(2);
    expect(await main(['add-issuer', 'No Url'], env)).toBe(2);
    expect(await main(['add-issuer', 'Bad', 'javascript:alert(1)'], env)).toBe(2);
    expect(await main(['add-admin', 'platform', 'not-an-email'], env)).toBe(2);
    expect(errors.join('\n')).toContain('usage:');

    errors.length = 0;
    expect(await main(['rotate-key', '00000000-0000-4000-8000-000000000000'], env)).toBe(1);
    expect(await main(['rotate-key', 'nonsense'], env)).toBe(1);
    expect(await main(['add-admin', 'platform', 'nobody@example.org'], env)).toBe(1);
    expect(errors).toEqual([
      'No badge issuer has the id 00000000-0000-4000-8000-000000000000.',
      'No badge issuer has the id nonsense.',
      'No active account has that email.',
    ]);
  });
});
