import type { BrowserContext, Page } from 'playwright-core';
import {
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';
import type { MadeUser } from '../support/factories';

/** The words each run reads and clicks, in the language of its browser and profiles. */
interface Words {
  email: string;
  password: string;
  logIn: string;
  logOut: string;
  myGroups: string;
  noneLed: string;
  start: string;
  newTitle: string;
  name: string;
  description: string;
  topic: string;
  timeZone: string;
  capacity: string;
  range: string;
  required: string;
  addQuestion: string;
  question1: string;
  question1Required: string;
  create: string;
  manage: (name: string) => string;
  weekday: string;
  wednesday: string;
  occurrences: string;
  saveSchedule: string;
  scheduleSaved: string;
  move: string;
  date: (zone: string) => string;
  time: (zone: string) => string;
  saveMove: string;
  cancel: string;
  cancelYes: string;
  cancelled: string;
  join: string;
  joined: string;
  members: (count: number) => string;
  led: string;
  belong: string;
  takeAttendance: string;
  saveAttendance: string;
  attendanceSaved: string;
  waitlist: (count: number) => string;
  position: (name: string) => string;
  noWaitlist: string;
  remove: (name: string) => string;
  removeYes: (name: string) => string;
  full: string;
  edit: string;
  saveGroup: string;
  groupSaved: string;
  endSchedule: string;
  endYes: string;
  addMeeting: string;
  addSubmit: string;
  notAhead: RegExp;
  meetingTitle: string;
  added: string;
}

const EN: Words = {
  email: 'Email',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  myGroups: 'My groups',
  noneLed: 'You facilitate no group yet.',
  start: 'Start a group',
  newTitle: 'Start a study group',
  name: 'Name of the group',
  description: 'What the group does',
  topic: 'Topic',
  timeZone: 'Time zone of the group’s meetings',
  capacity: 'Seats (you included)',
  range: 'A whole number from 1 to 500.',
  required: 'This field is required.',
  addQuestion: 'Add a question',
  question1: 'Question 1',
  question1Required: 'Question 1 must be answered',
  create: 'Create the group',
  manage: (name) => `Manage ${name}`,
  weekday: 'Day of the week',
  wednesday: 'Wednesday',
  occurrences: 'Number of meetings',
  saveSchedule: 'Save the schedule',
  scheduleSaved: 'Schedule saved: 4 meetings added, 0 moved, 0 cancelled.',
  move: 'Move',
  date: (zone) => `Date (${zone})`,
  time: (zone) => `Start time (${zone})`,
  saveMove: 'Save the new time',
  cancel: 'Cancel this meeting',
  cancelYes: 'Yes, cancel it',
  cancelled: 'Cancelled',
  join: 'Join this group',
  joined: 'You are a member of this group.',
  members: (count) => `Members (${count})`,
  led: 'Groups I facilitate',
  belong: 'Groups I belong to',
  takeAttendance: 'Take attendance',
  saveAttendance: 'Save attendance',
  attendanceSaved: 'Attendance saved: 1 came.',
  waitlist: (count) => `Waitlist (${count})`,
  position: (name) => `1. ${name}`,
  noWaitlist: 'Nobody is waiting.',
  remove: (name) => `Remove ${name}`,
  removeYes: (name) => `Yes, remove ${name}`,
  full: 'Full: new joiners wait on the waitlist',
  edit: 'Edit the group',
  saveGroup: 'Save the group',
  groupSaved: 'The group is saved.',
  endSchedule: 'End the weekly schedule',
  endYes: 'Yes, end it',
  addMeeting: 'Add a one-off meeting',
  addSubmit: 'Add the meeting',
  notAhead: /^The meeting must lie ahead \(today is 2027-01-04 in the group’s zone\)\.$/,
  meetingTitle: 'Title (optional)',
  added: 'The meeting is added.',
};

const FR: Words = {
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  logIn: 'Se connecter',
  logOut: 'Se déconnecter',
  myGroups: 'Mes groupes',
  noneLed: 'Vous n’animez encore aucun groupe.',
  start: 'Créer un groupe',
  newTitle: 'Créer un groupe d’étude',
  name: 'Nom du groupe',
  description: 'Ce que fait le groupe',
  topic: 'Sujet',
  timeZone: 'Fuseau horaire des réunions du groupe',
  capacity: 'Places (vous compris·e)',
  range: 'Un nombre entier de 1 à 500.',
  required: 'Ce champ est obligatoire.',
  addQuestion: 'Ajouter une question',
  question1: 'Question 1',
  question1Required: 'La question 1 est obligatoire',
  create: 'Créer le groupe',
  manage: (name) => `Gérer ${name}`,
  weekday: 'Jour de la semaine',
  wednesday: 'mercredi',
  occurrences: 'Nombre de réunions',
  saveSchedule: 'Enregistrer l’horaire',
  scheduleSaved: 'Horaire enregistré : 4 réunions ajoutées, 0 déplacées, 0 annulées.',
  move: 'Déplacer',
  date: (zone) => `Date (${zone})`,
  time: (zone) => `Heure de début (${zone})`,
  saveMove: 'Enregistrer la nouvelle heure',
  cancel: 'Annuler cette réunion',
  cancelYes: 'Oui, l’annuler',
  cancelled: 'Annulée',
  join: 'Rejoindre ce groupe',
  joined: 'Vous êtes membre de ce groupe.',
  members: (count) => `Membres (${count})`,
  led: 'Groupes que j’anime',
  belong: 'Groupes dont je suis membre',
  takeAttendance: 'Faire l’appel',
  saveAttendance: 'Enregistrer les présences',
  attendanceSaved: 'Présences enregistrées : 1 présent·es.',
  waitlist: (count) => `Liste d’attente (${count})`,
  position: (name) => `1. ${name}`,
  noWaitlist: 'Personne n’attend.',
  remove: (name) => `Retirer ${name}`,
  removeYes: (name) => `Oui, retirer ${name}`,
  full: 'Complet : qui rejoint attend sur la liste d’attente',
  edit: 'Modifier le groupe',
  saveGroup: 'Enregistrer le groupe',
  groupSaved: 'Le groupe est enregistré.',
  endSchedule: 'Mettre fin à l’horaire hebdomadaire',
  endYes: 'Oui, y mettre fin',
  addMeeting: 'Ajouter une réunion ponctuelle',
  addSubmit: 'Ajouter la réunion',
  notAhead: /^La réunion doit être à venir \(nous sommes le 2027-01-04 dans le fuseau du groupe\)\.$/,
  meetingTitle: 'Titre (facultatif)',
  added: 'La réunion est ajoutée.',
};

interface Run {
  tag: string;
  words: Words;
  locale: 'en' | 'fr';
  browserLocale: string;
  browserZone: string;
  profileZone: string;
  groupZone: string;
  /** The schedule's first meeting (Wednesday 6 January 2027, 18:00 in the group's zone) in the profile's zone. */
  firstInProfile: RegExp;
  /** The preview beside the schedule form: the same first meeting, in the facilitator's zone. */
  preview: RegExp;
  /** The second meeting, moved to Thursday 14 January 19:30 in the group's zone: in the profile's zone... */
  movedInProfile: RegExp;
  /** ...and in the group's, beside it. */
  movedInGroup: RegExp;
}

const RUNS: Run[] = [
  {
    // The browser in Kathmandu, the profiles in La Paz, the group in Kigali (UTC+2): 18:00 there is 12:00 here.
    tag: 'en',
    words: EN,
    locale: 'en',
    browserLocale: 'en-US',
    browserZone: 'Asia/Kathmandu',
    profileZone: 'America/La_Paz',
    groupZone: 'Africa/Kigali',
    firstInProfile: /Wed, Jan 6, 12:00 PM GMT-4/,
    preview: /your time \(America\/La_Paz\): Wed, Jan 6, 12:00 PM GMT-4/,
    movedInProfile: /Thu, Jan 14, 01:30 PM GMT-4/,
    movedInGroup: /Thu, Jan 14, 07:30 PM GMT\+2/,
  },
  {
    // The browser in La Paz, the profiles in Kathmandu, the group in Paris (UTC+1 in January): 19:30 there is
    // 00:15 the next day here.
    tag: 'fr',
    words: FR,
    locale: 'fr',
    browserLocale: 'fr-FR',
    browserZone: 'America/La_Paz',
    profileZone: 'Asia/Kathmandu',
    groupZone: 'Europe/Paris',
    firstInProfile: /mer\. 6 janv\., 22:45 UTC\+5:45/,
    preview: /votre heure \(Asia\/Kathmandu\) : mer\. 6 janv\., 22:45 UTC\+5:45/,
    movedInProfile: /ven\. 15 janv\., 00:15 UTC\+5:45/,
    movedInGroup: /jeu\. 14 janv\., 19:30 UTC\+1/,
  },
];

/** Monday 4 January 2027, noon UTC: both the API's clock and the browsers' start here. */
const START = '2027-01-04T12:00:00Z';
/** Wednesday 6 January, 20:00 UTC: the first meeting is over (16:00Z in Kigali's run, 17:00Z in Paris's). */
const AFTER_FIRST = '2027-01-06T20:00:00Z';

/**
 * Study groups run by a peer, in Chromium (issue 15): a facilitator starts a group in the browser, sets its weekly
 * schedule in the group's zone (seeing it in their own), a learner joins, the facilitator moves one meeting and
 * cancels another, and the learner sees the move in their profile's zone with the group's beside it; once the
 * group is full the facilitator sees the waitlist and the signup answers; after the first meeting they take
 * attendance, and removing a member gives the seat to the head of the waitlist.
 */
describe('a facilitator runs a study group in the browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  async function browser(run: Run): Promise<BrowserContext> {
    const context = await stack.newContext({ timezoneId: run.browserZone, locale: run.browserLocale });
    // The browser's clock agrees with the API's: "today" in a form is the API's today.
    await context.clock.install({ time: new Date(START) });
    return context;
  }

  async function logIn(page: Page, words: Words, who: MadeUser) {
    await page.goto('/login');
    await page.getByLabel(words.email, { exact: true }).fill(who.user.email!);
    await page.getByLabel(words.password, { exact: true }).fill(who.password);
    await page.getByRole('button', { name: words.logIn, exact: true }).click();
    await visibleText(page.getByRole('button', { name: words.logOut }));
  }

  const meetingItems = (page: Page) => page.locator('.manage-meetings > li');

  it.each(RUNS)(
    'in $locale, browser in $browserZone, profiles in $profileZone, group in $groupZone',
    async (run) => {
      const w = run.words;
      stack.api.clock.set(START);
      const groupName = `Biogas builders ${run.tag}`;
      const facilitator = await stack.api.make.user({
        displayName: `Rosa Mamani ${run.tag}`,
        timeZone: run.profileZone,
        locale: run.locale,
      });
      const learner = await stack.api.make.user({
        displayName: `Lucía Quispe ${run.tag}`,
        timeZone: run.profileZone,
        locale: run.locale,
      });
      const waiting = await stack.api.make.user({ displayName: `Wanda Waits ${run.tag}` });

      // The facilitator has no group yet, and starts one from "My groups".
      const desk = await browser(run);
      const page = await desk.newPage();
      await logIn(page, w, facilitator);
      await page.getByRole('navigation').getByRole('link', { name: w.myGroups }).click();
      expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(w.myGroups);
      expect(await visibleText(page.getByText(w.noneLed))).toBe(w.noneLed);
      await page.getByRole('link', { name: w.start }).click();
      // The form's page loads on demand: until it has, "My groups" is still the page shown (on a loaded machine the
      // address changes first), so wait for the new page's heading, then read it.
      await page.getByRole('heading', { level: 1, name: w.newTitle }).waitFor({ timeout: 20_000 });
      expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(w.newTitle);

      // The form checks what the API would refuse before anything is sent.
      await page.getByLabel(w.capacity).fill('0');
      await page.getByRole('button', { name: w.create }).click();
      expect(await visibleText(page.locator('.field-error').first())).toBe(w.required);
      expect(await visibleText(page.getByText(w.range))).toBe(w.range);
      expect(await page.getByLabel(w.name).getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel(w.name).fill(groupName);
      await page.getByLabel(w.description).fill('We build tube digesters together.');
      await page.getByLabel(w.topic, { exact: true }).fill('biogas');
      await page.getByLabel(w.timeZone).fill(run.groupZone);
      // Two seats: the facilitator's and one more, so the next joiner waits.
      await page.getByLabel(w.capacity).fill('2');
      await page.getByRole('button', { name: w.addQuestion }).click();
      await page.getByLabel(w.question1, { exact: true }).fill('What would you like to build?');
      await page.getByLabel(w.question1Required).check();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `facilitate-new-group-${run.tag}`);
      await page.getByRole('button', { name: w.create }).click();
      await page.waitForURL(/\/groups\/[0-9a-f-]{36}\/manage$/);

      // The new group's desk: the weekly schedule is typed in the group's zone and shown in the facilitator's.
      expect(await visibleText(page.getByRole('heading', { level: 1, name: w.manage(groupName) }))).toBe(
        w.manage(groupName),
      );
      const groupId = /\/groups\/([0-9a-f-]{36})\/manage$/.exec(page.url())?.[1];
      expect(groupId).toBeDefined();
      await page.getByLabel(w.weekday).selectOption({ label: w.wednesday });
      await page.getByLabel(w.occurrences).fill('4');
      expect(await visibleText(page.locator('.zone-preview'))).toMatch(run.preview);
      await page.getByRole('button', { name: w.saveSchedule }).click();
      expect(await visibleText(page.getByText(w.scheduleSaved))).toBe(w.scheduleSaved);
      await meetingItems(page).nth(3).waitFor();
      expect(await meetingItems(page).count()).toBe(4);
      expect(await visibleText(meetingItems(page).first().locator('time'))).toMatch(run.firstInProfile);

      // A one-off meeting: not in the past (the form says so before sending), then on Saturday 30 January.
      await page.getByRole('button', { name: w.addMeeting }).click();
      const oneOff = page.locator('.add-meeting');
      await oneOff.getByLabel(w.date(run.groupZone)).fill('2027-01-02');
      await oneOff.getByRole('button', { name: w.addSubmit }).click();
      expect(await visibleText(oneOff.locator('.field-error'))).toMatch(w.notAhead);
      await oneOff.getByLabel(w.date(run.groupZone)).fill('2027-01-30');
      await oneOff.getByLabel(w.time(run.groupZone)).fill('10:00');
      await oneOff.getByLabel(w.meetingTitle).fill('Field visit');
      await oneOff.getByRole('button', { name: w.addSubmit }).click();
      expect(await visibleText(page.getByText(w.added))).toBe(w.added);
      await meetingItems(page).nth(4).waitFor();
      expect(await visibleText(meetingItems(page).nth(4))).toContain('Field visit');

      // A learner joins (answering the required question).
      const learnerBrowser = await browser(run);
      const learnerPage = await learnerBrowser.newPage();
      await logIn(learnerPage, w, learner);
      await learnerPage.goto(`/groups/${groupId}`);
      await learnerPage.getByLabel('What would you like to build?').fill('A digester for our school kitchen');
      await learnerPage.getByRole('button', { name: w.join }).click();
      expect(await visibleText(learnerPage.getByText(w.joined))).toBe(w.joined);
      expect(await learnerPage.getByRole('link', { name: w.manage(groupName) }).count()).toBe(0);
      // Members see who else is in the group.
      const members = learnerPage.getByRole('region', { name: w.members(2) });
      expect(await visibleText(members)).toContain(`Rosa Mamani ${run.tag}`);
      expect(await visibleText(members)).toContain(`Lucía Quispe ${run.tag}`);

      // The facilitator moves the second meeting to Thursday 19:30 (group time) and cancels the third.
      await page.reload();
      const second = meetingItems(page).nth(1);
      await second.getByRole('button', { name: w.move }).click();
      await second.getByLabel(w.date(run.groupZone)).fill('2027-01-14');
      await second.getByLabel(w.time(run.groupZone)).fill('19:30');
      await second.getByRole('button', { name: w.saveMove }).click();
      await second.getByRole('button', { name: w.move }).waitFor();
      // The list is read again after the move: wait for the new time rather than read the old one.
      await second.locator('time', { hasText: run.movedInProfile }).waitFor({ timeout: 10_000 });
      expect(await visibleText(second.locator('time'))).toMatch(run.movedInProfile);
      expect(await visibleText(second.locator('.group-time'))).toMatch(run.movedInGroup);
      const third = meetingItems(page).nth(2);
      await third.getByRole('button', { name: w.cancel }).click();
      await third.getByRole('button', { name: w.cancelYes }).click();
      expect(await visibleText(third.locator('.tag'))).toBe(w.cancelled);
      expect(await third.getByRole('button', { name: w.move }).count()).toBe(0);

      // The learner sees the moved meeting in their profile's zone, the group's beside it, and the cancellation.
      await learnerPage.reload();
      const learnerMeetings = learnerPage.locator('.meetings > li');
      await learnerMeetings.nth(3).waitFor();
      expect(await visibleText(learnerMeetings.nth(1).locator('time'))).toMatch(run.movedInProfile);
      expect(await visibleText(learnerMeetings.nth(1).locator('.group-time'))).toMatch(run.movedInGroup);
      expect(await visibleText(learnerMeetings.nth(2).locator('.tag'))).toBe(w.cancelled);
      expect(await seriousAccessibilityViolations(learnerPage)).toEqual([]);
      await screenshots(learnerPage, `facilitate-group-member-${run.tag}`);
      // Their "My groups" lists it with its next meeting, in their zone.
      await learnerPage.getByRole('navigation').getByRole('link', { name: w.myGroups }).click();
      const belongs = learnerPage.getByRole('region', { name: w.belong }).getByRole('listitem');
      expect(await visibleText(belongs.getByRole('link', { name: groupName }))).toBe(groupName);
      expect(await visibleText(belongs.locator('time'))).toMatch(run.firstInProfile);

      // The group is full: the next joiner waits, and the facilitator sees the waitlist and the answers.
      const detail = await stack.api.http().get(`/api/v1/groups/${groupId}`).set('Authorization', facilitator.auth);
      const questionId = detail.body.signupQuestions[0].id as string;
      const waitlisted = await stack.api
        .http()
        .post(`/api/v1/groups/${groupId}/join`)
        .set('Authorization', waiting.auth)
        .send({ answers: { [questionId]: 'A bigger tube for the farm' } });
      expect(waitlisted.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      await page.reload();
      expect(await visibleText(page.getByText(w.full))).toContain(w.full);
      const waitlist = page.getByRole('region', { name: w.waitlist(1) });
      expect(await visibleText(waitlist.getByRole('listitem'))).toContain(w.position(`Wanda Waits ${run.tag}`));
      expect(await visibleText(waitlist.getByRole('listitem'))).toContain('A bigger tube for the farm');
      expect(await visibleText(page.locator('.people').first())).toContain('A digester for our school kitchen');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `facilitate-manage-${run.tag}`);

      // The facilitator's "My groups" lists it among the groups they facilitate.
      await page.getByRole('navigation').getByRole('link', { name: w.myGroups }).click();
      const led = page.getByRole('region', { name: w.led }).getByRole('listitem');
      expect(await visibleText(led.locator('time'))).toMatch(run.firstInProfile);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `facilitate-my-groups-${run.tag}`);
      // The group's own page leads facilitators (and only them) to this desk.
      await led.getByRole('link', { name: groupName, exact: true }).click();
      await page.getByRole('link', { name: w.manage(groupName) }).click();
      await page.getByRole('heading', { level: 1, name: w.manage(groupName) }).waitFor();

      // After the first meeting, the facilitator takes attendance: the learner came.
      stack.api.clock.set(AFTER_FIRST);
      await desk.clock.setSystemTime(new Date(AFTER_FIRST));
      await page.reload();
      const attendance = page.getByRole('region', { name: /Attendance|Présences/ });
      await attendance.getByRole('button', { name: w.takeAttendance }).click();
      await attendance.getByLabel(`Lucía Quispe ${run.tag}`).check();
      await attendance.getByRole('button', { name: w.saveAttendance }).click();
      expect(await visibleText(attendance.getByRole('status'))).toBe(w.attendanceSaved);
      const past = await stack.api
        .http()
        .get(`/api/v1/groups/${groupId}/meetings`)
        .query({ from: '2027-01-06T00:00:00Z', to: AFTER_FIRST })
        .set('Authorization', facilitator.auth);
      const recorded = await stack.api
        .http()
        .get(`/api/v1/meetings/${past.body.items[0].id}/attendance`)
        .set('Authorization', facilitator.auth);
      expect(recorded.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: learner.user.id, attended: true }),
          expect.objectContaining({ userId: facilitator.user.id, attended: false }),
        ]),
      );

      // Removing the learner gives the seat to the head of the waitlist.
      await page.getByRole('button', { name: w.remove(`Lucía Quispe ${run.tag}`) }).click();
      await page.getByRole('button', { name: w.removeYes(`Lucía Quispe ${run.tag}`) }).click();
      expect(await visibleText(page.getByText(w.noWaitlist))).toBe(w.noWaitlist);
      expect(await visibleText(page.locator('.people').first())).toContain(`Wanda Waits ${run.tag}`);
      expect(await page.locator('.people').first().innerText()).not.toContain(`Lucía Quispe ${run.tag}`);

      // Editing the group: what only the API knows (two members now) comes back next to the field it names.
      const edit = page.getByRole('region', { name: w.edit });
      await edit.getByLabel(w.capacity).fill('1');
      await edit.getByRole('button', { name: w.saveGroup }).click();
      expect(await visibleText(edit.locator('.field-error'))).toContain(
        'capacity cannot be below the 2 active members',
      );
      expect(await edit.getByLabel(w.capacity).getAttribute('aria-invalid')).toBe('true');
      await edit.getByLabel(w.capacity).fill('3');
      await edit.getByLabel(w.name).fill(`${groupName}, season 2`);
      await edit.getByRole('button', { name: w.saveGroup }).click();
      expect(await visibleText(edit.getByRole('status'))).toBe(w.groupSaved);
      expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(w.manage(`${groupName}, season 2`));

      // Ending the weekly schedule cancels its meetings ahead; the one moved by hand stays.
      await page.getByRole('button', { name: w.endSchedule }).click();
      await page.getByRole('button', { name: w.endYes }).click();
      const ahead = meetingItems(page);
      await ahead.nth(2).locator('.tag').waitFor();
      expect(await visibleText(ahead.nth(0).locator('time'))).toMatch(run.movedInProfile);
      expect(await ahead.nth(0).locator('.tag').count()).toBe(0);
      expect(await visibleText(ahead.nth(1).locator('.tag'))).toBe(w.cancelled);
      expect(await visibleText(ahead.nth(2).locator('.tag'))).toBe(w.cancelled);
      expect(await visibleText(ahead.nth(3))).toContain('Field visit');
      expect(await ahead.nth(3).locator('.tag').count()).toBe(0);

      await learnerBrowser.close();
      await desk.close();
    },
    240_000,
  );
});
