import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `<file>.br` and `<file>.gz` beside each script, style sheet and SVG of the build, at the strongest levels
 * (a second's work once per build), so the API sends them compressed without compressing on every request
 * (apps/api/src/http/web-app.ts). Source maps stay plain: only someone opening the developer tools loads them.
 */
function precompress(): Plugin {
  const COMPRESSIBLE = /\.(js|mjs|css|svg|html|json|txt)$/;
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'commonplace-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      // From disk, as written (a chunk's `code` may lack what is appended on writing, such as the map's address).
      const written = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      // Every one, small chunks too: code splitting makes many, and each still saves more than its header costs.
      const files = await Promise.all(
        written.map(async (name) => ({ name, data: await readFile(join(outDir, name)) })),
      );
      await Promise.all(
        files.flatMap(({ name, data }) => [
          br(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }).then((out) => writeFile(join(outDir, `${name}.br`), out)),
          gz(data, { level: constants.Z_BEST_COMPRESSION }).then((out) => writeFile(join(outDir, `${name}.gz`), out)),
        ]),
      );
    },
  };
}

/**
 * The web app (issue 15): built into apps/web/dist, which the API serves at `/` (one origin, no CORS). For local
 * work, `npx vite apps/web` serves it with hot reload and proxies the API to the process `npm start` runs.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The search page's budget is 200 KB gzipped (issue 15), checked by bench/web, not by this warning.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onLog(level, log, handler) {
        // "use client" in TanStack Query's modules is for React Server Components; a browser bundle has no use for it.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        // Brotli at its strongest takes most of a build, on purpose (see precompress): no news.
        if (log.code === 'PLUGIN_TIMINGS' && log.message.includes('commonplace-precompress')) return;
        handler(level, log);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
