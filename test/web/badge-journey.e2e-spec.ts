import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  logIn,
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';
import type { MadeUser } from '../support/factories';
import { spaces, shownInstant } from '../support/shown-time';

/** The words each run clicks and reads, in the language its browser asks for. */
const WORDS = {
  en: {
    groupBadges: 'Badges of this group',
    badgeName: 'Name',
    description: 'Description',
    criteria: 'How it is earned (criteria)',
    create: 'Create a badge',
    evidence: 'Evidence (what they did)',
    award: 'Award',
    awarded: 'Issued to 1; 0 already had it.',
    valid: 'Valid',
    revoked: 'Revoked',
    png: 'PNG image',
    file: 'Badge file (PNG, SVG or JSON)',
    verify: 'Verify',
    verdictValid: 'Valid: this badge is genuine and current.',
    verdictRevoked: 'Revoked: the issuer has withdrawn this badge.',
    revokeReason: 'Why revoke Lucía Learner’s badge',
    revoke: 'Revoke',
  },
  fr: {
    groupBadges: 'Badges de ce groupe',
    badgeName: 'Nom',
    description: 'Description',
    criteria: 'Comment l’obtenir (critères)',
    create: 'Créer un badge',
    evidence: 'Preuves (ce qu’ils ont fait)',
    award: 'Décerner',
    awarded: 'Émis pour 1 ; 0 l’avaient déjà.',
    valid: 'Valide',
    revoked: 'Révoqué',
    png: 'Image PNG',
    file: 'Fichier du badge (PNG, SVG ou JSON)',
    verify: 'Vérifier',
    verdictValid: 'Valide : ce badge est authentique et en cours de validité.',
    verdictRevoked: 'Révoqué : l’émetteur a retiré ce badge.',
    revokeReason: 'Motif de la révocation du badge de Lucía Learner',
    revoke: 'Révoquer',
  },
} as const;

type Language = keyof typeof WORDS;

/**
 * Journey 5 in Chromium: a facilitator makes a badge on their group's page and awards it to a learner; the learner
 * sees it on /badges (dates in their profile's zone, whatever the browser's), downloads the baked PNG and verifies
 * that file on /verify; once the facilitator revokes it on the same page, the same file verifies as revoked.
 */
describe('badges in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  const runs: { language: Language; locale: string; browserZone: string; profileZone: string }[] = [
    { language: 'fr', locale: 'fr-FR', browserZone: 'Asia/Kathmandu', profileZone: 'America/La_Paz' },
    { language: 'en', locale: 'en-US', browserZone: 'America/La_Paz', profileZone: 'Asia/Kathmandu' },
  ];

  it.each(runs)(
    'a badge is awarded, downloaded as PNG and verified, then revoked on the page and verified as revoked ($language, browser in $browserZone, profile in $profileZone)',
    async ({ language, locale, browserZone, profileZone }) => {
      const words = WORDS[language];
      const facilitator = await stack.api.make.user({ displayName: 'Fatima Facilitator', locale: language });
      const learner = await stack.api.make.user({
        displayName: 'Lucía Learner',
        timeZone: profileZone,
        locale: language,
      });
      const group = await stack.api.make.group(facilitator, { name: 'Biogas builders', timeZone: 'Europe/Madrid' });
      await stack.api.make.membership(group, learner);
      const badgeName = `Digester builder ${language}`;

      // The facilitator makes the badge and awards it, all in the browser.
      const hostContext = await stack.newContext({ timezoneId: browserZone, locale });
      const host = await hostContext.newPage();
      await logIn(host, facilitator, `/groups/${group.id}`);
      await host.getByRole('link', { name: words.groupBadges }).click();
      await host.getByLabel(words.badgeName, { exact: true }).fill(badgeName);
      await host.getByLabel(words.description, { exact: true }).fill('Built and ran a working biogas digester.');
      await host.getByLabel(words.criteria).fill('A digester that makes gas for a week.');
      await host.getByRole('button', { name: words.create }).click();
      const card = host.getByRole('listitem').filter({ has: host.getByRole('heading', { name: badgeName }) });
      await card.getByRole('checkbox', { name: 'Lucía Learner' }).check();
      await card.getByLabel(words.evidence).fill('Led the digester build on 12 May.');
      await card.getByRole('button', { name: words.award, exact: true }).click();
      expect(await visibleText(card.getByRole('status'))).toBe(words.awarded);

      const held = await stack.api.http().get('/api/v1/users/me/badges').set('Authorization', learner.auth);
      expect(held.status).toBe(200);
      const [award] = held.body.items as { awardId: string; name: string; issuedAt: string }[];
      expect(award?.name).toBe(badgeName);

      // The learner sees it, in their profile's zone (not the browser's), and downloads the baked PNG.
      const context = await stack.newContext({ timezoneId: browserZone, locale });
      const page = await context.newPage();
      await logIn(page, learner, '/badges');
      const mine = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: badgeName }) });
      expect(await visibleText(mine.locator('.state strong'))).toBe(words.valid);
      const issued = spaces(await visibleText(mine.locator('.issued-at time')));
      expect(issued).toBe(shownInstant(award!.issuedAt, profileZone, language));
      expect(issued).not.toBe(shownInstant(award!.issuedAt, browserZone, language));
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `badges-${language}`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        mine.getByRole('link', { name: words.png }).click(),
      ]);
      const file = join(mkdtempSync(join(tmpdir(), 'badge-')), download.suggestedFilename());
      await download.saveAs(file);
      expect(file).toMatch(/\.png$/);

      // The downloaded file verifies as valid.
      const verifyOnce = async (): Promise<string> => {
        await page.goto('/verify');
        await page.getByLabel(words.file).setInputFiles(file);
        await page.getByRole('button', { name: words.verify }).click();
        return visibleText(page.locator('.verdict h2'));
      };
      expect(await verifyOnce()).toBe(words.verdictValid);
      expect(await visibleText(page.locator('.verdict dd').first())).toBe(badgeName);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `verify-${language}`);

      // The facilitator revokes it on the group's badges page: the same file now verifies as revoked.
      await host.reload();
      const awarded = card.getByRole('listitem').filter({ hasText: 'Lucía Learner' });
      await awarded.getByLabel(words.revokeReason).fill('Awarded to the wrong person.');
      await awarded.getByRole('button', { name: words.revoke }).click();
      expect(await visibleText(awarded.locator('strong'))).toContain('Awarded to the wrong person.');
      await hostContext.close();
      expect(await verifyOnce()).toBe(words.verdictRevoked);

      await page.goto('/badges');
      // The holder sees it revoked, and why.
      expect(await visibleText(mine.locator('.state strong'))).toBe(words.revoked);
      expect(await visibleText(mine.locator('.state'))).toContain('Awarded to the wrong person.');
      await context.close();
    },
  );

  it('peers nominate and endorse, the facilitator approves, the holder hides it and verifies its JSON; a changed one reads tampered', async () => {
    const words = WORDS.en;
    const facilitator = await stack.api.make.user({ displayName: 'Fatima Facilitator' });
    const nominator = await stack.api.make.user({ displayName: 'Nadia Nominator' });
    const endorser = await stack.api.make.user({ displayName: 'Emil Endorser' });
    const nominee = await stack.api.make.user({ displayName: 'Noor Nominee' });
    const group = await stack.api.make.group(facilitator, { name: 'Compost circle' });
    for (const member of [nominator, endorser, nominee]) await stack.api.make.membership(group, member);
    const made = await stack.api
      .http()
      .post(`/api/v1/groups/${group.id}/badges`)
      .set('Authorization', facilitator.auth)
      .send({
        name: 'Kind neighbour',
        description: 'Helped everyone.',
        criteria: 'Peers say so.',
        endorsementsNeeded: 5,
      });
    expect(made.status).toBe(201);

    const as = async (person: MadeUser): Promise<Page> => {
      const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
      const page = await context.newPage();
      await logIn(page, person, `/groups/${group.id}/badges`);
      return page;
    };

    const first = await as(nominator);
    await first.getByLabel('Who', { exact: true }).selectOption({ label: 'Noor Nominee' });
    await first.getByLabel('For which badge').selectOption({ label: 'Kind neighbour' });
    await first.getByLabel('Why they deserve it').fill('Lent us her tools every week.');
    await first.getByRole('button', { name: 'Nominate', exact: true }).click();
    expect(await visibleText(first.getByRole('status'))).toBe('Nomination sent.');
    const nomination = (page: Page) => page.getByRole('listitem').filter({ hasText: 'Lent us her tools every week.' });
    expect(await visibleText(nomination(first))).toContain(
      'Noor Nominee for “Kind neighbour”, nominated by Nadia Nominator',
    );
    // Nobody endorses their own nomination.
    expect(await nomination(first).getByRole('button', { name: 'Endorse' }).count()).toBe(0);
    await first.context().close();

    const second = await as(endorser);
    await nomination(second).getByRole('button', { name: 'Endorse' }).click();
    expect(await visibleText(nomination(second).getByText('You endorsed this.'))).toBe('You endorsed this.');
    expect(await visibleText(nomination(second))).toContain('1 of 5 endorsements');
    await second.context().close();

    const host = await as(facilitator);
    await nomination(host).getByRole('button', { name: 'Approve' }).click();
    expect(await visibleText(host.getByText('No open nominations.'))).toBe('No open nominations.');
    expect(await seriousAccessibilityViolations(host)).toEqual([]);
    await screenshots(host, 'group-badges');
    await host.context().close();

    const holder = await as(nominee);
    await holder.goto('/badges');
    const card = holder.getByRole('listitem').filter({ has: holder.getByRole('heading', { name: 'Kind neighbour' }) });
    expect(await visibleText(card.locator('.state strong'))).toBe(words.valid);
    const publicBadges = async () =>
      (await stack.api.http().get(`/api/v1/users/${nominee.user.id}/badges`).set('Authorization', endorser.auth)).body
        .items as unknown[];
    expect(await publicBadges()).toHaveLength(1);
    await card.getByRole('button', { name: 'Hide from my profile' }).click();
    expect(await visibleText(card.getByRole('button', { name: 'Show on my profile' }))).toBe('Show on my profile');
    expect(await publicBadges()).toHaveLength(0);

    // The JSON download is the signed credential (not the page browsers get at its URL), and verifies as a file.
    const [download] = await Promise.all([
      holder.waitForEvent('download'),
      card.getByRole('button', { name: 'JSON' }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'badge-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file).toMatch(/kind-neighbour\.json$/);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { type: string[] }).type).toContain('OpenBadgeCredential');
    await holder.goto('/verify');
    await holder.getByLabel(words.file).setInputFiles(file);
    await holder.getByRole('button', { name: words.verify }).click();
    expect(await visibleText(holder.locator('.verdict h2'))).toBe(words.verdictValid);

    // Someone changes the credential's words: the proof no longer holds.
    const [held] = (await stack.api.http().get('/api/v1/users/me/badges').set('Authorization', nominee.auth)).body
      .items as { links: { credential: string } }[];
    const credential = await stack.api
      .http()
      .get(new URL(held!.links.credential).pathname)
      .set('Accept', 'application/ld+json');
    const forged = JSON.parse(credential.text) as { name: string };
    forged.name = 'Master composter';
    await holder.goto('/verify');
    await holder.getByLabel('Or paste the credential JSON').fill('{"name": "Master composter"');
    await holder.getByRole('button', { name: words.verify }).click();
    expect(await visibleText(holder.getByRole('alert'))).toBe('This is not valid JSON.');
    await holder.getByLabel('Or paste the credential JSON').fill(JSON.stringify(forged));
    await holder.getByRole('button', { name: words.verify }).click();
    expect(await visibleText(holder.locator('.verdict h2'))).toBe(
      'Tampered with: the signature does not match its contents.',
    );
    await holder.context().close();
  });

  it('a cohort’s facilitator makes a badge with a rule and awards it to a learner from the roster (es)', async () => {
    const facilitator = await stack.api.make.user({ displayName: 'Fatima Facilitator', locale: 'es' });
    const learner = await stack.api.make.user({ displayName: 'Lucía Learner', locale: 'es' });
    const { cohort } = await stack.api.make.cohort(facilitator, { title: 'Biogás, primavera' });
    await stack.api.make.enrollment(cohort, learner);

    const context = await stack.newContext({ timezoneId: 'America/La_Paz', locale: 'es-BO' });
    const page = await context.newPage();
    await logIn(page, facilitator, `/cohorts/${cohort.id}/badges`);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Insignias: Biogás, primavera');

    // The form checks what the API checks before sending.
    await page.getByLabel('Válida durante (días; vacío: no caduca)').fill('0');
    await page.getByRole('button', { name: 'Crear una insignia' }).click();
    expect(await visibleText(page.getByText('Este campo es obligatorio.'))).toBe('Este campo es obligatorio.');
    expect(await visibleText(page.getByText('Un número entero de 1 a 3650.'))).toBe('Un número entero de 1 a 3650.');

    await page.getByLabel('Nombre', { exact: true }).fill('Ciclo completo');
    await page.getByLabel('Válida durante (días; vacío: no caduca)').fill('365');
    await page.getByLabel('Se gana automáticamente').selectOption({ label: 'Se gana al completar la cohorte' });
    await page.getByRole('button', { name: 'Crear una insignia' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Ciclo completo' }) });
    expect(await visibleText(card.getByText('Se gana al completar la cohorte'))).toBe(
      'Se gana al completar la cohorte',
    );
    await card.getByRole('checkbox', { name: 'Lucía Learner' }).check();
    await card.getByRole('button', { name: 'Otorgar', exact: true }).click();
    expect(await visibleText(card.getByRole('status'))).toBe('Emitida a 1; 0 ya la tenían.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();

    const held = await stack.api.http().get('/api/v1/users/me/badges').set('Authorization', learner.auth);
    expect((held.body.items as { name: string; validUntil: string | null }[]).map((b) => b.name)).toEqual([
      'Ciclo completo',
    ]);
    expect((held.body.items as { validUntil: string | null }[])[0]?.validUntil).not.toBeNull();
  });
});
