import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { fromRepoRoot } from '@app/core';
import { formatDateTime, isDateTimeStyle } from './format-date-time';

/** A folder of templates: `<name>.subject.hbs`, `<name>.html.hbs`, `<name>.text.hbs` and `messages/<locale>.json`. */
export interface TemplateSet {
  /** Absolute path, e.g. `fromRepoRoot('libs', 'identity', 'templates')`. */
  dir: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export const DEFAULT_LOCALE = 'en';

/** The shared layout and its strings (footer). */
const LAYOUT: TemplateSet = { dir: fromRepoRoot('libs', 'mail', 'templates') };

/** Language tags only: the locale becomes part of a file path. */
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const TEMPLATE_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

type Catalog = ReadonlyMap<string, string>;
type Mode = 'html' | 'text';

/** What rendering one template in one language reads, looked up once (a digest batch renders hundreds). */
interface Prepared {
  subject: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  layoutHtml: Handlebars.TemplateDelegate;
  layoutText: Handlebars.TemplateDelegate;
  catalogs: Catalog[];
}

/** Bounds the prepared templates: the locale comes from ledger rows. */
const MAX_PREPARED = 1000;

/** What the helpers read from Handlebars' private data (`options.data`). */
interface RenderData {
  locale: string;
  /** Most specific first: the set's locale, its language, English; then the layout's. */
  catalogs: Catalog[];
}

/**
 * Renders an email from Handlebars templates on disk, in the recipient's language, inside the shared layout.
 * Templates and message catalogs are compiled/read once and cached: they ship with the code.
 *
 * Helpers:
 * - `{{t "verifyEmail.heading" name=displayName}}`: a message with `{name}` placeholders. In HTML templates the
 *   result is escaped like any `{{...}}` output, so user text in a placeholder cannot inject markup.
 * - `{{formatDateTime startsAt timeZone}}` (`style="date"|"time"`, `locale="..."` optional): an ISO instant as a
 *   person in that IANA zone reads it, naming the zone.
 */
@Injectable()
export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly catalogs = new Map<string, Catalog | null>();
  private readonly prepared = new Map<string, Prepared>();

  constructor() {
    this.handlebars.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) =>
      translate(String(key), options.hash as Record<string, unknown>, renderData(options)),
    );
    this.handlebars.registerHelper(
      'formatDateTime',
      (instant: unknown, timeZone: unknown, options: Handlebars.HelperOptions) => {
        const hash = options.hash as Record<string, unknown>;
        const style = hash.style ?? 'datetime';
        if (!(typeof instant === 'string' || instant instanceof Date)) {
          throw new TypeError(`formatDateTime: expected an ISO instant, got ${typeof instant}`);
        }
        if (typeof timeZone !== 'string') throw new TypeError('formatDateTime: expected an IANA time zone');
        if (!isDateTimeStyle(style)) throw new TypeError(`formatDateTime: unknown style ${JSON.stringify(style)}`);
        const locale = typeof hash.locale === 'string' ? hash.locale : renderData(options).locale;
        return formatDateTime(instant, timeZone, locale, style);
      },
    );
  }

  render(set: TemplateSet, name: string, locale: string, data: Record<string, unknown>): RenderedEmail {
    if (!TEMPLATE_NAME.test(name)) throw new Error(`Invalid email template name: ${name}`);
    const lang = LOCALE.test(locale) ? locale : DEFAULT_LOCALE;
    const prepared = this.prepare(set, name, lang);
    // Handlebars reads `data` into a frame of its own for each call, so the catalogs can be shared.
    const options = { data: { locale: lang, catalogs: prepared.catalogs } };

    // Subjects are one header line whatever the template's whitespace.
    const subject = prepared.subject(data, options).replace(/\s+/g, ' ').trim();
    const htmlBody = prepared.html(data, options).trim();
    const textBody = prepared.text(data, options).trim();
    const preferencesUrl = typeof data.preferencesUrl === 'string' ? data.preferencesUrl : null;
    const layoutData = { ...data, subject, lang, preferencesUrl };
    return {
      subject,
      html: readableEquals(
        prepared.layoutHtml({ ...layoutData, body: new this.handlebars.SafeString(htmlBody) }, options),
      ),
      text: `${prepared.layoutText({ ...layoutData, body: textBody }, options).trim()}\n`,
    };
  }

  private prepare(set: TemplateSet, name: string, lang: string): Prepared {
    const key = `${set.dir}\n${name}\n${lang}`;
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const prepared: Prepared = {
      subject: this.template(set, `${name}.subject`, 'text'),
      html: this.template(set, `${name}.html`, 'html'),
      text: this.template(set, `${name}.text`, 'text'),
      layoutHtml: this.template(LAYOUT, 'layout.html', 'html'),
      layoutText: this.template(LAYOUT, 'layout.text', 'text'),
      catalogs: [...this.catalogChain(set, lang), ...this.catalogChain(LAYOUT, lang)],
    };
    if (this.prepared.size < MAX_PREPARED) this.prepared.set(key, prepared);
    return prepared;
  }

  private template(set: TemplateSet, file: string, mode: Mode): Handlebars.TemplateDelegate {
    const path = join(set.dir, `${file}.hbs`);
    let template = this.templates.get(path);
    if (!template) {
      if (!existsSync(path)) throw new Error(`Email template not found: ${path}`);
      // Subjects and plain text are not HTML: escaping would show "&amp;" to the reader.
      template = this.handlebars.compile(readFileSync(path, 'utf8'), { noEscape: mode === 'text' });
      this.templates.set(path, template);
    }
    return template;
  }

  /** `pt-BR` falls back to `pt`, then to English, key by key. */
  private catalogChain(set: TemplateSet, locale: string): Catalog[] {
    const tags = [locale, locale.split('-')[0] ?? locale, DEFAULT_LOCALE];
    return [...new Set(tags)].map((tag) => this.catalog(set, tag)).filter((c): c is Catalog => c !== null);
  }

  private catalog(set: TemplateSet, locale: string): Catalog | null {
    const path = join(set.dir, 'messages', `${locale}.json`);
    let catalog = this.catalogs.get(path);
    if (catalog === undefined) {
      catalog = existsSync(path) ? flatten(JSON.parse(readFileSync(path, 'utf8')) as unknown, path) : null;
      this.catalogs.set(path, catalog);
    }
    return catalog;
  }
}

/**
 * Handlebars escapes "=" as "&#x3D;" in case a value lands in an unquoted attribute. Our templates quote every
 * attribute, so a plain "=" is as safe, and keeps links (`?token=...`) readable in the HTML source that spam
 * filters and link checkers read. Only Handlebars produces this entity: user text "&#x3D;" was escaped to
 * "&amp;#x3D;" and stays as it is.
 */
const readableEquals = (html: string): string => html.replaceAll('&#x3D;', '=');

function renderData(options: Handlebars.HelperOptions): RenderData {
  return options.data as RenderData;
}

function translate(key: string, values: Record<string, unknown>, data: RenderData): string {
  for (const catalog of data.catalogs) {
    const message = catalog.get(key);
    if (message === undefined) continue;
    // Most messages have no placeholder; a digest has dozens of them.
    if (!message.includes('{')) return message;
    const parts = placeholderParts(message);
    let text = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      text += (Object.hasOwn(values, name) ? display(values[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return text;
  }
  // A missing English string is a bug in the templates: fail the render, never send a raw key.
  throw new Error(`No message "${key}" for locale ${data.locale} nor ${DEFAULT_LOCALE}`);
}

/** Messages split at their placeholders, once each: text, name, text, name, ..., text. Bounded by the catalogs. */
const splitMessages = new Map<string, string[]>();

function placeholderParts(message: string): string[] {
  let parts = splitMessages.get(message);
  if (!parts) {
    parts = message.split(/\{(\w+)\}/);
    splitMessages.set(message, parts);
  }
  return parts;
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** `{"a": {"b": "x"}}` and `{"a.b": "x"}` both give the key `a.b`. */
function flatten(value: unknown, file: string, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string' && prefix) {
    into.set(prefix, value);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, file, prefix ? `${prefix}.${key}` : key, into);
  } else {
    throw new Error(`${file}: message "${prefix}" must be a string or an object of messages`);
  }
  return into;
}
