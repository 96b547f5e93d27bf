import type { Page } from 'playwright-core';
import { CourseLicense } from '@app/courses';
import { courseMessages } from '../../apps/web/src/i18n/course.messages';
import {
  DESKTOP,
  logIn,
  PHONE,
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';
import { spaces } from '../support/shown-time';

type Language = 'en' | 'es';
type CourseKey = keyof (typeof courseMessages)['en'];

/** How the course pages write a published date (components/course/course-rules.ts): the same Intl calls. */
function shownPublished(utc: string, timeZone: string, locale: string): string {
  const date = new Date(utc);
  const when = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(date);
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return spaces(`${when} ${zone ?? timeZone}`);
}

/**
 * Courses in Chromium: an author writes a course (a module in Markdown with its preview, an assignment with a rubric
 * of levels and a scale, review settings), publishes it; another person finds it among the open courses, reads it
 * (the API's rendering, the rubric, the license rules) and forks it under a license the original allows; the
 * lineage shows both ways. The published date is in the profile's zone, not the browser's.
 */
describe('course authoring in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  async function accessible(page: Page, name: string): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, name);
    // On a phone the page fits its width: nothing to scroll sideways.
    await page.setViewportSize(PHONE);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(DESKTOP);
  }

  const runs: { language: Language; locale: string; browserZone: string; profileZone: string }[] = [
    { language: 'es', locale: 'es-ES', browserZone: 'Asia/Kathmandu', profileZone: 'America/La_Paz' },
    { language: 'en', locale: 'en-US', browserZone: 'America/La_Paz', profileZone: 'Asia/Kathmandu' },
  ];

  it.each(runs)(
    'an author writes, previews and publishes a course; a reader finds, reads and forks it; the lineage shows both ($language, browser in $browserZone, profile in $profileZone)',
    async ({ language, locale, browserZone, profileZone }) => {
      const messages = courseMessages[language];
      const w = (key: CourseKey, values: Record<string, string | number> = {}) =>
        messages[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
      const title = `Tube digester ${language}`;
      const author = await stack.api.make.user({
        displayName: 'Amara Author',
        timeZone: profileZone,
        locale: language,
      });
      const reader = await stack.api.make.user({
        displayName: 'Rafael Reader',
        timeZone: profileZone,
        locale: language,
      });

      // The author starts a course from "My courses", reached from the courses page.
      const authorContext = await stack.newContext({ timezoneId: browserZone, locale });
      const page = await authorContext.newPage();
      await logIn(page, author, '/courses');
      await page.getByRole('link', { name: w('course.mine.title') }).click();
      await page.waitForURL('**/courses/mine');
      expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(w('course.mine.title'));
      const newCourse = page.locator('#new-course');
      await newCourse.getByLabel(w('course.title'), { exact: true }).fill(title);
      await newCourse.getByLabel(w('course.license')).selectOption('CC-BY-4.0');
      await accessible(page, `course-mine-${language}`);
      await newCourse.getByRole('button', { name: w('course.new.submit') }).click();
      await page.waitForURL(/\/courses\/[0-9a-f-]+\/edit$/);
      const courseId = /\/courses\/([0-9a-f-]+)\/edit$/.exec(page.url())![1]!;

      // About the course, then a module in Markdown: its preview is the API's rendering of the saved draft.
      await page.getByLabel(w('course.summary')).fill('Turn kitchen waste into cooking gas.');
      await page.getByLabel(w('course.edit.topics')).fill('Biogas, appropriate technology');
      await page.getByRole('button', { name: w('course.edit.addModule') }).click();
      const module1 = page.getByRole('group', { name: w('course.edit.moduleN', { number: 1 }) });
      await module1.getByLabel(w('course.edit.moduleTitle')).fill('Dig the trench');
      await module1
        .getByLabel(w('course.edit.moduleContent'), { exact: true })
        .fill('Dig it **1 m** deep.\n\n- a spade');
      const preview = module1.getByRole('region', {
        name: w('course.edit.preview', { label: w('course.edit.moduleContent') }),
      });
      expect(await visibleText(preview.locator('strong'))).toBe('1 m');
      expect(await visibleText(preview.getByRole('listitem'))).toBe('a spade');
      expect(await visibleText(page.locator('.save-state'))).toBe(w('course.edit.saved'));

      // An assignment with a rubric: a criterion with named levels, one on a numeric scale, and review settings.
      await module1.getByRole('button', { name: w('course.edit.addAssignment', { number: 1 }) }).click();
      const assignment = module1.getByRole('group', { name: w('course.edit.assignmentN', { number: 1 }) });
      await assignment.getByLabel(w('course.edit.assignmentTitle')).fill('Seal the tube');
      await assignment.getByLabel(w('course.edit.instructions'), { exact: true }).fill('Photograph the *seal*.');
      const criterion1 = assignment.getByRole('group', { name: w('course.edit.criterionN', { number: 1 }) });
      await criterion1.getByLabel(w('course.edit.criterionTitle')).fill('Gas-tight seal');
      await criterion1.getByLabel(w('course.edit.weight')).fill('2');
      await criterion1.getByLabel(w('course.edit.levelLabel', { number: 1 })).fill('Leaks');
      await criterion1.getByLabel(w('course.edit.levelLabel', { number: 2 })).fill('Holds');
      await criterion1.getByLabel(w('course.edit.levelPoints', { number: 2 })).fill('3');
      await assignment.getByRole('button', { name: w('course.edit.addCriterion') }).click();
      const criterion2 = assignment.getByRole('group', { name: w('course.edit.criterionN', { number: 2 }) });
      await criterion2.getByLabel(w('course.edit.criterionTitle')).fill('Care');
      await criterion2.getByLabel(w('course.edit.byScale')).check();
      await criterion2.getByLabel(w('course.edit.scaleMax')).fill('0');
      // The editor marks a scale that goes nowhere, as the API would, and saves nothing until it is fixed.
      expect(await visibleText(criterion2.getByRole('alert'))).toBe(w('course.error.scale'));
      expect(await visibleText(page.locator('.save-state'))).toBe(w('course.edit.notSavedInvalid'));
      await criterion2.getByLabel(w('course.edit.scaleMax')).fill('10');
      await assignment.getByLabel(w('course.edit.perSubmission')).fill('2');
      await assignment.getByLabel(w('course.edit.perLearner')).fill('3');
      await assignment.getByLabel(w('course.edit.anonymity')).selectOption('single-blind');
      const instructionsPreview = assignment.getByRole('region', {
        name: w('course.edit.preview', { label: w('course.edit.instructions') }),
      });
      expect(await visibleText(instructionsPreview.locator('em'))).toBe('seal');
      await accessible(page, `course-editor-${language}`);

      // Publish version 1 with its notes.
      await page.getByLabel(w('course.edit.notes')).fill('First edition: digging and sealing.');
      await page.getByRole('button', { name: w('course.edit.publish') }).click();
      expect(await visibleText(page.locator('.published-now'))).toContain(w('course.edit.publishedNow', { number: 1 }));
      const latest = await stack.api.http().get(`/api/v1/courses/${courseId}`);
      expect(latest.status).toBe(200);
      expect(latest.body.modules[0].assignments[0].rubric).toEqual([
        expect.objectContaining({
          title: 'Gas-tight seal',
          weight: 2,
          levels: [
            { label: 'Leaks', points: 0 },
            { label: 'Holds', points: 3 },
          ],
        }),
        expect.objectContaining({ title: 'Care', weight: 1, scale: { min: 0, max: 10 } }),
      ]);
      expect(latest.body.modules[0].assignments[0].review).toEqual({
        reviewsPerSubmission: 2,
        reviewsPerLearner: 3,
        anonymity: 'single-blind',
      });
      expect(latest.body.notes).toBe('First edition: digging and sealing.');
      const publishedAt: string = latest.body.publishedAt;
      await authorContext.close();

      // A reader finds it among the open courses, from the header's "Courses".
      const readerContext = await stack.newContext({ timezoneId: browserZone, locale });
      const reading = await readerContext.newPage();
      await logIn(reading, reader, '/');
      await reading
        .getByRole('navigation')
        .getByRole('link', { name: w('nav.courses') })
        .click();
      await reading.getByLabel(w('course.search.text')).fill('digester');
      await reading.getByLabel(w('course.topic')).fill('biogas');
      await reading.getByRole('button', { name: w('course.search.submit') }).click();
      const found = reading.getByRole('list', { name: w('course.search.results') }).getByRole('link', { name: title });
      await found.waitFor();
      await accessible(reading, `course-search-${language}`);
      await found.click();
      await reading.waitForURL(`**/courses/${courseId}`);

      // It reads the course as published: rendered Markdown, the rubric, the review settings, the license rules.
      expect(await visibleText(reading.getByRole('heading', { level: 1 }))).toBe(title);
      const shown = spaces(await visibleText(reading.locator('.published time')));
      expect(shown).toBe(shownPublished(publishedAt, profileZone, locale));
      expect(shown).not.toBe(shownPublished(publishedAt, browserZone, locale));
      expect(await visibleText(reading.locator('.version-notes p'))).toBe('First edition: digging and sealing.');
      expect(await visibleText(reading.locator('.versions .version-note'))).toBe('First edition: digging and sealing.');
      const moduleHeading = w('course.moduleHeading', { number: 1, title: 'Dig the trench' });
      expect(await visibleText(reading.getByRole('heading', { name: moduleHeading }))).toBe(moduleHeading);
      expect(await visibleText(reading.locator('.course-modules strong'))).toBe('1 m');
      const rubric = reading.getByRole('table', { name: w('course.rubric') });
      expect(await visibleText(rubric.getByRole('row', { name: /Gas-tight seal/ }))).toContain(
        w('course.levelPoints', { label: 'Holds', points: 3 }),
      );
      expect(await visibleText(rubric.getByRole('row', { name: /Care/ }))).toContain(
        w('course.scaleRange', { min: 0, max: 10 }),
      );
      expect(await visibleText(reading.locator('.review-settings'))).toContain(w('course.anonymity.single-blind'));
      expect(await visibleText(reading.locator('.license-rules'))).toContain(w('course.rules.forksAllowed'));
      expect(await visibleText(reading.locator('.lineage'))).toContain(w('course.original'));
      await accessible(reading, `course-page-${language}`);

      // The reader forks it under a license the original's allows, and publishes the fork.
      const forkLicense = reading.getByLabel(w('course.fork.license'));
      expect(await forkLicense.locator('option').allInnerTexts()).not.toContain(w('course.license.CC0-1.0'));
      await forkLicense.selectOption('CC-BY-NC-4.0');
      await reading.getByRole('button', { name: w('course.fork.submit') }).click();
      await reading.waitForURL(/\/courses\/[0-9a-f-]+\/edit$/);
      const forkId = /\/courses\/([0-9a-f-]+)\/edit$/.exec(reading.url())![1]!;
      expect(forkId).not.toBe(courseId);
      expect(
        await visibleText(reading.getByRole('link', { name: w('course.titleVersion', { title, number: 1 }) })),
      ).toBe(w('course.titleVersion', { title, number: 1 }));
      await reading.getByRole('button', { name: w('course.edit.publish') }).click();
      await reading
        .getByRole('link', { name: w('course.edit.readPublished', { number: 1 }) })
        .last()
        .click();

      // The fork's lineage names the original; the original's names the fork.
      const lineage = reading.locator('.lineage');
      expect(await visibleText(lineage.locator('.ancestors li'))).toContain(
        w('course.byAuthor', { name: 'Amara Author' }),
      );
      expect(await visibleText(reading.locator('.course-facts'))).toContain(w('course.license.CC-BY-NC-4.0'));
      await reading.goto(`/courses/${courseId}`);
      const fork = lineage.locator('.forks li');
      expect(spaces(await visibleText(fork))).toContain(w('course.byAuthor', { name: 'Rafael Reader' }));
      expect(await visibleText(lineage.getByRole('heading', { name: w('course.forks', { count: 1 }) }))).toBe(
        w('course.forks', { count: 1 }),
      );
      await fork.getByRole('link', { name: title }).click();
      await reading.waitForURL(`**/courses/${forkId}`);
      await readerContext.close();
    },
  );
  it('shows that a no-derivatives course cannot be forked, and an unverified author why publishing was refused', async () => {
    const w = (key: CourseKey) => courseMessages.en[key];
    const author = await stack.api.make.user({ displayName: 'Nadia NoDerivs' });
    const { course } = await stack.api.make.course(author, {
      title: 'Closed recipe',
      license: CourseLicense.CcByNd,
    });
    const newcomer = await stack.api.make.user({ displayName: 'Uma Unverified', verified: false });
    const { course: draft } = await stack.api.make.course(newcomer, { title: 'My first course', published: false });

    const context = await stack.newContext();
    const page = await context.newPage();
    await logIn(page, newcomer, `/courses/${course.id}`);
    expect(await visibleText(page.locator('.license-rules'))).toContain(w('course.rules.noForks'));
    expect(await page.getByRole('button', { name: w('course.fork.submit') }).count()).toBe(0);

    await page.goto(`/courses/${draft.id}/edit`);
    await page.getByRole('button', { name: w('course.edit.publish') }).click();
    expect(await visibleText(page.locator('.problem'))).toMatch(/verif/i);
    expect((await stack.api.http().get(`/api/v1/courses/${draft.id}`)).status).toBe(404);
    await context.close();
  });
});
