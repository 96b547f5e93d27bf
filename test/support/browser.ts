import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startMailingStack, type MailingStack } from './mailing-stack';

/** Debian's Chromium (`.ci/run` installs it when missing); another build can be named by CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots go (kept by CI as artifacts; var/ is ignored by git). */
export const ARTIFACTS = join(__dirname, '..', '..', 'var', 'artifacts', 'web');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface BrowserStack extends MailingStack {
  /** The API's origin as the browser and the emails see it (PUBLIC_URL). */
  origin: string;
  browser: Browser;
  /** A fresh browser profile (no cookies) in a zone and a language, as a person elsewhere would have. */
  newContext(options?: {
    timezoneId?: string;
    locale?: string;
    viewport?: { width: number; height: number };
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The whole platform for browser journeys: the API (serving the built web app) listening on a port, the worker, a
 * real SMTP peer, and Chromium driven by Playwright. Nothing is downloaded: the browser is the system's.
 */
export async function startBrowserStack(settings: Record<string, string> = {}): Promise<BrowserStack> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const stack = await startMailingStack({ ...settings, PUBLIC_URL: origin });
  await stack.api.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    ...stack,
    origin,
    browser,
    newContext: ({ timezoneId = 'UTC', locale = 'en-US', viewport = DESKTOP } = {}) =>
      browser.newContext({ baseURL: origin, timezoneId, locale, viewport }),
    async close() {
      await browser.close();
      await stack.close();
    },
  };
}

/** The stack for a whole spec file (browser tests take longer than the default timeout to start). */
export function useBrowserStack(settings: Record<string, string>, ready: (stack: BrowserStack) => void): void {
  let stack: BrowserStack | undefined;
  beforeAll(async () => {
    stack = await startBrowserStack(settings);
    ready(stack);
  }, 120_000);
  afterAll(() => stack?.close(), 60_000);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) stays on for everything else.
  await page.evaluate(`${AXE_SOURCE};0`);
  // A string, evaluated in the page: this file is compiled without the DOM's types.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves the page at desktop and phone widths (var/artifacts/web/<name>-<width>.png). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/**
 * Logs the person in through the log-in page, in whatever language it speaks (the fields are found by name), and
 * waits until the page has taken them on to `next`.
 */
export async function logIn(page: Page, person: { user: { email: string | null }; password: string }, next = '/') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name=email]').fill(person.user.email ?? '');
  await page.locator('input[name=password]').fill(person.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname + url.search === next || url.pathname === next);
}

/**
 * The text of the first element the locator finds, once it is visible (jest's expect has no web-first assertions:
 * wait with this, then assert on the text).
 */
export async function visibleText(locator: Locator, timeout = 10_000): Promise<string> {
  const first = locator.first();
  await first.waitFor({ state: 'visible', timeout });
  return (await first.innerText()).trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
