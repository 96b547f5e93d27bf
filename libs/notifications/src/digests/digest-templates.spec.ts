import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateRenderer } from '@app/mail';
import { DIGEST_SECTION_TYPES } from './content/digest-sections';
import { DIGEST_TEMPLATES } from './digest.composer';
import { sampleDigestView } from './digest-sample';

const urls = {
  publicUrl: 'https://learn.example.org',
  preferencesUrl: 'https://learn.example.org/settings/notifications',
  unsubscribeUrl: 'https://learn.example.org/api/v1/notifications/unsubscribe?token=t&x=1',
};

/** Every message key under `digest`, flattened. */
function digestKeys(locale: string): string[] {
  const catalog = JSON.parse(readFileSync(join(DIGEST_TEMPLATES.dir, 'messages', `${locale}.json`), 'utf8')) as {
    digest: object;
  };
  const keys: string[] = [];
  const walk = (value: unknown, prefix: string): void => {
    if (typeof value === 'string') keys.push(prefix);
    else for (const [k, v] of Object.entries(value as object)) walk(v, `${prefix}.${k}`);
  };
  walk(catalog.digest, 'digest');
  return keys.sort();
}

describe('digest templates', () => {
  const renderer = new TemplateRenderer();

  it.each(['es', 'fr'])('are fully translated in %s (no key falls back to English)', (locale) => {
    expect(digestKeys(locale)).toEqual(digestKeys('en'));
  });

  it('have a partial for every registered section', () => {
    const keys = DIGEST_SECTION_TYPES.map((type) => (type.prototype as { key?: string }).key ?? type.name);
    for (const file of ['digest.html.hbs', 'digest.text.hbs']) {
      const source = readFileSync(join(DIGEST_TEMPLATES.dir, file), 'utf8');
      const partials = [...source.matchAll(/\{\{#\*inline "(\w+)"\}\}/g)].map((m) => m[1]);
      expect(partials).toHaveLength(DIGEST_SECTION_TYPES.length);
      expect(partials.length).toBe(keys.length);
    }
  });

  it.each([
    [
      'en',
      'Your Commonplace digest — Tue 10 Mar',
      [
        'Due soon',
        'Upcoming meetings',
        'New members',
        '39 h left',
        'Peer review',
        'You earned a badge: Careful Reviewer (Commonplace)',
      ],
    ],
    [
      'es',
      'Tu resumen de Commonplace — mar 10 mar',
      [
        'Entregas próximas',
        'Próximas reuniones',
        'quedan 39 h',
        'Revisión entre pares',
        'Obtuviste una insignia: Careful Reviewer',
      ],
    ],
    [
      'fr',
      'Votre résumé Commonplace — mar. 10 mars',
      [
        'À rendre bientôt',
        'Prochaines rencontres',
        'encore 39 h',
        'Évaluation par les pairs',
        'Vous avez obtenu un badge : Careful Reviewer',
      ],
    ],
  ])('render every section in %s, times named in the reader’s zone', (locale, subject, phrases) => {
    const email = renderer.render(DIGEST_TEMPLATES, 'digest', locale, { ...sampleDigestView(locale, urls) });
    expect(email.subject).toBe(subject);
    for (const phrase of phrases) {
      expect(email.text).toContain(phrase);
      expect(email.html).toContain(phrase);
    }
    expect(email.text).toContain('23:59 (America/La_Paz)');
    expect(email.text).toContain('19:30 (America/La_Paz)');
    expect(email.text).toContain(urls.unsubscribeUrl);
    expect(email.html).toContain('href="https://learn.example.org/api/v1/notifications/unsubscribe?token=t&amp;x=1"');
    expect(email.html).toContain(`href="${urls.preferencesUrl}"`);
  });

  it('escapes what people wrote in the HTML part', () => {
    const view = sampleDigestView('en', urls);
    const conversation = view.sections.find((s) => s.key === 'conversation') as unknown as {
      cohorts: { threads: { title: string; posts: { author: string }[] }[] }[];
    };
    const thread = conversation.cohorts[0]!.threads[0]!;
    thread.title = '<script>alert(1)</script>';
    thread.posts[0]!.author = 'Eve <img src=x>';
    const email = renderer.render(DIGEST_TEMPLATES, 'digest', 'en', { ...view });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src');
    expect(email.html).toContain('&lt;script&gt;');
    // The plain-text part shows it as written.
    expect(email.text).toContain('<script>alert(1)</script>');
  });
});
