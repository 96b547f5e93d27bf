import { defineConfig } from 'vite';

/**
 * The web app (issue 15): built into apps/web/dist, which the API serves at `/` (one origin, no CORS). For local
 * work, `npx vite apps/web` serves it with hot reload and proxies the API to the process `npm start` runs.
 */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The search page's budget is 200 KB gzipped (issue 15), checked by bench/web, not by this warning.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // "use client" in TanStack Query's modules is for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
