import type { Page } from 'playwright-core';
import type { MadeUser } from '../support/factories';
import {
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';

/** Account pages in Chromium: profile and week grid by keyboard, notification settings, password reset by email. */
describe('the account pages, in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  const me = async (who: MadeUser) =>
    (await stack.api.http().get('/api/v1/users/me').set('Authorization', who.auth).expect(200)).body as {
      timeZone: string;
      locale: string;
      displayName: string;
      availability: { weekday: number; start: string; end: string }[];
      notifications: { digest: string; digestHour: number };
    };

  async function logIn(page: Page, email: string, password: string, buttonName = 'Log in'): Promise<void> {
    await page.goto('/login');
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: buttonName, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
  }

  it('edits the zone and marks free half hours on the week grid by keyboard alone, and the profile keeps them', async () => {
    const person = await stack.api.make.user({ displayName: 'Nima Sherpa', timeZone: 'Europe/Berlin' });
    // The device is in La Paz: the page proposes that zone, but the person means Kathmandu.
    const context = await stack.newContext({ timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    await logIn(page, person.user.email!, person.password);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.waitForURL((url) => url.pathname === '/account');

    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(await visibleText(page.getByText('This device is set to America/La_Paz.'))).toBeTruthy();
    await page.getByLabel('Your time zone').fill('Asia/Kathmandu');

    // Keyboard only: the grid's one tab stop is Monday 18:00; Space marks, arrows move.
    const start = page.getByRole('gridcell', { name: 'Monday 06:00 PM–06:30 PM' });
    await start.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    // A mistake undone: Wednesday 19:00 marked, then unmarked.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await page.keyboard.press('Space');
    expect(await start.getAttribute('aria-selected')).toBe('true');
    expect(
      await page.getByRole('gridcell', { name: 'Wednesday 07:00 PM–07:30 PM' }).getAttribute('aria-selected'),
    ).toBe('false');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    expect(await visibleText(page.getByRole('status'))).toBe('Saved.');

    const profile = await me(person);
    expect(profile.timeZone).toBe('Asia/Kathmandu');
    expect(profile.availability).toEqual([
      { weekday: 1, start: '18:00', end: '19:30' },
      { weekday: 2, start: '19:00', end: '19:30' },
    ]);
    await screenshots(page, 'account');

    // Search uses it: "fits my day" finds the group meeting Monday 18:00 Kathmandu time, not the one at 10:00.
    const host = await stack.api.make.user({ timeZone: 'Asia/Kathmandu' });
    for (const [name, localTime] of [
      ['Solar dryers in the evening', '18:00'],
      ['Solar dryers in the morning', '10:00'],
    ] as const) {
      const group = await stack.api.make.group(host, { name, timeZone: 'Asia/Kathmandu' });
      const scheduled = await stack.api
        .http()
        .post(`/api/v1/groups/${group.id}/meetings`)
        .set('Authorization', host.auth)
        .send({ meetings: [{ localDate: '2027-03-08', localTime, durationMinutes: 60 }] }); // a Monday
      expect(scheduled.status).toBeLessThan(300);
    }
    await page.getByRole('link', { name: 'Find a group' }).click();
    await page.getByLabel('What do you want to learn?').fill('solar dryers');
    await page.getByLabel(/Fits my day/).check();
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await visibleText(page.getByRole('listitem').getByRole('heading'))).toContain('Solar dryers in the evening');
    expect(await page.getByText('Solar dryers in the morning').count()).toBe(0);
    await page.goto('/account');

    // A wrong zone is named next to its field, and nothing is saved.
    await page.getByLabel('Your time zone').fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    expect(await visibleText(page.locator('.field-error'))).toContain('Choose a time zone from the list');
    expect((await me(person)).timeZone).toBe('Asia/Kathmandu');

    // A problem only the API can see (a language tag it cannot read) comes back named, next to its field.
    await page.getByLabel('Your time zone').fill('Asia/Kathmandu');
    await page.getByLabel(/Languages you can study in/).fill('ne, not a language!');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    const languages = page.getByLabel(/Languages you can study in/);
    expect(await visibleText(page.locator('.field-error'))).toContain('languages.1 must be a BCP 47 tag');
    expect(await languages.getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it.each([
    // A profile in Kathmandu on a device in La Paz, and the other way round: the time shown is the profile's.
    ['Asia/Kathmandu', 'America/La_Paz', 'en', /Mon, Mar 2, 08:00 AM GMT\+5:45/],
    ['America/La_Paz', 'Asia/Kathmandu', 'es', /lun, 2 mar, 08:00 GMT-4/],
  ] as const)(
    'shows the next digest in the profile’s zone (%s, device in %s, %s) and saves the settings',
    async (profileZone, deviceZone, locale, shown) => {
      stack.api.clock.set('2026-03-02T00:00:00Z');
      const person = await stack.api.make.user({ timeZone: profileZone, locale });
      const context = await stack.newContext({ timezoneId: deviceZone, locale: 'en-US' });
      const page = await context.newPage();
      await logIn(page, person.user.email!, person.password);
      // The app now speaks the profile's language, whatever the browser's.
      await page.goto('/account/notifications');
      const hour = page.locator('select[name=digestHour]');
      await hour.selectOption('8');
      await page.locator('input[name=badges]').uncheck();
      await page.locator('select[name=reviewActivityDelivery]').selectOption('digest');
      await page.locator('fieldset').last().getByRole('checkbox').check();
      await page.locator('input[name=quietStart]').fill('22:30');
      await page.locator('input[name=quietEnd]').fill('06:45');
      await page.locator('form button[type=submit]').click();
      await page.getByRole('status').waitFor();
      expect(await visibleText(page.locator('.next-digest time'))).toMatch(shown);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `notifications-${locale}`);

      const saved = await stack.api.http().get('/api/v1/users/me').set('Authorization', person.auth).expect(200);
      expect(saved.body.notifications).toMatchObject({
        digest: 'daily',
        digestHour: 8,
        categories: { badges: false, reminders: true },
        reviewActivityDelivery: 'digest',
        quietHours: { start: '22:30', end: '06:45' },
      });
      await context.close();
    },
  );

  it('resets a forgotten password through the emailed link, then logs in with the new one', async () => {
    const person = await stack.api.make.user({ displayName: 'Ana Quispe', timeZone: 'America/La_Paz' });
    const context = await stack.newContext({ timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'forgot-password');
    await page.getByLabel('Email').fill(person.user.email!);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    expect(await visibleText(page.getByRole('status'))).toContain('a link is on its way');

    const [mail] = await stack.sink.waitFor((m) => m.to.includes(person.user.email!.toLowerCase()));
    const link = /https?:\/\/[^\s"<>]+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail!.text)?.[0];
    expect(link).toMatch(new RegExp(`^${stack.origin}/reset-password\\?token=`));
    await page.goto(link!);
    // Too short is said next to the field before anything is sent.
    await page.getByLabel(/New password/).fill('short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    expect(await visibleText(page.locator('.field-error'))).toBe('Use at least 10 characters.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'reset-password');
    await page.getByLabel(/New password/).fill('a much longer new passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    expect(await visibleText(page.getByRole('status'))).toContain('Your password is changed');

    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
    await page.locator('input[name=email]').fill(person.user.email!);
    await page.locator('input[name=password]').fill(person.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    expect(await visibleText(page.getByRole('alert'))).toBeTruthy(); // the old password no longer works
    await page.locator('input[name=password]').fill('a much longer new passphrase');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await visibleText(page.getByRole('link', { name: 'Your account' }))).toBe('Your account');

    // The link works once: used again, the page says so and offers a new one.
    await page.goto(link!);
    await page.getByLabel(/New password/).fill('yet another long passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    expect(await visibleText(page.getByRole('alert'))).toContain('Ask for a new link');
    await context.close();
  });

  it('downloads my data, changes the password, and deletes the account after typing the email', async () => {
    const person = await stack.api.make.user({ displayName: 'Fatou Diop', timeZone: 'Africa/Dakar' });
    const context = await stack.newContext({ timezoneId: 'Africa/Dakar' });
    const page = await context.newPage();
    await logIn(page, person.user.email!, person.password);
    await page.goto('/account');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path, 'utf8')).toContain('Fatou Diop');

    await page.getByLabel('Current password').first().fill('not my password at all');
    await page.getByLabel(/New password/).fill('another long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    // The API's own words, next to the field it names.
    expect(await visibleText(page.locator('.field-error'))).toBe('The current password is incorrect.');
    await page.getByLabel('Current password').first().fill(person.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await visibleText(page.getByRole('status'))).toContain('Your password is changed');
    // Still signed in on this page after every session was ended: the change started a new one.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    await page.getByLabel(/Type your email address/).fill('someone-else@example.org');
    await page.getByLabel('Current password').last().fill('another long passphrase');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    expect(await visibleText(page.getByText('This is not your email address.'))).toBeTruthy();
    await page.getByLabel(/Type your email address/).fill(person.user.email!);
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL((url) => url.pathname === '/account/deleted');
    await page.getByRole('heading', { level: 1, name: 'Your account is deleted' }).waitFor();
    // Signed out: the header offers to log in again.
    expect(await visibleText(page.getByRole('navigation').getByRole('link', { name: 'Log in' }))).toBe('Log in');
    const login = await stack.api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: person.user.email, password: 'another long passphrase' });
    expect(login.status).toBe(401);
    await context.close();
  });
});
