import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;

/** Used only outside production, so a fresh clone starts without any setup. */
const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0000';
const DEV_UNSUBSCRIBE_SECRET = 'dev-only-unsubscribe-secret-change-me-0000';
const DEV_BADGE_KEY_ENCRYPTION_KEY = '646576206f6e6c793a206e6f7420612073656372657420696e2070726f64210a';

/**
 * Every setting the platform reads, validated once at boot. README.md documents each variable;
 * nothing else in the code base reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Base URL people reach the API at; used for links in emails. Unset: `http://localhost:<PORT>` (loadConfig). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * API processes sharing PORT (Node's cluster), each with its own DATABASE_POOL_SIZE connections; 0: one per core
   * this process may run on. Nothing is shared in memory between them (sessions, rate limits and jobs live in
   * PostgreSQL and Redis). In a container limited to fewer cores than the machine has, set it to that limit.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(64)
  API_PROCESSES = 0;

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@localhost:5432/commonplace';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://localhost:6379';

  /** Prefix of every Redis key (queues, rate limits), so several deployments or test runs can share a server. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 letters, digits, _ or -' })
  REDIS_PREFIX = 'cp';

  @IsString()
  @MinLength(32)
  JWT_SECRET = DEV_JWT_SECRET;

  /** Signs one-click unsubscribe links (HMAC-SHA256). Changing it breaks every link in mail already sent. */
  @IsString()
  @MinLength(32)
  UNSUBSCRIBE_SECRET = DEV_UNSUBSCRIBE_SECRET;

  /**
   * Encrypts badge issuers' private signing keys at rest (AES-256-GCM): 32 random bytes as 64 hex digits. Keep
   * it: without it the stored keys cannot sign again (issued badges still verify: their public keys are public).
   */
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'BADGE_KEY_ENCRYPTION_KEY must be 32 bytes as 64 hex digits' })
  BADGE_KEY_ENCRYPTION_KEY = DEV_BADGE_KEY_ENCRYPTION_KEY;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** scrypt cost (N). 2^15 uses 32 MiB per hash: memory-hard, about 50-100 ms here. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1048576)
  SCRYPT_COST = 32768;

  /** smtp(s)://user:pass@host:port. Unset: mail is written to MAIL_DIR as .eml files (the dev mailbox). */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsEmail()
  MAIL_FROM_ADDRESS = 'no-reply@commonplace.localhost';

  @IsString()
  MAIL_FROM_NAME = 'Commonplace';

  @IsString()
  MAIL_DIR = 'var/mail';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  MAIL_RATE_PER_SECOND = 50;

  /** SMTP connections each worker process keeps open to the provider. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  SMTP_POOL_SIZE = 5;

  /** Email jobs (mostly batches of up to 100 rows) each worker process runs at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  EMAIL_BATCH_CONCURRENCY = 4;

  /**
   * How long before its instant a digest becomes an email ledger row, waiting there (its job delayed in Redis)
   * until it is due: digests are due in bursts, at the top of each hour, and releasing a burst ahead leaves the
   * hour itself to composing and sending. A change of digest hour, zone or quiet hours made after the release
   * applies from the next digest (turning digests off still stops it: that is checked at send time). 0: at the
   * instant.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  DIGEST_RELEASE_AHEAD_SECONDS = 600;

  /** How long a peer-review lease lasts (renewable while drafting): `next` hands a submission for this long. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(1440)
  PEER_REVIEW_LEASE_MINUTES = 120;

  /** Largest file a learner may attach to a submission, in bytes (default 10 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104_857_600)
  PEER_REVIEW_ATTACHMENT_MAX_BYTES = 10_485_760;

  /**
   * File types a learner may attach, by name, comma-separated; each is recognised from the file's bytes, never its
   * name. The names peer review knows (checked at boot): pdf, png, jpeg, gif, webp, txt, zip, docx, odt.
   */
  @Matches(/^[a-z0-9]+(,[a-z0-9]+)*$/, { message: 'PEER_REVIEW_ATTACHMENT_TYPES must be names like pdf,png,txt' })
  PEER_REVIEW_ATTACHMENT_TYPES = 'pdf,png,jpeg,gif,webp,txt,zip,docx,odt';

  /** Attachments one submission version may carry (0 turns attachments off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  PEER_REVIEW_ATTACHMENTS_PER_VERSION = 5;

  /**
   * Where attachment bytes live, so every API replica serves them: `postgres` (a table of peer review's) or `s3`
   * (an S3-compatible bucket: PEER_REVIEW_S3_* below).
   */
  @IsIn(['postgres', 's3'])
  PEER_REVIEW_ATTACHMENT_STORE: 'postgres' | 's3' = 'postgres';

  /** The S3-compatible endpoint, e.g. `https://s3.eu-west-1.amazonaws.com` or a MinIO URL. Required for `s3`. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PEER_REVIEW_S3_ENDPOINT must be an http(s) URL' })
  PEER_REVIEW_S3_ENDPOINT?: string;

  /** The bucket attachments are written to. Required for `s3`. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'PEER_REVIEW_S3_BUCKET must be a valid bucket name' })
  PEER_REVIEW_S3_BUCKET?: string;

  @IsString()
  PEER_REVIEW_S3_REGION = 'us-east-1';

  /** Credentials of the bucket (both or neither; neither: the SDK's default chain, e.g. an instance role). */
  @IsOptional()
  @IsString()
  PEER_REVIEW_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  PEER_REVIEW_S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addressing (`endpoint/bucket/key`), which MinIO and most S3-compatible servers need. */
  @Transform(toBoolean)
  @IsBoolean()
  PEER_REVIEW_S3_FORCE_PATH_STYLE = true;

  /**
   * Published outbox events are deleted this many days after they were published (unpublished and quarantined
   * ones never). Nothing dedupes on an event, so any length keeps the guarantees; it bounds how far back an operator
   * can look at, or replay, what was relayed.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_OUTBOX_DAYS = 30;

  /**
   * Released and cancelled schedule rows are deleted this many days after they were due (pending ones never).
   * At least 14: a schedule key can be planned again up to 8 days after it was due (a meeting reminder a week
   * ahead, moved to the evening before by quiet hours; a digest's local date across zones), and the released row
   * is what refuses it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(14)
  @Max(3650)
  RETENTION_SCHEDULE_DAYS = 30;

  /**
   * Sent, skipped and failed email ledger rows are deleted this many days after they finished (pending and
   * sending ones never), and not before their key may no longer be requested (`key_held_until`, e.g. a meeting
   * change until the meeting). At least 14, for the same reason as RETENTION_SCHEDULE_DAYS: each table refuses a
   * second copy on its own.
   */
  @Type(() => Number)
  @IsInt()
  @Min(14)
  @Max(3650)
  RETENTION_EMAIL_DAYS = 90;

  /** Rows one retention statement deletes: bounds each transaction's locks and WAL. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(100_000)
  RETENTION_BATCH_SIZE = 5000;

  /**
   * How long one retention run may go on (it shares the maintenance queue with the reconciler); what is left goes
   * in the next run, ten minutes later.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  RETENTION_RUN_SECONDS = 20;

  /** Bearer token a Prometheus scraper may present at GET /metrics (admins' access tokens work too). */
  @IsOptional()
  @IsString()
  @MinLength(32)
  METRICS_TOKEN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Matches(/^\d+(b|kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb' })
  BODY_LIMIT = '100kb';

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_EMAIL_PER_15_MINUTES = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_PER_IP_PER_HOUR = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAIL_PER_EMAIL_PER_HOUR = 5;

  /**
   * Writes (POST, PUT, PATCH, DELETE) per client address per minute, every route included. Higher than the
   * per-account budget: a classroom or an office may share one address.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITES_PER_IP_PER_MINUTE = 300;

  /** Writes per signed-in account per minute, whatever address they come from: a person clicking never gets near. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITES_PER_USER_PER_MINUTE = 60;

  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO = true;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/**
 * The development key, or one no random generator would make: a 32-byte key from `openssl rand` has about 30
 * distinct byte values, a typed or patterned one (all zeros, "0123…", a repeated word) far fewer.
 */
function isWeakKey(hex: string, devKey: string): boolean {
  if (hex.toLowerCase() === devKey) return true;
  return new Set(Buffer.from(hex, 'hex')).size < 16;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates settings from an environment-like object; throws one error naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: false });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
  if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET: must be set to a secret of at least 32 characters in production');
  }
  if (config.isProduction && config.UNSUBSCRIBE_SECRET === DEV_UNSUBSCRIBE_SECRET) {
    problems.push('UNSUBSCRIBE_SECRET: must be set to a secret of at least 32 characters in production');
  }
  if (config.isProduction && isWeakKey(config.BADGE_KEY_ENCRYPTION_KEY, DEV_BADGE_KEY_ENCRYPTION_KEY)) {
    problems.push('BADGE_KEY_ENCRYPTION_KEY: must be set to 32 random bytes in production, e.g. openssl rand -hex 32');
  }
  if (config.PEER_REVIEW_ATTACHMENT_STORE === 's3') {
    if (!config.PEER_REVIEW_S3_BUCKET) problems.push('PEER_REVIEW_S3_BUCKET: required when the attachment store is s3');
    if (!config.PEER_REVIEW_S3_ENDPOINT) {
      problems.push('PEER_REVIEW_S3_ENDPOINT: required when the attachment store is s3');
    }
  }
  if (Boolean(config.PEER_REVIEW_S3_ACCESS_KEY_ID) !== Boolean(config.PEER_REVIEW_S3_SECRET_ACCESS_KEY)) {
    problems.push('PEER_REVIEW_S3_ACCESS_KEY_ID, PEER_REVIEW_S3_SECRET_ACCESS_KEY: set both or neither');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  // plainToInstance copies every env var onto the instance; keep only the declared settings.
  const clean = new AppConfig();
  for (const key of Object.keys(clean) as (keyof AppConfig)[]) {
    (clean as unknown as Record<string, unknown>)[key] = config[key];
  }
  // Unset, it follows PORT: with only PORT changed, links in emails must still reach this process.
  if (defined.PUBLIC_URL === undefined) clean.PUBLIC_URL = `http://localhost:${clean.PORT}`;
  if (config.SMTP_URL) clean.SMTP_URL = config.SMTP_URL;
  if (config.METRICS_TOKEN) clean.METRICS_TOKEN = config.METRICS_TOKEN;
  for (const key of [
    'PEER_REVIEW_S3_ENDPOINT',
    'PEER_REVIEW_S3_BUCKET',
    'PEER_REVIEW_S3_ACCESS_KEY_ID',
    'PEER_REVIEW_S3_SECRET_ACCESS_KEY',
  ] as const) {
    if (config[key]) clean[key] = config[key];
  }
  return clean;
}
