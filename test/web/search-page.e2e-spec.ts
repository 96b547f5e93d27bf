import { GroupMode } from '@app/groups';
import {
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';

/** The search page in Chromium: groups found by their words, times in the viewer's zone, accessible at any width. */
describe('the search page, in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  it('finds a group by its words and shows its next meeting in the browser’s zone beside the group’s', async () => {
    const host = await stack.api.make.user({ timeZone: 'America/La_Paz' });
    const group = await stack.api.make.group(host, {
      name: 'Biogas digesters for beginners',
      timeZone: 'America/La_Paz',
    });
    const scheduled = await stack.api
      .http()
      .post(`/api/v1/groups/${group.id}/meetings`)
      .set('Authorization', host.auth)
      .send({ meetings: [{ localDate: '2027-03-10', localTime: '18:00', durationMinutes: 60 }] });
    expect(scheduled.status).toBeLessThan(300);

    const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('What do you want to learn?').fill('biogas');
    await page.getByRole('button', { name: 'Search' }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Biogas digesters for beginners' });
    // 18:00 in La Paz (UTC-4) is 22:00 UTC, 03:45 the next day in Kathmandu (UTC+5:45).
    expect(await visibleText(card.locator('time'))).toMatch(/Thu, Mar 11, 03:45 AM GMT\+5:45/);
    expect(await visibleText(card.locator('.group-time'))).toContain('06:00 PM'); // en-US reads 12-hour time
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'search');
    await context.close();
  });

  it('finds in-person groups near a town picked by name, without the browser’s location', async () => {
    const host = await stack.api.make.user();
    const inPerson = { mode: GroupMode.InPerson, topic: 'weaving' };
    await stack.api.make.group(host, {
      ...inPerson,
      name: 'Weavers of Sopocachi',
      city: 'La Paz',
      country: 'BO',
      latitude: -16.51,
      longitude: -68.13,
    });
    await stack.api.make.group(host, {
      ...inPerson,
      name: 'Weavers of El Alto',
      city: 'El Alto',
      country: 'BO',
      latitude: -16.5,
      longitude: -68.19,
    });
    await stack.api.make.group(host, {
      ...inPerson,
      name: 'Weavers of Lagos',
      city: 'Lagos',
      country: 'NG',
      latitude: 6.52,
      longitude: 3.38,
    });

    const context = await stack.newContext({ locale: 'es-BO', timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Tema').fill('weaving');
    await page.getByLabel('O escribe una ciudad').fill('la p');
    await page.getByRole('button', { name: /^La Paz, Bolivia/ }).click();
    expect(await visibleText(page.getByText('Cerca de La Paz, Bolivia'))).toBe('Cerca de La Paz, Bolivia');
    await page.getByLabel('A menos de (km)').fill('20');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    const found = page.getByRole('listitem').filter({ hasText: 'Weavers of' });
    await found.first().waitFor();
    // El Alto is 6 km from Sopocachi, Lagos a continent away.
    expect((await found.allInnerTexts()).map((text) => text.split('\n')[0])).toEqual(
      expect.arrayContaining(['Weavers of Sopocachi', 'Weavers of El Alto']),
    );
    expect(await found.count()).toBe(2);

    await page.getByRole('button', { name: 'Elegir otro lugar' }).click();
    await page.getByLabel('O escribe una ciudad').fill('zz');
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'ningún grupo' }))).toBe(
      'Todavía ningún grupo se reúne en una ciudad con ese nombre.',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
