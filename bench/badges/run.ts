import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { sign, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  Achievement,
  AwardIssuer,
  BadgesModule,
  BadgeUrls,
  BitstringStatusList,
  computeProofInputs,
  decodeBase58btcMultibase,
  fromPublicKeyMultibase,
  IssuerKeys,
  Issuers,
  verifyCredential,
  type AwardRequest,
  type DataIntegrityProof,
  type SignedCredential,
} from '@app/badges';
import { AppConfig, CoreModule, loadConfig } from '@app/core';
// Deep import: the benchmark times the signing share of issuance, which the library keeps to itself.
import { CredentialSigner } from '../../libs/badges/src/awards/credential-signer';
import { runWithCleanup } from '../support/cleanup';
import { describeMachine, machineBusyTicks, TICKS_PER_SECOND, waitForQuiet } from '../support/machine';
import { parseOptions } from '../support/options';
import { saveResult } from '../support/results';
import { createScratchRun } from '../support/scratch-run';
import { round2 } from '../support/stats';
import { seedFinishedCohort } from './seed';

/**
 * `npm run bench:badges [-- --learners 10000 --batch 500 --floor-sample 1000 --wait-quiet 60]`
 *
 * A cohort whose `--learners` learners all completed it (seeded in SQL) earns its cohort achievement: the benchmark
 * issues the credentials through the real AwardIssuer in a Nest context of the badges and core modules, `--batch`
 * requests per transaction as the rules handler issues them, and times it (signing, the status list, the inserts
 * and the outbox events included) → credentials/s. Then it verifies every stored credential as a verifier would
 * (eddsa-rdfc-2022 proof with the issuer's published keys, and the status bit read from the status list
 * credential, itself verified once per list) → credentials/s. The floor, in the same run: bare Ed25519 signing
 * (node:crypto) of the very bytes the proofs sign, precomputed for `--floor-sample` credentials and cycled to as
 * many signatures as credentials → signatures/s: what signing costs with canonization taken away.
 *
 * Then consistency checks, any failure exits 1: exactly one award per learner, every (list, index) distinct and
 * matching the credential's own entry, every status list credential verifies with no bit set, every credential
 * verifies, one `badge.awarded` event per award, and the floor's signatures equal the stored proofs.
 */
const DB_PREFIX = 'cp_bench_badges_';
const DEADLINE_MS = 30 * 60_000;
const TARGET_ISSUED_PER_SECOND = 200;

const options = parseOptions(process.argv.slice(2), {
  learners: [100, 100_000, 10_000],
  batch: [1, 5000, 500],
  floorSample: [10, 10_000, 1000],
  waitQuiet: [0, 600, 60],
});

const log = (line: string): void => console.log(line);

interface StoredAward {
  id: string;
  status_list_id: string;
  status_index: number;
  credential: SignedCredential & {
    credentialStatus: { statusListIndex: string; statusListCredential: string };
  };
}

/** Wall time, this process's CPU (main thread and signing threads) and the whole machine's busy cores, of `work`. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; processCpuSeconds: number; machineCores: number }> {
  const cpu = process.cpuUsage();
  const ticks = machineBusyTicks();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds,
    processCpuSeconds: (used.user + used.system) / 1e6,
    machineCores: (machineBusyTicks() - ticks) / TICKS_PER_SECOND / seconds,
  };
}

class CheckFailures {
  readonly failed: string[] = [];
  check(ok: boolean, what: string): void {
    log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) this.failed.push(what);
  }
}

runWithCleanup(DEADLINE_MS, async (cleanup) => {
  const baseConfig = loadConfig(process.env);
  const scratch = await createScratchRun(cleanup, baseConfig, DB_PREFIX);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch.databaseUrl,
    REDIS_PREFIX: scratch.redisPrefix,
    LOG_LEVEL: 'warn',
  });
  const db = new Client({ connectionString: scratch.databaseUrl });
  await db.connect();
  cleanup.add('seed connection', () => db.end());

  // Nest's own boot lines; the application's logs are pino's, at LOG_LEVEL.
  Logger.overrideLogger(['error', 'warn']);
  const app = await Test.createTestingModule({ imports: [CoreModule, BadgesModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  await app.init();
  cleanup.add('badges context', () => app.close());
  const dataSource = app.get(DataSource);
  const urls = app.get(BadgeUrls);

  // ---- Seed: the finished cohort and its achievement (the platform issuer and its key are made on first use).
  const seeding = performance.now();
  const cohort = await seedFinishedCohort(db, options.learners);
  const issuerId = await app.get(Issuers).platformIssuerId();
  const achievement = await dataSource.manager.save(
    dataSource.manager.create(Achievement, {
      issuerId,
      scopeType: 'cohort',
      scopeId: cohort.cohortId,
      name: 'Biogas builder',
      description: 'Built and ran a tube biogas digester with a cohort of peers.',
      criteriaNarrative: 'Complete every module of the cohort.',
      tags: ['biogas', 'cohort'],
      validityDays: null,
      rule: { kind: 'cohort-completed' },
      endorsementsNeeded: null,
    }),
  );
  const completed = (
    await db.query<{ user_id: string }>(
      `SELECT user_id FROM cohort_members
        WHERE cohort_id = $1 AND role = 'learner' AND completed_at IS NOT NULL ORDER BY user_id`,
      [cohort.cohortId],
    )
  ).rows.map((r) => r.user_id);
  await db.query('VACUUM ANALYZE');
  log(
    `Seeded a cohort of ${completed.length.toLocaleString('en')} learners who completed it in ` +
      `${((performance.now() - seeding) / 1000).toFixed(1)} s.`,
  );
  const machine = await describeMachine(db);
  log(
    `Machine: ${machine.cpus} CPUs (${availableParallelism()} available to Node), ${machine.memoryGiB} GiB, ${machine.node}.`,
  );
  if (options.waitQuiet > 0) {
    log(`Waiting up to ${options.waitQuiet} s for the machine to be quiet...`);
    await waitForQuiet(options.waitQuiet);
  }

  // ---- Issue, `--batch` requests a transaction, as the rules handler does.
  const issuer = app.get(AwardIssuer);
  const signing = timeSigning(app.get(CredentialSigner));
  const issuing = await measured(async () => {
    const outcomes: string[] = [];
    for (let from = 0; from < completed.length; from += options.batch) {
      const requests: AwardRequest[] = completed.slice(from, from + options.batch).map((recipientId) => ({
        achievementId: achievement.id,
        recipientId,
        source: 'rule',
        awardedBy: null,
        evidence: [],
      }));
      const batch = await dataSource.transaction((manager) => issuer.issue(manager, requests));
      outcomes.push(...batch.map((o) => o.outcome));
    }
    return outcomes;
  });
  const issuedPerSecond = completed.length / issuing.seconds;
  log(
    `Issued ${completed.length.toLocaleString('en')} credentials in ${issuing.seconds.toFixed(1)} s: ` +
      `${issuedPerSecond.toFixed(0)} credentials/s (target ${TARGET_ISSUED_PER_SECOND}), ` +
      `${((issuing.processCpuSeconds / completed.length) * 1000).toFixed(2)} ms CPU a credential in this process, ` +
      `${issuing.machineCores.toFixed(2)} cores of the machine busy; ` +
      `${signing.seconds().toFixed(1)} s of it signing (${availableParallelism()} threads), the rest in the database.`,
  );

  // ---- Verify every stored credential, as a verifier would: the proof, then the status bit.
  const awards = (
    await db.query<StoredAward>(
      `SELECT id, status_list_id, status_index, credential FROM badge_awards WHERE achievement_id = $1 ORDER BY id`,
      [achievement.id],
    )
  ).rows;
  const publicKeys = new Map<string, KeyObject>(
    (await app.get(IssuerKeys).publicKeys(issuerId)).map((k) => [
      urls.key(issuerId, k.id),
      fromPublicKeyMultibase(k.publicKeyMultibase),
    ]),
  );
  const resolve = (verificationMethod: string): KeyObject | undefined => publicKeys.get(verificationMethod);
  const listCredentials = new Map<string, Record<string, unknown>>(
    (
      await db.query<{ id: string; credential: Record<string, unknown> }>(
        `SELECT id, credential FROM badge_status_lists WHERE issuer_id = $1`,
        [issuerId],
      )
    ).rows.map((r) => [urls.statusList(r.id), r.credential]),
  );
  const lists = new Map<string, { verified: boolean; bits: BitstringStatusList | null }>();
  const statusOf = async (listUrl: string) => {
    let list = lists.get(listUrl);
    if (!list) {
      const credential = listCredentials.get(listUrl);
      const verified = credential ? (await verifyCredential(credential, resolve)).verified : false;
      const subject = credential?.credentialSubject as { encodedList?: string } | undefined;
      list = {
        verified,
        bits: verified && subject?.encodedList ? BitstringStatusList.decode(subject.encodedList) : null,
      };
      lists.set(listUrl, list);
    }
    return list;
  };
  const verifying = await measured(async () => {
    let proofsVerified = 0;
    let unrevoked = 0;
    for (const { credential } of awards) {
      if ((await verifyCredential(credential, resolve)).verified) proofsVerified++;
      const { bits } = await statusOf(credential.credentialStatus.statusListCredential);
      if (bits && !bits.get(Number(credential.credentialStatus.statusListIndex))) unrevoked++;
    }
    return { proofsVerified, unrevoked };
  });
  const verifiedPerSecond = awards.length / verifying.seconds;
  log(
    `Verified ${awards.length.toLocaleString('en')} credentials (proof and status bit) in ` +
      `${verifying.seconds.toFixed(1)} s: ${verifiedPerSecond.toFixed(0)} credentials/s, one thread.`,
  );

  // ---- The floor: bare Ed25519 signatures over the bytes the proofs sign (proof hash ‖ document hash).
  const key = await dataSource.transaction((manager) => app.get(Issuers).signingKey(manager, issuerId));
  const sample = awards.slice(0, Math.min(options.floorSample, awards.length));
  const signedBytes = await Promise.all(
    sample.map(async ({ credential }) => {
      const { proof, ...document } = credential;
      const { proofValue: _proofValue, ...proofConfiguration } = proof;
      const inputs = await computeProofInputs(document, proofConfiguration);
      return Buffer.concat([inputs.proofHash, inputs.documentHash]);
    }),
  );
  const floor = await measured(() => {
    const signatures: Buffer[] = [];
    for (let i = 0; i < awards.length; i++) {
      signatures.push(sign(null, signedBytes[i % signedBytes.length]!, key.privateKey));
    }
    return Promise.resolve(signatures);
  });
  const floorPerSecond = awards.length / floor.seconds;
  log(
    `Floor: ${awards.length.toLocaleString('en')} bare Ed25519 signatures of the same canonical hashes in ` +
      `${floor.seconds.toFixed(2)} s: ${floorPerSecond.toFixed(0)} signatures/s, one thread ` +
      `(issuance runs at ${((issuedPerSecond / floorPerSecond) * 100).toFixed(1)}% of it).`,
  );

  // ---- Consistency.
  log('Checks:');
  const checks = new CheckFailures();
  checks.check(
    issuing.value.length === completed.length && issuing.value.every((o) => o === 'issued'),
    `every one of the ${completed.length} requests was issued now`,
  );
  checks.check(awards.length === completed.length, `exactly ${completed.length} awards (found ${awards.length})`);
  const [counts] = (
    await db.query<{ people: number; entries: number; events: number }>(
      `SELECT (SELECT count(DISTINCT recipient_id)::int FROM badge_awards WHERE achievement_id = $1) AS people,
              (SELECT count(DISTINCT (status_list_id, status_index))::int FROM badge_awards) AS entries,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'badge.awarded') AS events`,
      [achievement.id],
    )
  ).rows as [{ people: number; entries: number; events: number }];
  checks.check(counts.people === completed.length, `one award per learner (${counts.people} people)`);
  checks.check(counts.entries === completed.length, `all (list, index) distinct (${counts.entries} distinct)`);
  checks.check(
    awards.every(
      (a) =>
        a.credential.credentialStatus.statusListCredential === urls.statusList(a.status_list_id) &&
        Number(a.credential.credentialStatus.statusListIndex) === a.status_index,
    ),
    'each credential names its own (list, index)',
  );
  checks.check(counts.events === completed.length, `one badge.awarded event per award (${counts.events} events)`);
  const listStates = await Promise.all([...listCredentials.keys()].map((url) => statusOf(url)));
  checks.check(
    listStates.length > 0 && listStates.every((l) => l.verified),
    `each of the ${listStates.length} status list credential(s) verifies`,
  );
  checks.check(
    listStates.every((l) => l.bits !== null && !hasAnyBitSet(l.bits)),
    'no status list has a bit set (nothing revoked)',
  );
  checks.check(
    verifying.value.proofsVerified === awards.length,
    `all ${awards.length} credentials verify (${verifying.value.proofsVerified} did)`,
  );
  checks.check(
    verifying.value.unrevoked === awards.length,
    `all ${awards.length} status bits read as not revoked (${verifying.value.unrevoked} did)`,
  );
  checks.check(
    floor.value
      .slice(0, sample.length)
      .every((signature, i) => signature.equals(decodeBase58btcMultibase(proofOf(sample[i]!).proofValue))),
    `the floor's ${sample.length} distinct signatures equal the stored proofs`,
  );

  const result = {
    date: new Date().toISOString(),
    options,
    machine: { ...machine, availableParallelism: availableParallelism() },
    issue: {
      credentials: completed.length,
      seconds: round2(issuing.seconds),
      credentialsPerSecond: round2(issuedPerSecond),
      targetPerSecond: TARGET_ISSUED_PER_SECOND,
      processCpuMsPerCredential: round2((issuing.processCpuSeconds / completed.length) * 1000),
      machineCores: round2(issuing.machineCores),
      signingSeconds: round2(signing.seconds()),
    },
    verify: {
      credentials: awards.length,
      seconds: round2(verifying.seconds),
      credentialsPerSecond: round2(verifiedPerSecond),
      processCpuMsPerCredential: round2((verifying.processCpuSeconds / awards.length) * 1000),
    },
    floor: {
      signatures: awards.length,
      distinctMessages: sample.length,
      seconds: round2(floor.seconds),
      signaturesPerSecond: round2(floorPerSecond),
    },
    statusLists: listStates.length,
    failedChecks: checks.failed,
  };
  log(`Saved ${saveResult('badges', result)}.`);
  if (checks.failed.length > 0) {
    // runWithCleanup exits 1 on a throw, after dropping the scratch database.
    throw new Error(`${checks.failed.length} consistency check(s) failed: ${checks.failed.join('; ')}`);
  }
  if (issuedPerSecond < TARGET_ISSUED_PER_SECOND) {
    log(`Consistent, but under the target of ${TARGET_ISSUED_PER_SECOND} credentials/s issued.`);
  } else {
    log('Consistent, and the target is met.');
  }
});

/** Wraps the signer to add up the wall time its batches take (the rest of issuance is SQL). */
function timeSigning(signer: CredentialSigner): { seconds: () => number } {
  let total = 0;
  const signAll = signer.signAll.bind(signer);
  signer.signAll = async (...args) => {
    const started = performance.now();
    try {
      return await signAll(...args);
    } finally {
      total += performance.now() - started;
    }
  };
  return { seconds: () => total / 1000 };
}

function hasAnyBitSet(bits: BitstringStatusList): boolean {
  for (let i = 0; i < bits.length; i++) if (bits.get(i)) return true;
  return false;
}

function proofOf(award: StoredAward): DataIntegrityProof {
  return award.credential.proof;
}
