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
 * Journey 4 of issue 15, in French and in English, profiles in Kathmandu and La Paz on devices in the other: a digest arrives, its unsubscribe link is opened in a browser (a page with a
 * button, which changes nothing by itself), the button turns digests off, and the settings page shows them off.
 */
describe('unsubscribing from the digest through its link, in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  const CASES = [
    {
      locale: 'fr',
      profileZone: 'Asia/Kathmandu',
      deviceZone: 'America/La_Paz',
      // 08:00 in Kathmandu (UTC+5:45) is 02:15Z.
      due: '2026-03-02T02:16:00Z',
      text: {
        confirm: 'Ne plus recevoir les e-mails de résumé ?',
        button: 'Se désabonner',
        done: 'Désabonnement confirmé',
        preferences: 'Gérer tous les paramètres de notification',
        settings: 'Paramètres de notification',
        frequency: 'Fréquence',
        off: 'Les résumés sont désactivés : aucun résumé n’arrivera.',
      },
      next: /3 mars.*08:00.*UTC\+5:45/,
    },
    {
      locale: 'en',
      profileZone: 'America/La_Paz',
      deviceZone: 'Asia/Kathmandu',
      // 08:00 in La Paz (UTC-4) is 12:00Z.
      due: '2026-03-02T12:01:00Z',
      text: {
        confirm: 'Stop digest emails?',
        button: 'Unsubscribe',
        done: 'You are unsubscribed',
        preferences: 'Manage all notification settings',
        settings: 'Notification settings',
        frequency: 'How often',
        off: 'Digests are off: no digest is coming.',
      },
      next: /Tue, Mar 3, 08:00 AM GMT-4/,
    },
  ] as const;

  it.each(CASES)(
    'opens the emailed link, confirms, and the settings show the digest off ($locale, $profileZone)',
    async ({ locale, profileZone, deviceZone, due, text, next }) => {
      stack.api.clock.set('2026-03-02T00:00:00Z');
      const facilitator = await stack.api.make.user({ displayName: 'Fatou Diop', timeZone: 'Africa/Dakar' });
      const learner = await stack.api.make.user({ displayName: 'Camille', timeZone: profileZone, locale });
      const { cohort } = await stack.api.make.cohort(facilitator, { title: 'Biogaz, cohorte de printemps' });
      await stack.api.make.enrollment(cohort, learner);
      await stack.worker.app.get(DigestPlanner).planMissing();
      stack.api.clock.set('2026-03-02T00:30:00Z');
      const thread = await signedIn(stack.api, facilitator).post(`/cohorts/${cohort.id}/threads`, {
        title: 'Où trouvez-vous vos tuyaux ?',
        body: 'Dites-nous tout.',
      });
      expect(thread.status).toBe(201);

      // 08:00 in the profile's zone: the digest is due, and the worker sends it.
      stack.api.clock.set(due);
      await stack.worker.app.get(NotificationReleaser).releaseDue();
      const [digest] = await stack.sink.waitFor((m) => m.to.includes(learner.user.email!.toLowerCase()));
      expect(digest!.text).toContain('Où trouvez-vous vos tuyaux ?');
      const header = digest!.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
      const link = /<(https?:\/\/[^>]+)>/.exec(header)?.[1];
      expect(link).toMatch(new RegExp(`^${stack.origin}/api/v1/notifications/unsubscribe\\?token=`));

      // The device is in the other zone, and speaks English: the pages follow the person's profile instead.
      const context = await stack.newContext({ timezoneId: deviceZone, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(link!);
      expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(text.confirm);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `unsubscribe-confirm-${locale}`);
      // Opening the link changed nothing: link scanners open links too.
      const before = await stack.api.http().get('/api/v1/users/me').set('Authorization', learner.auth);
      expect(before.body.notifications.digest).toBe('daily');

      await page.getByRole('button', { name: text.button }).click();
      await page.getByRole('heading', { level: 1, name: text.done }).waitFor();
      await screenshots(page, `unsubscribe-done-${locale}`);

      // The page's link leads to the settings, which ask to log in first, then show the digest off.
      await page.getByRole('link', { name: text.preferences }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.locator('input[name=email]').fill(learner.user.email!);
      await page.locator('input[name=password]').fill(learner.password);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL((url) => url.pathname === '/account/notifications');
      await page.getByRole('heading', { level: 1, name: text.settings }).waitFor();
      expect(await page.getByLabel(text.frequency).inputValue()).toBe('off');
      expect(await visibleText(page.locator('.next-digest'))).toBe(text.off);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `notifications-after-unsubscribe-${locale}`);

      // Back on, the next digest is tomorrow at 08:00 in the profile's zone, not the device's.
      await page.getByLabel(text.frequency).selectOption('daily');
      await page.locator('form button[type=submit]').click();
      await page.getByRole('status').waitFor();
      expect(await visibleText(page.locator('.next-digest time'))).toMatch(next);
      await context.close();
    },
  );
});
