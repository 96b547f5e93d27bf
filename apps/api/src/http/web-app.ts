import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
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
  const setHeaders = (res: ServerResponse, path: string): void => {
    for (const [name, value] of Object.entries(WEB_APP_HEADERS)) res.setHeader(name, value);
    const hashed = path.startsWith(join(dist, 'assets'));
    res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  app.use(precompressedFiles(dist, setHeaders));
  app.useStaticAssets(dist, { index: false, setHeaders });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPageRequest = (req.method === 'GET' || req.method === 'HEAD') && req.accepts('html') === 'html';
    if (!isPageRequest || SERVER_PATHS.some((p) => req.path.startsWith(p))) return next();
    res.set(WEB_APP_HEADERS).set('Cache-Control', 'no-cache').type('html').send(page);
  });
}

/** Content codings the build writes beside a file (apps/web/vite.config.mts), best first. */
const CODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

/**
 * Sends a file of the build compressed, as the browser accepts it, when the build wrote `<file>.br` or `<file>.gz`
 * beside it (the search page's script is 500 KB plain, 130 KB in brotli); the plain file otherwise, from the static
 * files after this. Every answer for such a file varies with Accept-Encoding, so a cache in between keeps them apart.
 */
function precompressedFiles(
  dist: string,
  setHeaders: (res: ServerResponse, path: string) => void,
): (req: Request, res: Response, next: NextFunction) => void {
  const variants = new Map<string, { path: string; codings: Set<string> }>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      for (const { coding, suffix } of CODINGS) {
        if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
        const original = path.slice(0, -suffix.length);
        if (!existsSync(original)) continue;
        const url = `/${relative(dist, original).split(sep).join('/')}`;
        const known = variants.get(url) ?? { path: original, codings: new Set<string>() };
        known.codings.add(coding);
        variants.set(url, known);
      }
    }
  };
  walk(dist);
  return (req, res, next) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? variants.get(req.path) : undefined;
    if (!file) return next();
    res.vary('Accept-Encoding');
    // Brotli whenever the browser takes it (browsers list codings at equal weight, gzip first): it is a seventh smaller.
    const chosen = CODINGS.find((c) => file.codings.has(c.coding) && req.acceptsEncodings(c.coding) === c.coding);
    if (!chosen) return next();
    setHeaders(res, file.path);
    res.type(extname(file.path)).setHeader('Content-Encoding', chosen.coding);
    // `send` keeps the Content-Type and Cache-Control set here; its ETag is the compressed file's own.
    res.sendFile(file.path + chosen.suffix, { cacheControl: false }, (err?: Error) => {
      // Gone since boot (a build over a running server): the plain file, if there is one, still answers.
      if (err && !res.headersSent) {
        res.removeHeader('Content-Encoding');
        next();
      }
    });
  };
}
