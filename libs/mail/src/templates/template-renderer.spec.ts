import { fromRepoRoot } from '@app/core';
import { formatDateTime } from './format-date-time';
import { TemplateRenderer, type TemplateSet } from './template-renderer';

const FIXTURES: TemplateSet = { dir: fromRepoRoot('libs', 'mail', 'test', 'fixtures', 'templates') };

/** ICU puts narrow no-break spaces in times ("10:00 AM"); people read them as spaces. */
const plain = (s: string): string => s.replace(/\s+/g, ' ');

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();
  const data = {
    name: 'Ana',
    startsAt: '2026-03-10T14:00:00Z',
    timeZone: 'America/La_Paz',
  };

  it('renders subject, HTML and text in English, wrapped in the shared layout', () => {
    const email = renderer.render(FIXTURES, 'greeting', 'en', data);

    expect(email.subject).toBe('Welcome to the circle, Ana & friends');
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(email.html).toContain('<title>Welcome to the circle, Ana &amp; friends</title>');
    expect(email.html).toContain('<h1>Hello Ana!</h1>');
    expect(email.html).toContain('Sent by Commonplace, where people learn together.');
    expect(plain(email.text)).toBe(
      'Hello Ana! Your first meeting: Tuesday, March 10, 2026 at 10:00 AM Bolivia Time. See you there. ' +
        '-- Sent by Commonplace, where people learn together. ',
    );
    expect(email.html).not.toContain('Choose which emails you get');
  });

  it('links the email preferences in the footer when given a URL', () => {
    const preferencesUrl = 'https://learn.example.org/settings/notifications?tab=email&x=1';
    const email = renderer.render(FIXTURES, 'greeting', 'en', { ...data, preferencesUrl });

    expect(email.html).toContain('href="https://learn.example.org/settings/notifications?tab=email&amp;x=1"');
    expect(email.html).toContain('Choose which emails you get</a>');
    expect(email.text).toContain(`Choose which emails you get: ${preferencesUrl}`);
  });

  it('uses the recipient’s language and falls back to English key by key', () => {
    const email = renderer.render(FIXTURES, 'greeting', 'es', data);

    expect(email.subject).toBe('Bienvenida al círculo, Ana');
    expect(email.html).toContain('<html lang="es">');
    expect(plain(email.text)).toContain('Tu primera reunión: martes, 10 de marzo de 2026, 10:00 hora de Bolivia.');
    // es.json lacks the sign-off: English rather than a raw key.
    expect(email.text).toContain('See you there.');
    expect(email.text).toContain('Enviado por Commonplace');
  });

  it('falls back to English for a locale without messages, keeping the layout’s own translation', () => {
    const fr = renderer.render(FIXTURES, 'greeting', 'fr', data);
    expect(fr.subject).toBe('Welcome to the circle, Ana & friends');
    expect(plain(fr.text)).toContain('mardi 10 mars 2026 à 10:00 heure de Bolivie');
    expect(fr.text).toContain("Envoyé par Commonplace, où l'on apprend ensemble.");

    const de = renderer.render(FIXTURES, 'greeting', 'de-AT', data);
    expect(de.text).toContain('Sent by Commonplace');
    expect(de.html).toContain('<html lang="de-AT">');
  });

  it('escapes user text in the HTML part, and only there', () => {
    const name = '<script>alert("x")</script> & Co';
    const email = renderer.render(FIXTURES, 'greeting', 'en', { ...data, name });

    expect(email.html).toContain('<h1>Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co!</h1>');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain(`Hello ${name}!`);
    expect(email.subject).toBe(`Welcome to the circle, ${name} & friends`);
  });

  it('leaves an entity typed by a user escaped, not decoded', () => {
    const email = renderer.render(FIXTURES, 'greeting', 'en', { ...data, name: 'a&#x3D;b <i>' });
    expect(email.html).toContain('<h1>Hello a&amp;#x3D;b &lt;i&gt;!</h1>');
  });

  it('ignores a locale that is not a language tag instead of reading another path', () => {
    const email = renderer.render(FIXTURES, 'greeting', '../../etc', data);
    expect(email.html).toContain('<html lang="en">');
  });

  it('fails loudly on a missing template or message instead of sending a broken email', () => {
    expect(() => renderer.render(FIXTURES, 'no-such-email', 'en', data)).toThrow(
      /Email template not found: .*no-such-email\.subject\.hbs/,
    );
    expect(() => renderer.render(FIXTURES, '../layout', 'en', data)).toThrow(/Invalid email template name/);
    const broken = { dir: fromRepoRoot('libs', 'mail', 'templates') };
    expect(() => renderer.render(broken, 'layout', 'en', data)).toThrow(/not found/);
  });

  it('refuses an instant without an offset rather than guessing its zone', () => {
    expect(() => renderer.render(FIXTURES, 'greeting', 'en', { ...data, startsAt: '2026-03-10T14:00' })).toThrow(
      /not an ISO instant with an offset/,
    );
  });
});

describe('formatDateTime', () => {
  it('names the zone, across a daylight-saving change', () => {
    // New York springs forward at 07:00Z on 2026-03-08.
    expect(plain(formatDateTime('2026-03-08T06:30:00Z', 'America/New_York', 'en'))).toBe(
      'Sunday, March 8, 2026 at 1:30 AM Eastern Standard Time',
    );
    expect(plain(formatDateTime('2026-03-08T07:30:00Z', 'America/New_York', 'en'))).toBe(
      'Sunday, March 8, 2026 at 3:30 AM Eastern Daylight Time',
    );
  });

  it('formats dates and times alone in the reader’s language', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(formatDateTime(at, 'Asia/Tokyo', 'fr', 'date')).toBe('vendredi 1 janvier 2027');
    expect(plain(formatDateTime(at, 'Asia/Tokyo', 'en', 'time'))).toBe('8:30 AM Japan Standard Time');
  });

  it('rejects an unknown zone', () => {
    expect(() => formatDateTime('2026-01-01T00:00:00Z', 'Mars/Olympus', 'en')).toThrow(RangeError);
  });
});
