import type { Page } from 'playwright-core';
import {
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';

const PASSWORD = 'a long enough passphrase';

/** The words each run reads and clicks, in the language its browser asks for. */
interface Words {
  search: string;
  fitsMyDay: string;
  freeOn: (day: string) => string;
  from: (day: string) => string;
  until: (day: string) => string;
  submit: string;
  signUpToJoin: string;
  name: string;
  email: string;
  password: string;
  timeZone: string;
  signUp: string;
  checkEmail: string;
  backToGroup: string;
  logOut: string;
  logInToContinue: string;
  logIn: string;
  join: string;
  joined: string;
  answerRequired: string;
  yes: string;
  saved: string;
}

const EN: Words = {
  search: 'What do you want to learn?',
  fitsMyDay: 'Fits my day (meets when I am available)',
  freeOn: (day) => `Free on ${day}`,
  from: (day) => `${day} from`,
  until: (day) => `${day} until`,
  submit: 'Search',
  signUpToJoin: 'Sign up to join',
  name: 'Your name',
  email: 'Email',
  password: 'Password (at least 10 characters)',
  timeZone: 'Your time zone',
  signUp: 'Sign up',
  checkEmail: 'we sent a link to',
  backToGroup: 'Back to the group',
  logOut: 'Log out',
  logInToContinue: 'Log in to continue',
  logIn: 'Log in',
  join: 'Join this group',
  joined: 'You are a member of this group.',
  answerRequired: 'Please answer this question.',
  yes: 'Yes',
  saved: 'Your answer is saved.',
};

const ES: Words = {
  search: '¿Qué quieres aprender?',
  fitsMyDay: 'Encaja en mi día (se reúne cuando estoy disponible)',
  freeOn: (day) => `Libre el ${day}`,
  from: (day) => `${day} desde`,
  until: (day) => `${day} hasta`,
  submit: 'Buscar',
  signUpToJoin: 'Regístrate para unirte',
  name: 'Tu nombre',
  email: 'Correo electrónico',
  password: 'Contraseña (al menos 10 caracteres)',
  timeZone: 'Tu zona horaria',
  signUp: 'Registrarme',
  checkEmail: 'enviamos un enlace a',
  backToGroup: 'Volver al grupo',
  logOut: 'Salir',
  logInToContinue: 'Entra para continuar',
  logIn: 'Entrar',
  join: 'Unirme a este grupo',
  joined: 'Eres miembro de este grupo.',
  answerRequired: 'Responde a esta pregunta, por favor.',
  yes: 'Sí',
  saved: 'Tu respuesta está guardada.',
};

/**
 * Journey 1 of issue 15 in Chromium: a newcomer without an account ticks the hours they are free, finds the group
 * that meets then (and not the one that does not), signs up from its page, opens the link of the email that arrived,
 * comes back to the group, joins and says they are coming. Once signed in, times follow the profile's zone
 * (Kathmandu) whatever zone the browser is in.
 */
describe('a newcomer finds a group that fits their day, signs up, verifies, joins and RSVPs', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  /** Two groups in La Paz with one meeting each: Wednesday 10 March 2027 at 18:00 (fits) and at 08:00 (does not). */
  async function twoGroups(tag: string, question: boolean) {
    const host = await stack.api.make.user({ timeZone: 'America/La_Paz' });
    const evening = await stack.api.make.group(host, {
      name: `Evening biogas ${tag}`,
      description: 'We build tube digesters together after work.',
      timeZone: 'America/La_Paz',
      signupQuestions: question ? [{ id: 'qbuild', prompt: 'What would you like to build?', required: true }] : [],
    });
    const morning = await stack.api.make.group(host, { name: `Morning biogas ${tag}`, timeZone: 'America/La_Paz' });
    for (const [group, localTime] of [
      [evening, '18:00'],
      [morning, '08:00'],
    ] as const) {
      const scheduled = await stack.api
        .http()
        .post(`/api/v1/groups/${group.id}/meetings`)
        .set('Authorization', host.auth)
        .send({ meetings: [{ localDate: '2027-03-10', localTime, durationMinutes: 60 }] });
      expect(scheduled.status).toBeLessThan(300);
    }
    return { host, evening, morning };
  }

  async function tickFreeHours(page: Page, words: Words, day: string, from: string, until: string) {
    await page.getByLabel(words.fitsMyDay).check();
    await page.getByLabel(words.freeOn(day)).check();
    await page.getByLabel(words.from(day)).fill(from);
    await page.getByLabel(words.until(day)).fill(until);
  }

  async function signUp(page: Page, words: Words, email: string) {
    await page.getByLabel(words.name).fill('Nima Sherpa');
    await page.getByLabel(words.email, { exact: true }).fill(email);
    await page.getByLabel(words.password).fill(PASSWORD);
    // The profile keeps Kathmandu's zone whatever zone this browser is in.
    await page.getByLabel(words.timeZone).fill('Asia/Kathmandu');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, `journey-sign-up-${email.split('@')[0]!}`);
    await page.getByRole('button', { name: words.signUp, exact: true }).click();
    expect(await visibleText(page.getByRole('status'))).toContain(words.checkEmail);
  }

  async function verificationLink(email: string): Promise<string> {
    const [mail] = await stack.sink.waitFor((m) => m.to.includes(email), 1, 30_000);
    const link = /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_.~-]+/.exec(mail!.text)?.[0];
    expect(link?.startsWith(stack.origin)).toBe(true);
    return link!;
  }

  /** The newcomer's profile as the API keeps it, read through a login of its own. */
  async function profileOf(email: string): Promise<Record<string, unknown>> {
    const login = await stack.api.http().post('/api/v1/auth/login').send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    const me = await stack.api.http().get('/api/v1/users/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    return me.body as Record<string, unknown>;
  }

  async function rsvpYes(page: Page, words: Words) {
    const meeting = page.getByRole('listitem').filter({ has: page.locator('time') });
    await meeting.getByLabel(words.yes, { exact: true }).check();
    expect(await visibleText(meeting.getByRole('status'))).toBe(words.saved);
    // The answer is the API's, not only the page's: it is still there after a reload.
    await page.reload();
    await visibleText(page.getByText(words.joined));
    expect(await page.getByRole('listitem').getByLabel(words.yes, { exact: true }).isChecked()).toBe(true);
    return meeting;
  }

  it('in English, with the browser and the profile in Kathmandu', async () => {
    const { evening } = await twoGroups('en', false);
    const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel(EN.search).fill('biogas en');
    // The picker checks what the API would refuse before anything is sent: no day, or an end before the start.
    await page.getByLabel(EN.fitsMyDay).check();
    await page.getByRole('button', { name: EN.submit }).click();
    expect(await visibleText(page.locator('.weekly-hours [role=alert]'))).toBe('Tick at least one day you are free.');
    await page.getByLabel(EN.freeOn('Thursday')).check();
    await page.getByLabel(EN.from('Thursday')).fill('05:00');
    await page.getByLabel(EN.until('Thursday')).fill('03:00');
    expect(await visibleText(page.locator('.day-row .field-error'))).toBe('The end must come after the start.');
    // 18:00 in La Paz (UTC-4) is Thursday 03:45 in Kathmandu (UTC+5:45); 08:00 there is Wednesday 17:45 here.
    await tickFreeHours(page, EN, 'Thursday', '03:00', '05:00');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: EN.submit }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Evening biogas en' });
    expect(await visibleText(card.locator('time'))).toMatch(/Thu, Mar 11, 03:45 AM GMT\+5:45/);
    expect(await visibleText(card.locator('.seats'))).toBe('9 seats left');
    expect(await page.getByRole('listitem').filter({ hasText: 'Morning biogas en' }).count()).toBe(0);
    await screenshots(page, 'journey-search-en');

    await card.getByRole('link', { name: 'Evening biogas en' }).click();
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Evening biogas en');
    // A reload (or a link shared elsewhere) has no search result to carry: the public read shows the same.
    await page.reload();
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Evening biogas en');
    expect(await visibleText(page.locator('.seats'))).toBe('9 seats left');
    expect(await visibleText(page.locator('time'))).toMatch(/Thu, Mar 11, 03:45 AM GMT\+5:45/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'journey-group-visitor-en');
    await page.getByRole('link', { name: EN.signUpToJoin }).click();
    await signUp(page, EN, 'nima.en@example.org');

    // Signed in at sign-up, the link from the email opens in this browser and leads straight back to the group.
    await page.goto(await verificationLink('nima.en@example.org'));
    await page.getByRole('link', { name: EN.backToGroup }).click();
    expect(page.url()).toBe(`${stack.origin}/groups/${evening.id}`);
    await page.getByRole('button', { name: EN.join }).click();
    expect(await visibleText(page.getByText(EN.joined))).toBe(EN.joined);
    // Members only: the meeting link (the factory's) shows once joined.
    expect(await page.getByRole('link', { name: 'Where the group meets online' }).getAttribute('href')).toBe(
      'https://meet.example.org/biogas',
    );
    const meeting = await rsvpYes(page, EN);
    expect(await visibleText(meeting.locator('time'))).toMatch(/Thu, Mar 11, 03:45 AM GMT\+5:45/);
    expect(await visibleText(meeting.locator('.group-time'))).toMatch(/Wed, Mar 10, 06:00 PM GMT-4/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'journey-group-member-en');

    expect(await profileOf('nima.en@example.org')).toMatchObject({ emailVerified: true, timeZone: 'Asia/Kathmandu' });
    await context.close();
  }, 180_000);

  it('in Spanish, with the browser in La Paz and the profile in Kathmandu, logging in from the email’s link', async () => {
    const { host, evening } = await twoGroups('es', true);
    const context = await stack.newContext({ timezoneId: 'America/La_Paz', locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel(ES.search).fill('biogas es');
    // Anonymous, the hours are read in the browser's zone: free on Wednesdays 17:00-20:00 in La Paz.
    await tickFreeHours(page, ES, 'miércoles', '17:00', '20:00');
    await page.getByRole('button', { name: ES.submit }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Evening biogas es' });
    expect(await visibleText(card.locator('time'))).toMatch(/mié, 10 mar, 18:00 GMT-4/);
    expect(await page.getByRole('listitem').filter({ hasText: 'Morning biogas es' }).count()).toBe(0);
    await screenshots(page, 'journey-search-es');

    await card.getByRole('link', { name: 'Evening biogas es' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: ES.signUpToJoin }).click();
    await signUp(page, ES, 'nima.es@example.org');

    // Logged out before the email is opened: the page leads through log-in, then back to the group.
    await page.getByRole('button', { name: ES.logOut }).click();
    await visibleText(page.getByRole('navigation').getByRole('link', { name: ES.logIn, exact: true }));
    await page.goto(await verificationLink('nima.es@example.org'));
    await page.getByRole('link', { name: ES.logInToContinue }).click();
    await page.getByLabel(ES.email, { exact: true }).fill('nima.es@example.org');
    await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: ES.logIn, exact: true }).click();
    await page.waitForURL(`${stack.origin}/groups/${evening.id}`);

    // The group asks a required question: the form says so before anything is sent.
    await page.getByRole('button', { name: ES.join }).click();
    expect(await visibleText(page.locator('.field-error'))).toBe(ES.answerRequired);
    await page.getByLabel('What would you like to build?').fill('Un biodigestor para la escuela');
    await page.getByRole('button', { name: ES.join }).click();
    expect(await visibleText(page.getByText(ES.joined))).toBe(ES.joined);
    const meeting = await rsvpYes(page, ES);
    // Signed in, times follow the profile (Kathmandu), not the browser (La Paz), with the group's time beside.
    expect(await visibleText(meeting.locator('time'))).toMatch(/jue, 11 mar, 03:45 GMT\+5:45/);
    expect(await visibleText(meeting.locator('.group-time'))).toMatch(/mié, 10 mar, 18:00 GMT-4/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'journey-group-member-es');

    const roster = await stack.api.http().get(`/api/v1/groups/${evening.id}`).set('Authorization', host.auth);
    expect(await profileOf('nima.es@example.org')).toMatchObject({ emailVerified: true, locale: 'es' });
    expect(roster.body.forFacilitators.roster).toContainEqual(
      expect.objectContaining({
        email: 'nima.es@example.org',
        signupAnswers: { qbuild: 'Un biodigestor para la escuela' },
      }),
    );
    await context.close();
  }, 180_000);

  it('signed in: "fits my day" reads the profile, the calendar link works, a full group waitlists, leaving works', async () => {
    const { host } = await twoGroups('member', false);
    const full = await stack.api.make.group(host, { name: 'Full biogas member', capacity: 2 });
    await stack.api.make.membership(full, await stack.api.make.user());
    const learner = await stack.api.make.user({ timeZone: 'Asia/Kathmandu', email: 'pema@example.org' });
    // Free on Thursdays 03:00-05:00 in Kathmandu: the evening group's Wednesday 18:00 in La Paz.
    const availability = await stack.api
      .http()
      .patch('/api/v1/users/me')
      .set('Authorization', learner.auth)
      .send({ availability: [{ weekday: 4, start: '03:00', end: '05:00' }] });
    expect(availability.status).toBe(200);

    const context = await stack.newContext({ timezoneId: 'America/La_Paz', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill('pema@example.org');
    await page.getByLabel('Password', { exact: true }).fill(learner.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await visibleText(page.getByRole('button', { name: 'Log out' }));

    await page.getByLabel(EN.search).fill('biogas member');
    await page.getByLabel(EN.fitsMyDay).check();
    // Signed in, no picker: the profile's hours count.
    expect(await page.getByRole('group', { name: /When are you free/ }).count()).toBe(0);
    await page.getByRole('button', { name: EN.submit }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Evening biogas member' });
    expect(await visibleText(card.locator('time'))).toMatch(/Thu, Mar 11, 03:45 AM GMT\+5:45/);
    expect(await page.getByRole('listitem').filter({ hasText: 'Morning biogas member' }).count()).toBe(0);

    await card.getByRole('link', { name: 'Evening biogas member' }).click();
    await page.getByRole('button', { name: EN.join }).click();
    await visibleText(page.getByText(EN.joined));
    await page.getByRole('button', { name: 'Get my calendar link' }).click();
    const feedUrl = await page.getByLabel('Your calendar feed link (keep it private)').inputValue();
    expect(feedUrl).toMatch(new RegExp(`^${stack.origin}/api/v1/calendar/.+\\.ics$`));
    const feed = await stack.api.http().get(new URL(feedUrl).pathname);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('DTSTART;TZID=America/La_Paz:20270310T180000');
    await page.getByRole('button', { name: 'Leave this group' }).click();
    await visibleText(page.getByRole('button', { name: EN.join }));
    expect(await visibleText(page.getByRole('status'))).toBe('You left the group.');

    await page.goto(`/groups/${full.id}`);
    await page.getByRole('button', { name: EN.join }).click();
    expect(await visibleText(page.locator('.status'))).toBe('You are number 1 on the waitlist.');
    await page.getByRole('button', { name: 'Leave the waitlist' }).click();
    await visibleText(page.getByRole('button', { name: EN.join }));
    const detail = await stack.api.http().get(`/api/v1/groups/${full.id}`).set('Authorization', host.auth);
    expect(detail.body.waitlistLength).toBe(0);
    expect(detail.body.seatsLeft).toBe(0);
    await context.close();
  }, 180_000);
});
