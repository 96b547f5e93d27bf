import { resolve } from 'node:path';
import type { AppConfig } from '@app/core';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAILPIT_UI = 'http://localhost:8025';

/** Where outgoing mail ends up, without credentials. */
export function mailDestination(config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_DIR'>, root: string): string {
  if (!config.SMTP_URL) {
    return `written as .eml files to ${resolve(root, config.MAIL_DIR)}; list them with \`npm run mailbox\``;
  }
  const url = new URL(config.SMTP_URL);
  // nodemailer's defaults when the URL names no port
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  const mailpit = url.hostname === 'mailpit' || (LOOPBACK.has(url.hostname) && port === '1025');
  return `sent through SMTP at ${url.hostname}:${port}` + (mailpit ? `; read it in mailpit at ${MAILPIT_UI}` : '');
}

/** The lines `npm start` prints once the API is ready. */
export function startupSummary(config: Pick<AppConfig, 'PORT' | 'SMTP_URL' | 'MAIL_DIR'>, root: string): string {
  const base = `http://localhost:${config.PORT}`;
  return [
    'Commonplace is running. Press Ctrl-C to stop.',
    `  Web app       ${base}/`,
    `  API           ${base}/api/v1`,
    `  OpenAPI docs  ${base}/docs  (JSON: ${base}/docs-json)`,
    `  Health        ${base}/health/ready`,
    `  Mail          ${mailDestination(config, root)}`,
  ].join('\n');
}
