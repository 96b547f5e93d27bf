import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { fromRepoRoot } from '@app/core';
import { QUEUE_BOARD_PATH } from '../operations/queue-board';

/** Where `npm run build:web` puts the web app. */
export const WEB_APP_DIST = fromRepoRoot('apps', 'web', 'dist');

/**
 * The web app's own headers. Its pages run only our scripts and styles from files (the build inlines none), talk
 * only to this origin, and cannot be framed; nothing of the URL leaves with a link to another site.
 */
export const WEB_APP_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Paths the server itself answers: never the web app's, whatever the browser asks for. */
const SERVER_PATHS = ['/api/', '/docs', '/health/', '/metrics', QUEUE_BOARD_PATH];

/**
 * Serves the built web app at `/`, from the API's own origin (no CORS to configure): its files, and its page for
 * every other GET that asks for HTML, so a link such as /groups/… or /verify-email?token=… opens in the app. Hashed
 * assets are cached for good; the page itself never, so a deploy is seen at once. Without a build (an API-only
 * deployment, most tests) nothing is mounted.
 */
export function mountWebApp(app: NestExpressApplication, dist = WEB_APP_DIST): void {
  const indexFile = join(dist, 'index.html');
  if (!existsSync(indexFile)) return;
  const page = readFileSync(indexFile);
  app.useStaticAssets(dist, {
    index: false,
    setHeaders(res: ServerResponse, path: string) {
      for (const [name, value] of Object.entries(WEB_APP_HEADERS)) res.setHeader(name, value);
      const hashed = path.startsWith(join(dist, 'assets'));
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPageRequest = (req.method === 'GET' || req.method === 'HEAD') && req.accepts('html') === 'html';
    if (!isPageRequest || SERVER_PATHS.some((p) => req.path.startsWith(p))) return next();
    res.set(WEB_APP_HEADERS).set('Cache-Control', 'no-cache').type('html').send(page);
  });
}
