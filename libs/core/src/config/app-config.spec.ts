import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts a fresh clone with defaults that point at local servers', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@localhost:5432/commonplace',
      REDIS_URL: 'redis://localhost:6379',
      SEED_DEMO: true,
      TRUST_PROXY: false,
    });
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('reads numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '8080', SEED_DEMO: 'false', TRUST_PROXY: 'true', SMTP_URL: 'smtp://mail:25' });
    expect(config).toMatchObject({ PORT: 8080, SEED_DEMO: false, TRUST_PROXY: true, SMTP_URL: 'smtp://mail:25' });
  });

  it('points PUBLIC_URL at the port the API listens on unless it is set', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://learn.example.org' }).PUBLIC_URL).toBe(
      'https://learn.example.org',
    );
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('refuses to run production on the built-in development secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/UNSUBSCRIBE_SECRET/);
    const secrets = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), UNSUBSCRIBE_SECRET: 'y'.repeat(40) };
    expect(() => loadConfig(secrets)).toThrow(/BADGE_KEY_ENCRYPTION_KEY/);
    expect(loadConfig({ ...secrets, BADGE_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex') }).isProduction).toBe(
      true,
    );
  });

  it('refuses a badge key encryption key that is missing, short or patterned in production, and says why', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), UNSUBSCRIBE_SECRET: 'y'.repeat(40) };
    for (const weak of ['00'.repeat(32), '0123456789abcdef'.repeat(4), 'deadbeef'.repeat(8)]) {
      expect(() => loadConfig({ ...production, BADGE_KEY_ENCRYPTION_KEY: weak })).toThrow(
        /BADGE_KEY_ENCRYPTION_KEY: must be set to 32 random bytes/,
      );
    }
    expect(() => loadConfig({ ...production, BADGE_KEY_ENCRYPTION_KEY: 'ab'.repeat(16) })).toThrow(/64 hex digits/);
    // Outside production the built-in development key keeps a fresh clone working.
    expect(loadConfig({}).BADGE_KEY_ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps only declared settings, not the rest of the environment', () => {
    const config = loadConfig({ HOME: '/root', AWS_SECRET_ACCESS_KEY: 'nope' });
    expect(Object.keys(config)).not.toContain('HOME');
    expect(Object.keys(config)).not.toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('refuses retention windows too short to keep a dedupe key for as long as it can be asked for again', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      RETENTION_OUTBOX_DAYS: 30,
      RETENTION_SCHEDULE_DAYS: 30,
      RETENTION_EMAIL_DAYS: 90,
      RETENTION_BATCH_SIZE: 5000,
      RETENTION_RUN_SECONDS: 20,
    });
    // A schedule key can be planned again up to 8 days after it was due: 13 days would leave too little margin.
    expect(() => loadConfig({ RETENTION_SCHEDULE_DAYS: '13' })).toThrow(/RETENTION_SCHEDULE_DAYS/);
    expect(() => loadConfig({ RETENTION_EMAIL_DAYS: '7' })).toThrow(/RETENTION_EMAIL_DAYS/);
    expect(() => loadConfig({ RETENTION_OUTBOX_DAYS: '0' })).toThrow(/RETENTION_OUTBOX_DAYS/);
    expect(() => loadConfig({ RETENTION_BATCH_SIZE: '10' })).toThrow(/RETENTION_BATCH_SIZE/);
    expect(
      loadConfig({ RETENTION_SCHEDULE_DAYS: '14', RETENTION_EMAIL_DAYS: '14', RETENTION_OUTBOX_DAYS: '1' }),
    ).toMatchObject({ RETENTION_SCHEDULE_DAYS: 14, RETENTION_EMAIL_DAYS: 14, RETENTION_OUTBOX_DAYS: 1 });
  });
});
