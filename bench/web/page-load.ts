import type { Browser } from 'playwright-core';

/** One page of the app to load cold, and what on it says "usable". */
export interface PageUnderTest {
  name: string;
  /** The path to open, e.g. `/` or `/groups/<id>`. */
  path: string;
  /** The element whose appearance means the page shows what it is for (the first result, the group's name). */
  ready: string;
}

export interface AssetResponse {
  url: string;
  status: number;
  contentEncoding: string | null;
  cacheControl: string | null;
  vary: string | null;
}

/** One cold load, in milliseconds from the start of navigation (the page's own clock). */
export interface LoadTiming {
  /** The page's HTML fully received. */
  htmlMs: number;
  /** The last script or style sheet asked for before the content showed, fully received. */
  assetsMs: number;
  /** The `ready` element first in the DOM, at the frame that paints it. */
  contentMs: number;
  /** Largest contentful paint (the last candidate reported once the content showed). */
  lcpMs: number;
  /** What the LCP element was: `tag.class` (no text: it could be someone's name). */
  lcpElement: string;
  /** Usable: both the content and the largest paint are on screen. */
  usableMs: number;
  /** The /api requests that started before the page was usable. */
  api: {
    requests: number;
    /** Time at least one of them was in flight (union of their intervals, up to `usableMs`). */
    wallMs: number;
    /** The longest request-sent → first-byte wait among them: the server's work plus loopback. */
    longestWaitMs: number;
    /** `wallMs / usableMs`. */
    share: number;
    paths: string[];
  };
  /** Bytes of script as they travelled (compressed bodies, Resource Timing's encodedBodySize), and decoded. */
  scriptBytes: { transferred: number; decoded: number; files: number };
  /**
   * CPU time of the renderer's main thread over the load (Chromium's Performance.getMetrics in thread ticks, read
   * once usable): running script (compiling included), style and layout, and every task together. Against the
   * time to usable, it tells work from waiting (for the network, the API, or a CPU that other work holds).
   */
  mainThreadMs: { script: number; styleAndLayout: number; tasks: number };
  /** The scripts' and style sheets' responses, for the compression and caching checks. */
  assets: AssetResponse[];
}

/**
 * Installed before any of the page's scripts run: `window.__benchReady` resolves with the time of the frame in which
 * `selector` first matches (a requestAnimationFrame callback runs just before that frame paints).
 */
const readyProbe = (selector: string): string => `(() => {
  const selector = ${JSON.stringify(selector)};
  window.__benchReady = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true });
  });
})();`;

/** Evaluated in the page once it is usable: its timings, from the Navigation, Resource and LCP entries. */
const READ_TIMINGS = `(async () => {
  const lcp = await new Promise((resolve) => {
    new PerformanceObserver((list) => resolve(list.getEntries())).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve([]), 2000);
  });
  const last = lcp[lcp.length - 1];
  const element = last && last.element
    ? last.element.tagName.toLowerCase() + (last.element.className ? '.' + String(last.element.className).split(' ')[0] : '')
    : '(none)';
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource').map((r) => ({
    path: new URL(r.name).pathname, initiatorType: r.initiatorType, startTime: r.startTime,
    requestStart: r.requestStart, responseStart: r.responseStart, responseEnd: r.responseEnd,
    encodedBodySize: r.encodedBodySize, decodedBodySize: r.decodedBodySize,
  }));
  return {
    readyAt: await window.__benchReady,
    lcpMs: last ? last.startTime : NaN,
    lcpElement: element,
    htmlMs: nav ? nav.responseEnd : NaN,
    resources,
  };
})()`;

interface PageTimings {
  readyAt: number;
  lcpMs: number;
  lcpElement: string;
  htmlMs: number;
  resources: {
    path: string;
    initiatorType: string;
    startTime: number;
    requestStart: number;
    responseStart: number;
    responseEnd: number;
    encodedBodySize: number;
    decodedBodySize: number;
  }[];
}

/** Length of the union of intervals. */
function unionMs(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Opens `page` from cold: a new browser context (empty cache, no cookies, new connections, as a first visit),
 * then waits until its content shows and reads what the browser measured. Throws when the page does not become
 * usable within `timeoutMs`.
 */
export async function coldLoad(
  browser: Browser,
  origin: string,
  target: PageUnderTest,
  context: { timezoneId: string; locale: string; viewport: { width: number; height: number } },
  timeoutMs = 30_000,
): Promise<LoadTiming> {
  const browserContext = await browser.newContext({ baseURL: origin, ...context });
  try {
    await browserContext.addInitScript({ content: readyProbe(target.ready) });
    const page = await browserContext.newPage();
    const cdp = await browserContext.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const assets: AssetResponse[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const headers = response.headers();
      assets.push({
        url: new URL(response.url()).pathname,
        status: response.status(),
        contentEncoding: headers['content-encoding'] ?? null,
        cacheControl: headers['cache-control'] ?? null,
        vary: headers.vary ?? null,
      });
    });
    await page.goto(target.path, { waitUntil: 'load', timeout: timeoutMs });
    // Evaluated through the DevTools protocol, which the page's CSP (no eval) leaves alone.
    const shown = await page.evaluate<number | null>(
      `Promise.race([window.__benchReady, new Promise((r) => setTimeout(() => r(null), ${timeoutMs}))])`,
    );
    if (shown === null) throw new Error(`${target.path}: "${target.ready}" did not show within ${timeoutMs} ms`);
    const t = await page.evaluate<PageTimings>(READ_TIMINGS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string): number => round1((metrics.find((m) => m.name === name)?.value ?? NaN) * 1000);

    const usableMs = Math.max(t.readyAt, t.lcpMs);
    const before = t.resources.filter((r) => r.startTime < usableMs);
    const api = before.filter((r) => r.path.startsWith('/api/'));
    const scripts = before.filter((r) => r.initiatorType === 'script' || r.path.endsWith('.js'));
    const assetEnds = before.filter((r) => /\.(js|css)$/.test(r.path)).map((r) => r.responseEnd);
    const apiWall = unionMs(api.map((r) => [r.startTime, Math.min(r.responseEnd, usableMs)]));
    return {
      htmlMs: round1(t.htmlMs),
      assetsMs: round1(Math.max(t.htmlMs, ...assetEnds)),
      contentMs: round1(t.readyAt),
      lcpMs: round1(t.lcpMs),
      lcpElement: t.lcpElement,
      usableMs: round1(usableMs),
      api: {
        requests: api.length,
        wallMs: round1(apiWall),
        longestWaitMs: round1(Math.max(0, ...api.map((r) => r.responseStart - r.requestStart))),
        share: Math.round((apiWall / usableMs) * 1000) / 1000,
        paths: api.map((r) => r.path),
      },
      scriptBytes: {
        transferred: scripts.reduce((a, r) => a + r.encodedBodySize, 0),
        decoded: scripts.reduce((a, r) => a + r.decodedBodySize, 0),
        files: scripts.length,
      },
      mainThreadMs: {
        script: metric('ScriptDuration'),
        styleAndLayout: round1(metric('RecalcStyleDuration') + metric('LayoutDuration')),
        tasks: metric('TaskDuration'),
      },
      assets,
    };
  } finally {
    await browserContext.close();
  }
}
