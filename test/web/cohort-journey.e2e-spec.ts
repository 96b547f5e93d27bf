import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { Cohort, EnrollmentMode } from '@app/cohorts';
import {
  logIn,
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';
import { spaces, shownInstant } from '../support/shown-time';

/** The words each run clicks and reads, in the language of its profiles (and browser). */
const WORDS = {
  en: {
    email: 'Email',
    password: 'Password',
    logIn: 'Log in',
    myCohorts: 'My cohorts',
    startCohort: 'Start a cohort',
    courseVersion: 'Course version',
    name: 'Cohort name',
    description: 'Description',
    start: 'Start date (in the cohort’s time zone)',
    zone: 'Cohort time zone',
    capacity: 'Most learners',
    howJoin: 'How learners join',
    create: 'Create the cohort',
    youFacilitate: 'You facilitate this cohort.',
    dashboardLink: 'Facilitator dashboard',
    inviteLink: 'Send this link to invite learners',
    ask: 'Ask to join',
    pending: 'Your request to join is waiting for a facilitator.',
    enroll: 'Enroll',
    enrolled: 'You are enrolled in this cohort.',
    approve: (name: string) => `Approve ${name}`,
    saved: 'Saved.',
    optIn: 'Place me in a study group of people who share my hours and a language',
    minSize: 'Smallest group',
    maxSize: 'Largest group',
    formGroups: 'Form groups',
    formed: '1 groups formed; 0 learners could not be placed.',
    group1: 'Group 1',
    learner: 'Learner',
    toGroup: 'To group',
    move: 'Move',
    moved: 'Moved.',
    missed: 'Missed a deadline',
    noGroup: 'No study group',
    module: 'Module',
    extraDays: 'Extra days',
    grant: 'Grant the extension',
    granted: 'Extension granted.',
    extended: 'Extended by 3 days',
    csv: 'Download as CSV',
    announcementTitle: 'Announcement title',
    announcementBody: 'Announcement (Markdown)',
    post: 'Post and email the announcement',
    myCalendar: 'My calendar',
    dueNext: 'Due next',
    myGroup: 'My study group',
    announcements: 'Announcements',
    subject: 'Subject',
    message: 'Your message (Markdown)',
    startDiscussion: 'Start the discussion',
  },
  es: {
    email: 'Correo electrónico',
    password: 'Contraseña',
    logIn: 'Entrar',
    myCohorts: 'Mis cohortes',
    startCohort: 'Empezar una cohorte',
    courseVersion: 'Versión del curso',
    name: 'Nombre de la cohorte',
    description: 'Descripción',
    start: 'Fecha de inicio (en la zona horaria de la cohorte)',
    zone: 'Zona horaria de la cohorte',
    capacity: 'Máximo de participantes',
    howJoin: 'Cómo se inscriben',
    create: 'Crear la cohorte',
    youFacilitate: 'Facilitas esta cohorte.',
    dashboardLink: 'Panel de facilitación',
    inviteLink: 'Envía este enlace para invitar participantes',
    ask: 'Pedir unirme',
    pending: 'Tu solicitud espera a un facilitador.',
    enroll: 'Inscribirme',
    enrolled: 'Estás inscrito en esta cohorte.',
    approve: (name: string) => `Aprobar a ${name}`,
    saved: 'Guardado.',
    optIn: 'Ponme en un grupo de estudio con personas que comparten mis horas y un idioma',
    minSize: 'Grupo más pequeño',
    maxSize: 'Grupo más grande',
    formGroups: 'Formar grupos',
    formed: '1 grupos formados; 0 participantes sin colocar.',
    group1: 'Grupo 1',
    learner: 'Participante',
    toGroup: 'Al grupo',
    move: 'Mover',
    moved: 'Movido.',
    missed: 'No cumplió un plazo',
    noGroup: 'Sin grupo de estudio',
    module: 'Módulo',
    extraDays: 'Días extra',
    grant: 'Conceder la prórroga',
    granted: 'Prórroga concedida.',
    extended: 'Prorrogado 3 días',
    csv: 'Descargar en CSV',
    announcementTitle: 'Título del anuncio',
    announcementBody: 'Anuncio (Markdown)',
    post: 'Publicar y enviar el anuncio por correo',
    myCalendar: 'Mi calendario',
    dueNext: 'Lo próximo',
    myGroup: 'Mi grupo de estudio',
    announcements: 'Anuncios',
    subject: 'Asunto',
    message: 'Tu mensaje (Markdown)',
    startDiscussion: 'Empezar la conversación',
  },
} as const;

type Language = keyof typeof WORDS;

/** A calendar date `days` after `date` (YYYY-MM-DD): date arithmetic, no zone involved. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The cohort keeps Kigali's calendar (UTC+2 all year): 23:59 there is 21:59 UTC. */
const COHORT_ZONE = 'Africa/Kigali';
const dueInstant = (date: string) => `${date}T21:59:00.000Z`;

/**
 * Journey 3 in Chromium: a facilitator creates a cohort (by approval) in the browser; one learner asks to join and is
 * approved, another enrolls through the invite link; both ask for a study group and the facilitator forms one by
 * their common hours, then moves a third learner into it; the dashboard flags the missed first deadline, the
 * facilitator grants Ana an extension and the flag goes; the CSV downloads; an announcement goes out. Ana then sees
 * her extended deadline in her PROFILE's zone (the cohort's beside it), whatever zone her browser is in.
 */
describe('a facilitator runs a cohort in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  async function accessible(page: Page, name: string): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, name);
  }

  /** Evenings on weekdays, in the person's own zone: what lets two learners of one zone share hours. */
  const evenings = Array.from({ length: 5 }, (_, i) => ({ weekday: i + 1, start: '18:00', end: '21:00' }));

  const runs: { language: Language; locale: string; browserZone: string; profileZone: string }[] = [
    { language: 'en', locale: 'en-US', browserZone: 'Asia/Kathmandu', profileZone: 'America/La_Paz' },
    { language: 'es', locale: 'es-BO', browserZone: 'America/La_Paz', profileZone: 'Asia/Kathmandu' },
  ];

  it.each(runs)(
    'creates a cohort, enrolls learners, forms groups, grants an extension and reads the dashboard ($language, browser in $browserZone, profile in $profileZone)',
    async ({ language, locale, browserZone, profileZone }) => {
      const words = WORDS[language];
      const person = (displayName: string) =>
        stack.api.make.user({ displayName, timeZone: profileZone, locale: language });
      const facilitator = await person('Fatima Facilitator');
      const ana = await person('Ana Learner');
      const bruno = await person('Bruno Learner');
      const dario = await person('Dario Learner');
      for (const learner of [ana, bruno]) {
        const res = await stack.api
          .http()
          .patch('/api/v1/users/me')
          .set('Authorization', learner.auth)
          .send({ availability: evenings });
        expect(res.status).toBe(200);
      }
      const courseTitle = `Biogas digesters ${language}`;
      await stack.api.make.course(facilitator, {
        title: courseTitle,
        modules: [
          { title: 'Dig the trench', content: 'Dig it **1 m** deep.' },
          { title: 'Seal the tube', content: 'Tie both ends.' },
        ],
      });
      // Eight days ago in the cohort's calendar: module 1 (days 0-6) is past due, module 2 (days 7-13) is open.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: COHORT_ZONE }).format(stack.api.clock.now());
      const startDate = addDays(today, -8);
      const cohortTitle = `Biogas cohort ${language}`;

      // The facilitator creates the cohort in the browser, from "My cohorts".
      const hostContext = await stack.newContext({ timezoneId: browserZone, locale });
      const host = await hostContext.newPage();
      await logIn(host, facilitator, '/');
      await host.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: words.myCohorts }).click();
      await host.getByRole('link', { name: words.startCohort }).click();
      await host.getByLabel(words.courseVersion).selectOption({ label: `${courseTitle} (v1)` });
      await host.getByLabel(words.name).fill(cohortTitle);
      await host.getByLabel(words.description, { exact: true }).fill('Build a digester together, week by week.');
      await host.getByLabel(words.start).fill(startDate);
      await host.getByLabel(words.zone, { exact: true }).fill(COHORT_ZONE);
      await host.getByLabel(words.capacity).fill('10');
      await host.getByLabel(words.howJoin).selectOption('approval');
      await accessible(host, `cohort-new-${language}`);
      await host.getByRole('button', { name: words.create }).click();
      await host.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
      const cohortId = new URL(host.url()).pathname.split('/')[2]!;
      expect(await visibleText(host.getByRole('heading', { level: 1, name: cohortTitle }))).toBe(cohortTitle);
      expect(await visibleText(host.locator('.status'))).toBe(words.youFacilitate);
      await accessible(host, `cohort-facilitator-${language}`);

      const created = await stack.api.db.query<{ start_date: string; time_zone: string; enrollment_mode: string }[]>(
        `SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date, time_zone, enrollment_mode FROM cohorts WHERE id = $1`,
        [cohortId],
      );
      expect(created).toEqual([{ start_date: startDate, time_zone: COHORT_ZONE, enrollment_mode: 'approval' }]);
      const modules = await stack.api.db.query<{ module_id: string }[]>(
        'SELECT module_id FROM cohort_modules WHERE cohort_id = $1 ORDER BY position',
        [cohortId],
      );
      expect(modules).toHaveLength(2);

      await host.getByRole('link', { name: words.dashboardLink }).click();
      await host.waitForURL((url) => url.pathname === `/cohorts/${cohortId}/facilitate`);
      const inviteLink = await host.getByLabel(words.inviteLink).inputValue();
      const invite = new URL(inviteLink);
      expect(invite.pathname).toBe(`/cohorts/${cohortId}/join`);

      // Ana asks to join; Bruno comes in through the invite link (no approval needed).
      const anaContext = await stack.newContext({ timezoneId: browserZone, locale });
      const anaPage = await anaContext.newPage();
      await logIn(anaPage, ana, `/cohorts/${cohortId}`);
      await anaPage.getByRole('button', { name: words.ask }).click();
      expect(await visibleText(anaPage.getByText(words.pending))).toBe(words.pending);
      await accessible(anaPage, `cohort-visitor-${language}`);

      const brunoContext = await stack.newContext({ timezoneId: browserZone, locale });
      const brunoPage = await brunoContext.newPage();
      await logIn(brunoPage, bruno, `${invite.pathname}${invite.search}`);
      expect(await visibleText(brunoPage.getByRole('heading', { level: 2, name: cohortTitle }))).toBe(cohortTitle);
      await accessible(brunoPage, `cohort-join-${language}`);
      await brunoPage.getByRole('button', { name: words.enroll }).click();
      await brunoPage.waitForURL((url) => url.pathname === `/cohorts/${cohortId}`);
      expect(await visibleText(brunoPage.getByText(words.enrolled))).toContain(words.enrolled);
      await brunoPage.getByLabel(words.optIn).check();
      expect(await visibleText(brunoPage.getByRole('status'))).toBe(words.saved);

      // A third learner was added by hand earlier and never asked for a group.
      await stack.api.make.enrollment(
        await stack.api.db.getRepository(Cohort).findOneByOrFail({ id: cohortId }),
        dario,
      );

      // The facilitator approves Ana; she asks for a group too.
      await host.reload();
      await host.getByRole('button', { name: words.approve('Ana Learner') }).click();
      expect(await visibleText(host.locator('section[aria-labelledby="cohort-requests"] [role="status"]'))).toBe(
        words.saved,
      );
      await anaPage.reload();
      await anaPage.getByLabel(words.optIn).check();
      expect(await visibleText(anaPage.getByRole('status'))).toBe(words.saved);

      // The dashboard flags the missed first deadline, and Dario's missing group.
      await host.reload();
      const rowOf = (name: string) =>
        host.getByRole('row').filter({ has: host.getByRole('rowheader', { name, exact: true }) });
      expect(await visibleText(rowOf('Ana Learner'))).toContain(words.missed);
      expect(await visibleText(rowOf('Dario Learner'))).toContain(words.noGroup);

      // Groups by common hours: Ana and Bruno share their evenings; Dario is moved in by hand.
      const groups = host.locator('section[aria-labelledby="cohort-groups"]');
      await groups.getByLabel(words.minSize).fill('2');
      await groups.getByLabel(words.maxSize).fill('6');
      await groups.getByRole('button', { name: words.formGroups }).click();
      expect(await visibleText(groups.getByRole('status'))).toBe(words.formed);
      const group1 = groups.getByRole('listitem').filter({ has: host.getByRole('heading', { name: words.group1 }) });
      expect(await visibleText(group1)).toContain('Ana Learner');
      expect(await visibleText(group1)).toContain('Bruno Learner');
      await groups.getByLabel(words.learner).selectOption({ label: 'Dario Learner' });
      await groups.getByLabel(words.toGroup).selectOption({ label: words.group1 });
      await groups.getByRole('button', { name: words.move, exact: true }).click();
      expect(await visibleText(groups.getByRole('status').filter({ hasText: words.moved }))).toBe(words.moved);
      expect(await visibleText(group1)).toContain('Dario Learner');
      await host.reload();
      expect(await visibleText(rowOf('Dario Learner'))).toContain(words.group1);
      expect(await visibleText(rowOf('Dario Learner'))).not.toContain(words.noGroup);

      // An extension for Ana on module 1: three more days, and her missed-deadline flag goes.
      const extensions = host.locator('section[aria-labelledby="cohort-extensions"]');
      await extensions.getByLabel(words.learner).selectOption({ label: 'Ana Learner' });
      await extensions.getByLabel(words.module, { exact: true }).selectOption({ label: 'Dig the trench' });
      await extensions.getByLabel(words.extraDays).fill('3');
      await extensions.getByRole('button', { name: words.grant }).click();
      expect(await visibleText(extensions.getByRole('status'))).toBe(words.granted);
      expect(await visibleText(extensions.locator('li'))).toContain(words.extended);
      await host.reload();
      expect(await visibleText(rowOf('Ana Learner'))).not.toContain(words.missed);
      expect(await visibleText(rowOf('Bruno Learner'))).toContain(words.missed);
      await accessible(host, `cohort-dashboard-${language}`);

      // The same table as a CSV file.
      const [download] = await Promise.all([
        host.waitForEvent('download'),
        host.getByRole('button', { name: words.csv }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv).toContain('Ana Learner');
      expect(csv).toContain('Dario Learner');

      // An announcement for everyone.
      const announcements = host.locator('section[aria-labelledby="cohort-announcements"]');
      await announcements.getByLabel(words.announcementTitle).fill('Week 2 is open');
      await announcements.getByLabel(words.announcementBody).fill('Bring a **tube** to the next meeting.');
      await announcements.getByRole('button', { name: words.post }).click();
      await announcements.getByRole('status').waitFor();
      await hostContext.close();

      // Ana sees her extended deadline in her profile's zone (the cohort's beside it), not her browser's.
      const extendedDue = dueInstant(addDays(startDate, 9));
      const mine = await stack.api.http().get(`/api/v1/cohorts/${cohortId}/me`).set('Authorization', ana.auth);
      expect(mine.status).toBe(200);
      expect(mine.body.modules[0]).toMatchObject({ title: 'Dig the trench', extraDays: 3 });
      expect(mine.body.modules[0].dueAt.utc).toBe(extendedDue);

      await anaPage.reload();
      const calendar = anaPage.locator('section[aria-labelledby="cohort-calendar"]');
      expect(await visibleText(calendar.getByRole('heading', { level: 2 }))).toBe(words.myCalendar);
      const first = calendar
        .getByRole('listitem')
        .filter({ has: anaPage.getByRole('heading', { name: 'Dig the trench' }) });
      const shown = spaces(await visibleText(first.locator('.due time')));
      expect(shown).toBe(shownInstant(extendedDue, profileZone, language));
      expect(shown).not.toBe(shownInstant(extendedDue, browserZone, language));
      expect(spaces(await visibleText(first.locator('.due .group-time')))).toContain(
        shownInstant(extendedDue, COHORT_ZONE, language),
      );
      expect(await visibleText(first.locator('.extension'))).toBe(words.extended);
      // What is due next is that extended module (module 2 is due later).
      const next = anaPage.locator('section[aria-labelledby="cohort-next"]');
      expect(await visibleText(next.locator('.next-due'))).toContain('Dig the trench');
      expect(spaces(await visibleText(next.locator('.next-due time')))).toBe(
        shownInstant(extendedDue, profileZone, language),
      );
      // Her group, with the people in it; the announcement.
      const myGroup = anaPage.locator('section[aria-labelledby="cohort-group"]');
      expect(await visibleText(myGroup.locator('.card'))).toContain('Bruno Learner');
      const news = anaPage.locator('section[aria-labelledby="cohort-announcements"]');
      expect(await visibleText(news.getByRole('heading', { level: 3 }))).toBe('Week 2 is open');
      expect(await visibleText(news.locator('.post-body strong'))).toBe('tube');
      await accessible(anaPage, `cohort-learner-${language}`);

      // A thread in their group: Bruno reads what Ana starts there.
      await myGroup.getByLabel(words.subject).fill('Who has a spade?');
      await myGroup.getByLabel(words.message).fill('I can bring the tube.');
      await myGroup.getByRole('button', { name: words.startDiscussion }).click();
      await myGroup.getByRole('link', { name: 'Who has a spade?' }).waitFor();
      await brunoPage.reload();
      const brunoGroup = brunoPage.locator('section[aria-labelledby="cohort-group"]');
      expect(await visibleText(brunoGroup.getByRole('link', { name: 'Who has a spade?' }))).toBe('Who has a spade?');
      const wide = brunoPage.locator('section[aria-labelledby="cohort-discussions"]');
      expect(await wide.getByRole('link', { name: 'Who has a spade?' }).count()).toBe(0);

      // And the cohort is in her list.
      await anaPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: words.myCohorts }).click();
      await anaPage.waitForURL((url) => url.pathname === '/cohorts');
      expect(await visibleText(anaPage.getByRole('heading', { level: 1 }))).toBe(words.myCohorts);
      expect(await visibleText(anaPage.getByRole('heading', { level: 2, name: cohortTitle }))).toBe(cohortTitle);
      await accessible(anaPage, `cohort-list-${language}`);
      await anaContext.close();
      await brunoContext.close();
    },
    240_000,
  );

  it('a learner joins an invite-only cohort by code, reads and completes a module, discusses, loses an extension and leaves', async () => {
    const words = WORDS.en;
    const facilitator = await stack.api.make.user({ displayName: 'Fatima Facilitator', timeZone: 'America/La_Paz' });
    const learner = await stack.api.make.user({ displayName: 'Lucía Learner', timeZone: 'Asia/Kathmandu' });
    const { version } = await stack.api.make.course(facilitator, {
      title: 'Compost at home',
      modules: [
        { title: 'Pick a bin', content: 'Choose a bin with **holes** for air.' },
        { title: 'Feed it', content: 'Greens and browns.' },
      ],
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(stack.api.clock.now());
    const made = await stack.api
      .http()
      .post('/api/v1/cohorts')
      .set('Authorization', facilitator.auth)
      .send({
        title: 'Compost circle',
        courseVersionId: version!.id,
        startDate: addDays(today, -1),
        timeZone: 'UTC',
        capacity: 5,
        enrollmentMode: 'invite',
        deadlineMode: 'fixed',
      });
    expect(made.status).toBe(201);
    const cohortId = made.body.id as string;
    const code = made.body.forFacilitators.inviteCode as string;
    const [firstModule, secondModule] = made.body.modules as { moduleId: string }[];

    const context = await stack.newContext({ timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    await logIn(page, learner, '/cohorts');
    expect(await visibleText(page.getByText('You are not in any cohort yet.'))).toBeTruthy();
    await page.getByRole('link', { name: 'Join with an invite code' }).click();
    // An empty code and a wrong one are named next to the field.
    await page.getByRole('button', { name: 'Find the cohort' }).click();
    expect(await visibleText(page.locator('.field-error'))).toBe('Enter the invite code you were given.');
    await page.getByLabel('Invite code').fill('not-a-code');
    await page.getByRole('button', { name: 'Find the cohort' }).click();
    expect(await visibleText(page.locator('.field-error'))).toBe(
      'No cohort has this code. Check it with the person who invited you.',
    );
    await page.getByLabel('Invite code').fill(code);
    await page.getByRole('button', { name: 'Find the cohort' }).click();
    expect(await visibleText(page.getByRole('heading', { level: 2 }))).toBe('Compost circle');
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.waitForURL((url) => url.pathname === `/cohorts/${cohortId}`);
    expect(await visibleText(page.getByText(words.enrolled))).toContain(words.enrolled);

    // The module's content is the API's sanitized HTML; marking it complete counts.
    await page.getByText('Pick a bin', { exact: true }).and(page.locator('summary')).click();
    expect(await visibleText(page.locator('.module-content strong'))).toBe('holes');
    await page.getByRole('button', { name: 'Mark “Pick a bin” complete' }).click();
    const calendar = page.locator('section[aria-labelledby="cohort-calendar"]');
    const first = calendar.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Pick a bin' }) });
    expect(await visibleText(first.locator('.tag'))).toBe('Completed');
    expect(await visibleText(page.getByText('1 of 2 modules completed'))).toBe('1 of 2 modules completed');
    const second = calendar.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Feed it' }) });
    expect(await visibleText(second.locator('.tag'))).toBe('Not open yet');

    // A discussion: start one, open it, reply.
    await page.getByLabel('Subject').fill('Where do you find browns?');
    await page.getByLabel('Your message (Markdown)').fill('I use *dry leaves*.');
    await page.getByRole('button', { name: 'Start the discussion' }).click();
    await page.getByRole('link', { name: 'Where do you find browns?' }).click();
    await page.waitForURL((url) => url.pathname.startsWith(`/cohorts/${cohortId}/threads/`));
    expect(await visibleText(page.getByRole('heading', { level: 1, name: 'Where do you find browns?' }))).toBe(
      'Where do you find browns?',
    );
    expect(await visibleText(page.locator('.post-body em'))).toBe('dry leaves');
    await page.getByLabel('Your reply (Markdown)').fill('Cardboard works too.');
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    expect(await visibleText(page.locator('.posts li').nth(1))).toContain('Cardboard works too.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'cohort-thread-en');

    // A learner cannot open the facilitators' page.
    await page.goto(`/cohorts/${cohortId}/facilitate`);
    expect(await visibleText(page.getByRole('alert'))).toBe('Only the cohort’s facilitators can see this page.');

    // The facilitator removes an extension granted earlier: the learner's due date is the cohort's again.
    const granted = await stack.api
      .http()
      .put(`/api/v1/cohorts/${cohortId}/learners/${learner.user.id}/extensions/${secondModule!.moduleId}`)
      .set('Authorization', facilitator.auth)
      .send({ extraDays: 2 });
    expect(granted.status).toBe(200);
    const hostContext = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const host = await hostContext.newPage();
    await logIn(host, facilitator, `/cohorts/${cohortId}/facilitate`);
    const extensions = host.locator('section[aria-labelledby="cohort-extensions"]');
    await extensions.getByLabel(words.learner).selectOption({ label: 'Lucía Learner' });
    await extensions.getByRole('button', { name: 'Remove the extension for Feed it' }).click();
    expect(await visibleText(extensions.getByText('No extensions.'))).toBe('No extensions.');
    await hostContext.close();
    const after = await stack.api.http().get(`/api/v1/cohorts/${cohortId}/me`).set('Authorization', learner.auth);
    expect(after.body.modules.map((m: { extraDays: number }) => m.extraDays)).toEqual([0, 0]);
    expect(after.body.modules[0].moduleId).toBe(firstModule!.moduleId);

    // Leaving: the place is given back, and the way in (with a code) shows again.
    await page.goto(`/cohorts/${cohortId}`);
    await page.getByRole('button', { name: 'Leave the cohort' }).click();
    expect(await visibleText(page.getByRole('status'))).toBe('You left the cohort.');
    expect(await visibleText(page.getByRole('button', { name: 'Enroll' }))).toBe('Enroll');
    const seat = await stack.api.db.query<{ status: string }[]>(
      'SELECT status FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
      [cohortId, learner.user.id],
    );
    expect(seat).toEqual([{ status: 'withdrawn' }]);
    await context.close();
  }, 120_000);

  it('a learner asks to join, takes the request back, asks again, and is declined; the facilitator makes a new invite link', async () => {
    const words = WORDS.en;
    const facilitator = await stack.api.make.user({ displayName: 'Fatima Facilitator' });
    const learner = await stack.api.make.user({ displayName: 'Carla Learner' });
    const { cohort } = await stack.api.make.cohort(facilitator, {
      title: 'Rainwater tanks',
      enrollmentMode: EnrollmentMode.Approval,
    });
    const context = await stack.newContext({ timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    await logIn(page, learner, `/cohorts/${cohort.id}`);
    await page.getByRole('button', { name: words.ask }).click();
    await page.getByText(words.pending).waitFor();
    await page.getByRole('button', { name: 'Take back my request' }).click();
    expect(await visibleText(page.getByRole('status'))).toBe('Your request is taken back.');
    await page.getByRole('button', { name: words.ask }).click();
    await page.getByText(words.pending).waitFor();

    const hostContext = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const host = await hostContext.newPage();
    await logIn(host, facilitator, `/cohorts/${cohort.id}/facilitate`);
    await host.getByRole('button', { name: 'Decline Carla Learner' }).click();
    expect(await visibleText(host.getByText('No requests are waiting.'))).toBe('No requests are waiting.');
    // A new invite link replaces the old one.
    const oldLink = await host.getByLabel(words.inviteLink).inputValue();
    await host.getByRole('button', { name: 'Make a new link (the old one stops working)' }).click();
    expect(await visibleText(host.getByText('New link made: the old one no longer works.'))).toBeTruthy();
    // A string, evaluated in the page: this file is compiled without the DOM's types.
    await host.waitForFunction(`document.querySelector('#cohort-invite-link').value !== ${JSON.stringify(oldLink)}`);
    const newCode = new URL(await host.getByLabel(words.inviteLink).inputValue()).searchParams.get('code');
    expect(newCode).toBe(
      (
        await stack.api.db.query<{ invite_code: string }[]>('SELECT invite_code FROM cohorts WHERE id = $1', [
          cohort.id,
        ])
      )[0]?.invite_code,
    );
    expect(newCode).not.toBe(new URL(oldLink).searchParams.get('code'));
    await hostContext.close();

    await page.reload();
    expect(await visibleText(page.getByText('Your request was declined. You can ask again.'))).toBe(
      'Your request was declined. You can ask again.',
    );
    const row = await stack.api.db.query<{ status: string }[]>(
      'SELECT status FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
      [cohort.id, learner.user.id],
    );
    expect(row).toEqual([{ status: 'declined' }]);
    await context.close();
  });

  it('checks the new-cohort form before sending it, naming each field, and creates nothing', async () => {
    const words = WORDS.en;
    const facilitator = await stack.api.make.user({ displayName: 'Fatima Facilitator' });
    await stack.api.make.course(facilitator, { title: 'Solar dryers' });
    const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const page = await context.newPage();
    await logIn(page, facilitator, '/cohorts/new');
    await page.getByLabel(words.zone, { exact: true }).fill('Mars/Olympus_Mons');
    await page.getByLabel(words.capacity).fill('0');
    await page.getByRole('button', { name: words.create }).click();
    const errorOf = async (label: string) => {
      const field = page.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) });
      return visibleText(field.locator('.field-error'));
    };
    expect(await errorOf(words.courseVersion)).toBe('Choose a published course');
    expect(await errorOf(words.name)).toBe('This field is required.');
    expect(await errorOf(words.start)).toBe('Choose the start date.');
    expect(await errorOf(words.zone)).toBe('This is not a time zone we know, e.g. America/La_Paz.');
    expect(await errorOf(words.capacity)).toBe('A whole number from 1 to 100000.');
    expect(await page.getByLabel(words.name).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'cohort-new-errors-en');
    const rows = await stack.api.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM cohorts WHERE created_by = $1',
      [facilitator.user.id],
    );
    expect(rows).toEqual([{ n: 0 }]);
    await context.close();
  });
});
