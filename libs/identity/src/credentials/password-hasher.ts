import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * scrypt (memory-hard, in node:crypto, no native build). The stored string names its parameters,
 * `scrypt$N$r$p$salt$key`, so the cost can be raised later without breaking old hashes.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly config: AppConfig) {}

  async hash(password: string): Promise<string> {
    const cost = this.config.SCRYPT_COST;
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, this.options(cost, BLOCK_SIZE, PARALLELISM));
    return ['scrypt', cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string | null): Promise<boolean> {
    // With no account to check against, still spend the same time, so timing does not reveal which emails exist.
    const target = stored ?? (await (this.dummy ??= this.hash('no-such-account')));
    const [scheme, n, r, p, salt, key] = target.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await scryptAsync(
      password,
      Buffer.from(salt, 'base64'),
      this.options(Number(n), Number(r), Number(p)),
    );
    return stored !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private options(cost: number, blockSize: number, parallelism: number): ScryptOptions {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is just too small for N = 2^15.
    return { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize };
  }
}
