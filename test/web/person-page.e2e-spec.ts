import { awardBadge, makeAchievement } from '../support/badge-awards';
import {
  logIn,
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';

/**
 * A person's public profile in Chromium: another member sees their name, bio and the badges they show, never one
 * they hid; the holder reaches their own profile from My badges.
 */
describe('a person’s public profile in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  it('shows the badges a person keeps public, not the hidden one, and their local time; the holder finds it from My badges', async () => {
    const holder = await stack.api.make.user({ displayName: 'Kiran Karki', timeZone: 'Asia/Kathmandu' });
    await stack.api
      .http()
      .patch('/api/v1/users/me')
      .set('Authorization', holder.auth)
      .send({ bio: 'I build biogas digesters.' })
      .expect(200);
    const visitor = await stack.api.make.user({
      displayName: 'Vera Visitor',
      timeZone: 'America/La_Paz',
      locale: 'es',
    });
    const shown = await makeAchievement(stack.api, { name: 'Digester builder' });
    const hidden = await makeAchievement(stack.api, { name: 'Night owl' });
    await awardBadge(stack.api, shown, holder.user.id);
    const { awardId } = await awardBadge(stack.api, hidden, holder.user.id);
    await stack.api
      .http()
      .patch(`/api/v1/users/me/badges/${awardId}`)
      .set('Authorization', holder.auth)
      .send({ hidden: true })
      .expect(200);

    const context = await stack.newContext({ timezoneId: 'America/La_Paz', locale: 'es-BO' });
    const page = await context.newPage();
    await page.goto(`/people/${holder.user.id}`);
    expect(
      await visibleText(page.getByRole('link', { name: 'Entra para ver los perfiles de las personas.' })),
    ).toBeTruthy();

    await logIn(page, visitor, `/people/${holder.user.id}`);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Kiran Karki');
    expect(await visibleText(page.locator('.bio'))).toBe('I build biogas digesters.');
    // Their hour is Kathmandu's (UTC+5:45), whatever the visitor's zone.
    expect(await visibleText(page.locator('.person dd').first())).toMatch(/Nepal/);
    expect(await visibleText(page.getByRole('heading', { name: 'Digester builder' }))).toBe('Digester builder');
    expect(await page.getByRole('heading', { name: 'Night owl' }).count()).toBe(0);
    const credential = page.getByRole('link', { name: 'Ver la credencial' });
    expect(await credential.getAttribute('href')).toMatch(/\/api\/v1\/badges\/credentials\/[0-9a-f-]{36}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'person-es');
    await context.close();

    const own = await (await stack.newContext()).newPage();
    await logIn(own, holder, '/badges');
    await own.getByRole('link', { name: 'See my public profile' }).click();
    await own.waitForURL((url) => url.pathname === `/people/${holder.user.id}`);
    expect(await visibleText(own.getByText('This is how others see your profile.'))).toContain('others see');
    await own.goto('/people/00000000-0000-4000-8000-000000000000');
    expect(await visibleText(own.getByRole('alert'))).toBe('There is no one here.');
    await own.context().close();
  });
});
