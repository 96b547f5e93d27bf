import { DigestPlanner, NotificationReleaser } from '@app/notifications';
import { signedIn } from '../support/api-app';
import {
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';

/**
 * Journey 4 of issue 15, in French: a digest arrives, its unsubscribe link is opened in a browser (a page with a
 * button, which changes nothing by itself), the button turns digests off, and the settings page shows them off.
 */
describe('unsubscribing from the digest through its link, in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  it('opens the emailed link, confirms, and the notification settings show the digest off', async () => {
    stack.api.clock.set('2026-03-02T00:00:00Z');
    const facilitator = await stack.api.make.user({ displayName: 'Fatou Diop', timeZone: 'Africa/Dakar' });
    const learner = await stack.api.make.user({ displayName: 'Camille', timeZone: 'Asia/Kathmandu', locale: 'fr' });
    const { cohort } = await stack.api.make.cohort(facilitator, { title: 'Biogaz, cohorte de printemps' });
    await stack.api.make.enrollment(cohort, learner);
    await stack.worker.app.get(DigestPlanner).planMissing();
    stack.api.clock.set('2026-03-02T00:30:00Z');
    const thread = await signedIn(stack.api, facilitator).post(`/cohorts/${cohort.id}/threads`, {
      title: 'Où trouvez-vous vos tuyaux ?',
      body: 'Dites-nous tout.',
    });
    expect(thread.status).toBe(201);

    // 08:00 in Kathmandu is 02:15Z: the digest is due, and the worker sends it.
    stack.api.clock.set('2026-03-02T02:16:00Z');
    await stack.worker.app.get(NotificationReleaser).releaseDue();
    const [digest] = await stack.sink.waitFor((m) => m.to.includes(learner.user.email!.toLowerCase()));
    expect(digest!.text).toContain('Où trouvez-vous vos tuyaux ?');
    const header = digest!.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const link = /<(https?:\/\/[^>]+)>/.exec(header)?.[1];
    expect(link).toMatch(new RegExp(`^${stack.origin}/api/v1/notifications/unsubscribe\\?token=`));

    const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu', locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(link!);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Ne plus recevoir les e-mails de résumé ?');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'unsubscribe-confirm-fr');
    // Opening the link changed nothing: link scanners open links too.
    const before = await stack.api.http().get('/api/v1/users/me').set('Authorization', learner.auth);
    expect(before.body.notifications.digest).toBe('daily');

    await page.getByRole('button', { name: 'Se désabonner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Désabonnement confirmé' }).waitFor();
    await screenshots(page, 'unsubscribe-done-fr');

    // The page's link leads to the settings, which ask to log in first, then show the digest off.
    await page.getByRole('link', { name: 'Gérer tous les paramètres de notification' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('input[name=email]').fill(learner.user.email!);
    await page.locator('input[name=password]').fill(learner.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/account/notifications');
    await page.getByRole('heading', { level: 1, name: 'Paramètres de notification' }).waitFor();
    expect(await page.getByLabel('Fréquence').inputValue()).toBe('off');
    expect(await visibleText(page.locator('.next-digest'))).toBe(
      'Les résumés sont désactivés : aucun résumé n’arrivera.',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'notifications-after-unsubscribe-fr');
    await context.close();
  });
});
