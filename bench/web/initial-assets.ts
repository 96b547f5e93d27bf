import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialFile {
  /** As the page asks for it: `/assets/index-….js`. */
  url: string;
  bytes: number;
  /** `gzip -9` of the file. */
  gzipBytes: number;
}

export interface InitialAssets {
  scripts: InitialFile[];
  styles: InitialFile[];
  scriptBytes: number;
  scriptGzipBytes: number;
  styleGzipBytes: number;
}

/** `import … from "./x.js"` and `export … from "./x.js"`; not `import("./x.js")`, which loads when asked. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^'"()]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/**
 * What every page of the built app (apps/web/dist) loads before it can render: the entry script that index.html
 * names, the chunks it imports statically (and they, in turn; what Vite lists as modulepreload), and the style
 * sheets. Each is gzipped here, at the level the build ships (`.gz`), so the figure holds whatever the server does.
 * Chunks behind `React.lazy` / `import()` are not initial and are left out.
 */
export function initialAssets(dist: string): InitialAssets {
  const page = readFileSync(join(dist, 'index.html'), 'utf8');
  const attribute = (tag: RegExp, name: string): string[] =>
    [...page.matchAll(tag)].map((m) => new RegExp(`\\b${name}="([^"]+)"`).exec(m[0])?.[1] ?? '').filter(Boolean);
  const entries = [
    ...attribute(/<script\b[^>]*\btype="module"[^>]*>/g, 'src'),
    ...attribute(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, 'href'),
  ];
  if (entries.length === 0) throw new Error(`${join(dist, 'index.html')} names no module script`);

  const scripts = new Map<string, InitialFile>();
  const visit = (url: string): void => {
    if (scripts.has(url)) return;
    const code = readFileSync(join(dist, url));
    scripts.set(url, { url, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
    for (const [, target] of code.toString('utf8').matchAll(STATIC_IMPORT)) {
      if (target?.startsWith('.')) visit(posix.join(posix.dirname(url), target));
      else if (target?.startsWith('/')) visit(target);
    }
  };
  for (const url of entries) visit(url);

  const styles = attribute(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, 'href').map((url) => {
    const css = readFileSync(join(dist, url));
    return { url, bytes: css.length, gzipBytes: gzipSync(css, { level: 9 }).length };
  });
  const sum = (files: InitialFile[], key: 'bytes' | 'gzipBytes'): number => files.reduce((a, f) => a + f[key], 0);
  const all = [...scripts.values()];
  return {
    scripts: all,
    styles,
    scriptBytes: sum(all, 'bytes'),
    scriptGzipBytes: sum(all, 'gzipBytes'),
    styleGzipBytes: sum(styles, 'gzipBytes'),
  };
}
