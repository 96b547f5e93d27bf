import { loadConfig } from '@app/core';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher (scrypt)', () => {
  const hasher = new PasswordHasher(loadConfig({ SCRYPT_COST: '1024' }));

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts each hash and records its parameters, never the password', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('same password');
  });

  it('still verifies hashes made with an older, lower cost after the cost is raised', async () => {
    const old = await hasher.hash('kept from last year');
    const stronger = new PasswordHasher(loadConfig({ SCRYPT_COST: '4096' }));
    expect(await stronger.verify('kept from last year', old)).toBe(true);
    expect(await stronger.hash('x')).toMatch(/^scrypt\$4096\$/);
  });

  it('says no when there is no account, rather than throwing', async () => {
    expect(await hasher.verify('anything', null)).toBe(false);
    expect(await hasher.verify('anything', 'not-a-hash')).toBe(false);
  });

  it('uses memory-hard parameters by default (N = 2^15, 32 MiB)', async () => {
    const production = new PasswordHasher(loadConfig({}));
    const stored = await production.hash('default cost');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await production.verify('default cost', stored)).toBe(true);
  });
});
