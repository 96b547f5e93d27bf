import { PreviewSamples } from '@app/notifications';
import { signedIn, startTestApi, v1, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

interface Preview {
  subject: string;
  html: string;
  text: string;
}

describe('email preview (admins)', () => {
  let api: TestApi;
  let admin: MadeUser;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL: 'https://learn.example.org' });
    admin = await api.make.admin();
  });
  afterAll(() => api.close());

  it('renders the verification email in Spanish with sample data, as subject, HTML and text', async () => {
    const res = await signedIn(api, admin).get('/admin/email-preview/identity.verify-email?locale=es').expect(200);
    const preview = res.body as Preview;

    expect(preview.subject).toBe('Confirma tu dirección de correo en Commonplace');
    expect(preview.html).toContain('<html lang="es"');
    expect(preview.html).toContain('https://learn.example.org/verify-email?token=sample-token');
    expect(preview.text).toContain('Ana Quispe');
    expect(preview.text).toContain('https://learn.example.org/verify-email?token=sample-token');
  });

  it('renders the announcement in French, with its sample text and the preferences link', async () => {
    const res = await signedIn(api, admin).get('/admin/email-preview/cohorts.announcement?locale=fr').expect(200);
    const preview = res.body as Preview;

    expect(preview.subject).toBe('[Climate Science 101] La semaine 3 commence plus tôt');
    expect(preview.html).toContain('Bilal Haddad');
    expect(preview.text).toContain('https://learn.example.org/settings/notifications');
  });

  it('renders every registered kind in every supported locale, English by default', async () => {
    const { kinds } = (await signedIn(api, admin).get('/admin/email-preview').expect(200)).body as { kinds: string[] };
    expect(kinds).toEqual(
      expect.arrayContaining(['identity.verify-email', 'identity.password-reset', 'cohorts.announcement']),
    );
    expect(kinds).toEqual(api.app.get(PreviewSamples).kinds());

    for (const kind of kinds) {
      const english = (await signedIn(api, admin).get(`/admin/email-preview/${kind}`).expect(200)).body as Preview;
      expect(english.html).toContain('<html lang="en"');
      for (const locale of ['es', 'fr']) {
        const res = await signedIn(api, admin).get(`/admin/email-preview/${kind}?locale=${locale}`);
        expect({ kind, locale, status: res.status }).toEqual({ kind, locale, status: 200 });
        const preview = res.body as Preview;
        expect(preview.subject.length).toBeGreaterThan(0);
        expect(preview.html).toContain(`<html lang="${locale}"`);
        expect(preview.text.length).toBeGreaterThan(0);
      }
    }
  });

  it('serves the HTML part alone as a page with ?format=html', async () => {
    const res = await signedIn(api, admin)
      .get('/admin/email-preview/identity.password-reset?locale=es&format=html')
      .expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<html lang="es"');
    expect(res.text).toContain('https://learn.example.org/reset-password?token=sample-token');
  });

  it('answers 404 for an unknown kind and 400 naming locale for an unsupported language', async () => {
    const unknown = await signedIn(api, admin).get('/admin/email-preview/identity.no-such-email').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);

    const german = await signedIn(api, admin).get('/admin/email-preview/identity.verify-email?locale=de').expect(400);
    expect((german.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['locale']);

    const path = await signedIn(api, admin)
      .get('/admin/email-preview/identity.verify-email?locale=../../x')
      .expect(400);
    expect((path.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['locale']);
  });

  it('is for administrators only: 403 for others, 401 without a login', async () => {
    const learner = await api.make.user();

    await signedIn(api, learner).get('/admin/email-preview/identity.verify-email').expect(403);
    await signedIn(api, learner).get('/admin/email-preview').expect(403);
    await api.http().get(v1('/admin/email-preview/identity.verify-email')).expect(401);
  });
});
