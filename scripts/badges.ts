import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadgeIssuer, BadgeUrls, IssuerAdmin, IssuerKey, IssuerKeys, Issuers } from '@app/badges';
import { databaseOptions, loadConfig, SystemClock } from '@app/core';
import { IDENTITY_READ_VIEWS } from '@app/identity';
import { runCli } from './lib/cli';

const USAGE = `usage:
  npm run badges:add-issuer -- <name> <url> [email]       a new badge issuer (one per organization), with its first key
  npm run badges:rotate-key -- <issuerId|platform>        retire the issuer's signing key and make a new one
  npm run badges:add-admin -- <issuerId|platform> <email> let an account manage the issuer's badges

Private keys are made and stored encrypted under BADGE_KEY_ENCRYPTION_KEY; nothing secret is printed.`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Operator commands for badge issuers (issue 14), run where the database is reachable: issuers and their admins
 * are not managed over HTTP. `<issuerId|platform>`: an issuer's id, or `platform` for the platform's own.
 */
export async function main(args: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...rest] = args;
  const usage = (problem?: string): number => {
    console.error(problem ? `${problem}\n\n${USAGE}` : USAGE);
    return 2;
  };
  if (command === 'add-issuer') {
    const [name, url, email] = rest;
    if (!name?.trim() || !url || rest.length > 3) return usage();
    if (!/^https?:\/\/[^\s/]+/.test(url)) return usage('The url must be an http(s) address.');
    if (email !== undefined && !EMAIL.test(email)) return usage('The email does not look like an address.');
  } else if (command === 'rotate-key') {
    if (rest.length !== 1) return usage();
  } else if (command === 'add-admin') {
    if (rest.length !== 2 || !EMAIL.test(rest[1]!)) return usage();
  } else {
    return usage(command ? `Unknown command ${command}.` : undefined);
  }

  const config = loadConfig(env);
  const dataSource = new DataSource({ ...databaseOptions(config), entities: [BadgeIssuer, IssuerKey, IssuerAdmin] });
  await dataSource.initialize();
  try {
    const keys = new IssuerKeys(dataSource, config, new SystemClock());
    const issuers = new Issuers(dataSource, config, keys);
    const urls = new BadgeUrls(config);
    const issuerOf = async (given: string): Promise<string | null> => {
      if (given === 'platform') return issuers.platformIssuerId();
      if (!UUID.test(given)) return null;
      const [row] = await dataSource.query<unknown[]>(`SELECT 1 FROM badge_issuers WHERE id = $1`, [given]);
      return row ? given : null;
    };

    if (command === 'add-issuer') {
      const [name, url, email] = rest as [string, string, string | undefined];
      const issuer = await issuers.add({ name: name.trim(), url, email: email ?? null });
      console.log(`Issuer ${issuer.id} added: ${urls.issuer(issuer.id)}`);
      return 0;
    }

    const issuerId = await issuerOf(rest[0]!);
    if (!issuerId) {
      console.error(`No badge issuer has the id ${rest[0]}.`);
      return 1;
    }
    if (command === 'rotate-key') {
      const key = await keys.rotate(issuerId);
      console.log(`Issuer ${issuerId} now signs with key ${key.id}: ${urls.key(issuerId, key.id)}`);
      console.log('Earlier keys stay published, so the badges they signed still verify.');
      return 0;
    }
    const [person] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM ${IDENTITY_READ_VIEWS.people} WHERE email = lower($1) AND deleted_at IS NULL`,
      [rest[1]!.trim()],
    );
    if (!person) {
      console.error('No active account has that email.');
      return 1;
    }
    await issuers.addAdmin(issuerId, person.id);
    console.log(`That account now manages the badges of issuer ${issuerId}.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  // IssuerKeys reports a rotation through Nest's logger; here the command prints its own line instead.
  Logger.overrideLogger(false);
  runCli(() => main(process.argv.slice(2)));
}
