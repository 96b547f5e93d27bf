import { Anonymity } from '@app/courses';
import { signedIn } from '../support/api-app';
import {
  logIn,
  screenshots,
  seriousAccessibilityViolations,
  useBrowserStack,
  visibleText,
  type BrowserStack,
} from '../support/browser';
import type { MadeUser } from '../support/factories';
import { leaseNext, submitReview, submitWork, type ReviewCohort } from '../support/peer-review-flow';
import { spaces, shownInstant } from '../support/shown-time';

/** The words each run clicks and reads, in the language its browser and profile use. */
const WORDS = {
  en: {
    email: 'Email',
    password: 'Password',
    logIn: 'Log in',
    body: 'Your work (Markdown)',
    links: 'Links (one per line)',
    files: 'Files',
    submitWork: 'Submit your work',
    submitted: 'Version 1 submitted.',
    resubmit: 'Submit a new version',
    resubmitted: 'Version 2 submitted.',
    attached: 'Attached: seal-notes.txt',
    start: 'Review the next submission',
    holds: 'Holds (3 points)',
    careScore: 'Score for Care',
    sealComment: 'Comment on Seal',
    careComment: 'Comment on Care',
    overall: 'Overall comment',
    saved: 'Draft saved.',
    needScore: 'Score this criterion.',
    submitReview: 'Submit the review',
    done: 'Review submitted. Thank you!',
    given: 'You have given 1 of 3 reviews.',
    yourScore: 'Your score',
    outOf: 'out of 100',
    anonymous: 'Anonymous reviewer',
    download: 'Download seal-notes.txt',
    rate: 'How helpful was this review? (1 to 5)',
    rateButton: 'Rate',
    rated: 'Thank you: you rated it 5 of 5.',
    myRating: 'You rated it 5 of 5.',
    myFlag: 'You flagged this review: Off topic.',
    onTime: 'Reviews given on time: 3 of 3.',
    waitReceived: 'your work has 3 reviews (it has 0);',
  },
  es: {
    email: 'Correo electrónico',
    password: 'Contraseña',
    logIn: 'Entrar',
    body: 'Tu trabajo (Markdown)',
    links: 'Enlaces (uno por línea)',
    files: 'Archivos',
    submitWork: 'Entregar tu trabajo',
    submitted: 'Versión 1 entregada.',
    resubmit: 'Entregar una nueva versión',
    resubmitted: 'Versión 2 entregada.',
    attached: 'Adjunto: seal-notes.txt',
    start: 'Revisar la siguiente entrega',
    holds: 'Holds (3 puntos)',
    careScore: 'Nota de Care',
    sealComment: 'Comentario sobre Seal',
    careComment: 'Comentario sobre Care',
    overall: 'Comentario general',
    saved: 'Borrador guardado.',
    needScore: 'Puntúa este criterio.',
    submitReview: 'Enviar la revisión',
    done: 'Revisión enviada. ¡Gracias!',
    given: 'Has hecho 1 de 3 revisiones.',
    yourScore: 'Tu nota',
    outOf: 'sobre 100',
    anonymous: 'Revisor anónimo',
    download: 'Descargar seal-notes.txt',
    rate: '¿Cuánto te ayudó esta revisión? (1 a 5)',
    rateButton: 'Valorar',
    rated: 'Gracias: la valoraste con 5 de 5.',
    myRating: 'Tu valoración: 5 de 5.',
    myFlag: 'Señalaste esta revisión: Fuera de tema.',
    onTime: 'Revisiones hechas a tiempo: 3 de 3.',
    waitReceived: 'tu trabajo tiene 3 revisiones (tiene 0);',
  },
} as const;

type Language = keyof typeof WORDS;

/** A UTC calendar date `days` from today (the API's clock starts at the real time). */
function utcDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Journey 2 in Chromium: a learner submits work (text, a link, a file) on the assignment's page, three peers each
 * review it in their own browser against the rubric (the draft saved as they go, the lease shown), and the learner
 * reads the three anonymous reviews and the score. Every time shown is in the profile's zone, not the browser's.
 */
describe('peer review in a real browser', () => {
  let stack: BrowserStack;
  useBrowserStack({}, (s) => (stack = s));

  /**
   * The peers' own work is already taken (k leases each, by hand from the facilitator), so `next` hands every peer
   * the learner's work: the journey is about that one submission.
   */
  async function fillPeersWork(rc: ReviewCohort, submissions: string[], fillers: MadeUser[]): Promise<void> {
    const as = signedIn(stack.api, rc.facilitator);
    for (const submissionId of submissions) {
      const have = await as.get(`${rc.base}/submissions?limit=100`);
      const reviews = (have.body.items as { id: string; reviews: unknown[] }[]).find((s) => s.id === submissionId)!
        .reviews.length;
      const hands = [{ staff: true }, ...fillers.map((f) => ({ reviewerId: f.user.id }))].slice(0, 3 - reviews);
      for (const body of hands) {
        const res = await as.post(`${rc.base}/review-queue/submissions/${submissionId}/reviewers`, body);
        expect(res.status).toBe(201);
      }
    }
  }

  const runs: { language: Language; locale: string; browserZone: string; profileZone: string }[] = [
    { language: 'es', locale: 'es-BO', browserZone: 'Asia/Kathmandu', profileZone: 'America/La_Paz' },
    { language: 'en', locale: 'en-US', browserZone: 'America/La_Paz', profileZone: 'Asia/Kathmandu' },
  ];

  it.each(runs)(
    'a learner submits work, three peers review it, the learner sees the score ($language, browser in $browserZone, profile in $profileZone)',
    async ({ language, locale, browserZone, profileZone }) => {
      const words = WORDS[language];
      const person = (displayName: string) =>
        stack.api.make.user({ displayName, timeZone: profileZone, locale: language });
      const facilitator = await person('Fatima Facilitator');
      const learner = await person('Lucía Learner');
      const peers = [await person('Pedro Peer'), await person('Priya Peer'), await person('Paolo Peer')];
      const fillers = [await person('Filler One'), await person('Filler Two')];
      // Module 1 was released two days ago and is due in four (23:59 UTC): open for work and for reviews.
      const { cohort, version } = await stack.api.make.cohort(facilitator, {
        timeZone: 'UTC',
        startDate: utcDate(-2),
        assignment: { review: { reviewsPerSubmission: 3, reviewsPerLearner: 3, anonymity: Anonymity.DoubleBlind } },
      });
      for (const who of [learner, ...peers, ...fillers]) await stack.api.make.enrollment(cohort, who);
      const made = version.modules[0]!.assignments[0]!;
      const rc: ReviewCohort = {
        cohort,
        facilitator,
        base: `/cohorts/${cohort.id}/assignments/${made.id}`,
        assignmentId: made.id,
        criteria: { seal: made.rubric[0]!.id, care: made.rubric[1]!.id },
      };

      // The learner finds the assignment from the cohort's list and submits work with a link and a file.
      const context = await stack.newContext({ timezoneId: browserZone, locale });
      const page = await context.newPage();
      await logIn(page, learner, `/cohorts/${cohort.id}/assignments`);
      await page.getByRole('link', { name: 'Seal the tube' }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Seal the tube' }).click();
      await page.waitForURL((url) => url.pathname === `/cohorts/${cohort.id}/assignments/${made.id}`);
      expect(await visibleText(page.getByRole('heading', { level: 1, name: 'Seal the tube' }))).toBe('Seal the tube');
      await page.getByLabel(words.body).fill('I sealed the tube with **two** clamps and tested it for a day.');
      await page.getByLabel(words.links).fill('https://example.org/photos/seal');
      await page.getByLabel(words.files).setInputFiles({
        name: 'seal-notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Clamp torque: hand tight, then a quarter turn.\n'),
      });
      await page.getByRole('button', { name: words.submitWork }).click();
      expect(await visibleText(page.locator('.submitted'))).toBe(words.submitted);

      // My due date is shown in my profile's zone, whatever the browser's.
      const mine = await signedIn(stack.api, learner).get(`${rc.base}/submissions/mine`);
      expect(mine.status).toBe(200);
      const { dueAt, reviewClosesAt, versions } = mine.body as {
        dueAt: string;
        reviewClosesAt: string;
        versions: { attachments: unknown[] }[];
      };
      expect(versions[0]!.attachments).toHaveLength(1);
      const due = spaces(await visibleText(page.locator('.due-at time')));
      expect(due).toBe(shownInstant(dueAt, profileZone, language));
      expect(due).not.toBe(shownInstant(dueAt, browserZone, language));
      // What my results wait for, and when the window closes at the latest (in my zone too).
      expect(await visibleText(page.locator('.waiting li').first())).toBe(words.waitReceived);
      const closes = spaces(await visibleText(page.locator('.waiting time')));
      expect(closes).toBe(shownInstant(reviewClosesAt, profileZone, language));
      expect(closes).not.toBe(shownInstant(reviewClosesAt, browserZone, language));
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `peer-review-assignment-${language}`);

      // Before my due date, a new version replaces what reviewers will see; both stay listed.
      await page.getByLabel(words.body).fill('I sealed the tube with **two** clamps and a bead of sealant.');
      // Files belong to a version: the new one carries its own.
      await page.getByLabel(words.files).setInputFiles({
        name: 'seal-notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Clamp torque: hand tight, then a quarter turn. Sealant: a bead all round.\n'),
      });
      await page.getByText(words.attached).waitFor();
      await page.getByRole('button', { name: words.resubmit }).click();
      expect(await visibleText(page.locator('.submitted'))).toBe(words.resubmitted);
      await page.locator('.versions > li').nth(1).waitFor();
      expect(await page.locator('.versions > li').count()).toBe(2);

      // The peers hand in their own work; the learner gives the m = 3 reviews asked; the peers' work is taken.
      const peerWork: string[] = [];
      for (const peer of peers) peerWork.push(await submitWork(stack.api, rc, peer));
      for (let i = 0; i < 3; i += 1) {
        const lease = await leaseNext(stack.api, rc, learner);
        await submitReview(stack.api, rc, learner, lease.reviewId);
      }
      await fillPeersWork(rc, peerWork, fillers);

      // Three peers review the learner's work in their own browsers.
      for (const [i, peer] of peers.entries()) {
        const peerContext = await stack.newContext({ timezoneId: browserZone, locale });
        const reviewer = await peerContext.newPage();
        await logIn(reviewer, peer, `/cohorts/${cohort.id}/assignments/${made.id}/reviews`);
        await reviewer.getByRole('button', { name: words.start }).click();
        expect(await visibleText(reviewer.locator('.review-editor .work'))).toContain(
          'two clamps and a bead of sealant',
        );
        expect(await visibleText(reviewer.getByRole('button', { name: words.download }))).toBe(words.download);

        // The lease's end, in the reviewer's profile zone.
        const held = await signedIn(stack.api, peer).get(`${rc.base}/reviews/mine`);
        const open = (held.body as { id: string; status: string; leaseExpiresAt: string }[]).find(
          (r) => r.status === 'leased',
        )!;
        const leaseShown = spaces(await visibleText(reviewer.locator('.lease time')));
        expect(leaseShown).toBe(shownInstant(open.leaseExpiresAt, profileZone, language));
        expect(leaseShown).not.toBe(shownInstant(open.leaseExpiresAt, browserZone, language));

        if (i === 0) {
          // Submitting an empty review says what is missing, next to the criterion.
          await reviewer.getByRole('button', { name: words.submitReview }).click();
          expect(await visibleText(reviewer.getByText(words.needScore))).toBe(words.needScore);
        }
        await reviewer.getByRole('radio', { name: words.holds }).check();
        await reviewer.getByLabel(words.careScore).fill(String(6 + 2 * i));
        await reviewer.getByLabel(words.sealComment).fill('No leak after a day.');
        await reviewer.getByLabel(words.careComment).fill('Clean clamps.');
        await reviewer.getByLabel(words.overall).fill(`A tight seal (peer ${i + 1}).`);
        // The draft is saved as the reviewer types, before anything is submitted.
        expect(await visibleText(reviewer.getByText(words.saved))).toBe(words.saved);
        const draft = await signedIn(stack.api, peer).get(`${rc.base}/reviews/mine`);
        const saved = (draft.body as { id: string; overallComment: string | null }[]).find((r) => r.id === open.id)!;
        expect(saved.overallComment).toBe(`A tight seal (peer ${i + 1}).`);
        if (i === 0) {
          // Coming back later picks the draft up where it was left, under the same lease.
          await reviewer.reload();
          expect(await reviewer.getByLabel(words.overall).inputValue()).toBe('A tight seal (peer 1).');
          expect(await reviewer.getByRole('radio', { name: words.holds }).isChecked()).toBe(true);
          expect(await reviewer.getByLabel(words.careScore).inputValue()).toBe('6');
          expect(await seriousAccessibilityViolations(reviewer)).toEqual([]);
          await screenshots(reviewer, `peer-review-review-${language}`);
        }

        await reviewer.getByRole('button', { name: words.submitReview }).click();
        expect(await visibleText(reviewer.getByText(words.done))).toBe(words.done);
        expect(await visibleText(reviewer.locator('.reviews-given'))).toBe(words.given);
        await peerContext.close();
      }

      // The learner reads the three reviews (reviewers unnamed: double-blind) and the score, from the link the
      // "score released" email carries.
      await page.goto(`/cohorts/${cohort.id}/assignments/${made.id}/scores/mine`);
      const score = await signedIn(stack.api, learner).get(`${rc.base}/scores/mine`);
      const { released, total } = score.body as { released: boolean; total: number };
      expect(released).toBe(true);
      expect(await visibleText(page.getByRole('heading', { name: words.yourScore }))).toBe(words.yourScore);
      expect(await visibleText(page.locator('.score .total strong'))).toBe(
        `${Math.round(total * 10) / 10} ${words.outOf}`,
      );
      // Feedback on my own reviewing (the three I gave).
      expect(await visibleText(page.locator('.my-standing li').first())).toBe(words.onTime);
      const received = page.locator('.received-reviews > li');
      expect(await received.count()).toBe(3);
      for (const name of ['Pedro Peer', 'Priya Peer', 'Paolo Peer'])
        expect(await visibleText(page.locator('.received-reviews'))).not.toContain(name);
      expect(await visibleText(received.first().locator('h4'))).toContain(words.anonymous);
      await received.first().getByLabel(words.rate).selectOption('5');
      await received.first().getByRole('button', { name: words.rateButton }).click();
      expect(await visibleText(received.first().getByRole('status'))).toBe(words.rated);
      // My rating (and a flag given elsewhere) is kept: after a reload the page starts from them.
      const reviewed = await signedIn(stack.api, learner).get(`${rc.base}/submissions/mine`);
      const second = (reviewed.body as { reviews: { id: string }[] }).reviews[1]!.id;
      const flagged = await signedIn(stack.api, learner).put(`${rc.base}/submissions/mine/reviews/${second}/flag`, {
        reason: 'off_topic',
      });
      expect(flagged.status).toBe(200);
      await page.reload();
      expect(await visibleText(received.first().getByText(words.myRating))).toBe(words.myRating);
      expect(await received.first().getByLabel(words.rate).inputValue()).toBe('5');
      expect(await visibleText(received.nth(1).getByText(words.myFlag))).toBe(words.myFlag);
      expect(await received.first().getByText(words.myFlag).count()).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshots(page, `peer-review-results-${language}`);
      await context.close();
    },
  );
  it('a facilitator works the queue: assigns a reviewer to work short of reviews, removes a flagged review, overrides a score', async () => {
    // Module 1 is due on 8 March 2026 at 23:59 UTC; its review window closes on 11 March at 23:59 UTC.
    stack.api.clock.set('2026-03-05T12:00:00Z');
    const person = (displayName: string) =>
      stack.api.make.user({ displayName, timeZone: 'America/La_Paz', locale: 'en' });
    const facilitator = await person('Fatima Facilitator');
    const [ana, beto, carla, dana] = [
      await person('Ana Author'),
      await person('Beto Reviewer'),
      await person('Carla Reviewer'),
      await person('Dana Helper'),
    ];
    const { cohort, version } = await stack.api.make.cohort(facilitator, { timeZone: 'UTC', assignment: {} });
    for (const who of [ana, beto, carla, dana]) await stack.api.make.enrollment(cohort, who);
    const made = version.modules[0]!.assignments[0]!;
    const rc: ReviewCohort = {
      cohort,
      facilitator,
      base: `/cohorts/${cohort.id}/assignments/${made.id}`,
      assignmentId: made.id,
      criteria: { seal: made.rubric[0]!.id, care: made.rubric[1]!.id },
    };
    for (const who of [ana, beto, carla]) await submitWork(stack.api, rc, who);
    // Ana's work, the oldest, is among those reviewed.
    for (const who of [beto, carla]) {
      const lease = await leaseNext(stack.api, rc, who);
      await submitReview(stack.api, rc, who, lease.reviewId);
    }
    expect((await signedIn(stack.api, facilitator).post(`${rc.base}/scores/release`)).status).toBe(200);
    const received = await signedIn(stack.api, ana).get(`${rc.base}/submissions/mine`);
    const [review] = (received.body as { reviews: { id: string }[] }).reviews;
    const flagged = await signedIn(stack.api, ana).put(`${rc.base}/submissions/mine/reviews/${review!.id}/flag`, {
      reason: 'no_effort',
      note: 'Two words for a week of work.',
    });
    expect(flagged.status).toBe(200);
    // Who wrote it: facilitators see every reviewer.
    const all = await signedIn(stack.api, facilitator).get(`${rc.base}/submissions`);
    const reviewerName = (all.body.items as { reviews: { id: string; reviewer: { displayName: string } }[] }[])
      .flatMap((s) => s.reviews)
      .find((r) => r.id === review!.id)!.reviewer.displayName;

    // The window has closed: every submission is short of k = 2.
    stack.api.clock.set('2026-03-12T12:00:00Z');
    const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const page = await context.newPage();
    await logIn(page, facilitator, `/cohorts/${cohort.id}/assignments`);
    await page.getByRole('link', { name: 'Seal the tube' }).click();
    // A facilitator reads the assignment (no form to submit work) and goes on to the queue.
    expect(await visibleText(page.getByRole('heading', { level: 2, name: 'Rubric' }))).toBe('Rubric');
    expect(await page.getByRole('button', { name: 'Submit your work' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Review queue and scores' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/review-queue'));
    expect(await visibleText(page.getByRole('heading', { level: 1, name: /^Review queue/ }))).toBe(
      'Review queue: Seal the tube',
    );

    const short = (name: string) =>
      page.locator('.short').filter({ has: page.getByRole('heading', { name: `Work by ${name}` }) });
    // The window's close, in the facilitator's profile zone (La Paz), not the browser's (Kathmandu).
    const closed = spaces(await visibleText(short('Carla Reviewer').locator('time')));
    expect(closed).toBe(shownInstant('2026-03-11T23:59:00.000Z', 'America/La_Paz', 'en'));
    expect(closed).not.toBe(shownInstant('2026-03-11T23:59:00.000Z', 'Asia/Kathmandu', 'en'));
    await short('Carla Reviewer')
      .getByLabel('Reviewer for Carla Reviewer’s work')
      .selectOption({ label: 'Dana Helper' });
    await short('Carla Reviewer').getByRole('button', { name: 'Assign' }).click();
    expect(await visibleText(short('Carla Reviewer').locator('.open-leases'))).toBe('1 review in progress');

    const flag = page.locator('.flagged').filter({ hasText: 'Two words for a week of work.' });
    expect(await visibleText(flag.locator('h3'))).toBe(`${reviewerName} reviewing Ana Author`);
    await flag.getByRole('button', { name: 'Remove from the score' }).click();
    expect(await visibleText(flag.getByText('This field is required.'))).toBe('This field is required.');
    await flag.getByLabel('Why remove this review from the score').fill('No real feedback on the seal.');
    await flag.getByRole('button', { name: 'Remove from the score' }).click();
    expect(await visibleText(page.getByText('No open flags.'))).toBe('No open flags.');

    const score = page.locator('.score-item').filter({ has: page.getByRole('heading', { name: 'Ana Author' }) });
    await score.getByLabel('New score for Ana Author (0 to 100)').fill('101');
    await score.getByLabel('Reason for Ana Author’s new score').fill('Checked the seal myself.');
    await score.getByRole('button', { name: 'Override' }).click();
    expect(await visibleText(score.getByText('A number from 0 to 100 (two decimals at most).'))).toBe(
      'A number from 0 to 100 (two decimals at most).',
    );
    await score.getByLabel('New score for Ana Author (0 to 100)').fill('85');
    await score.getByRole('button', { name: 'Override' }).click();
    expect(await visibleText(score.locator('.override'))).toBe('Overridden: 85 (Checked the seal myself.)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'peer-review-facilitate');

    // All of it was kept: after a reload the page reads the same from the API.
    await page.reload();
    expect(await visibleText(page.getByText('No open flags.'))).toBe('No open flags.');
    expect(await visibleText(score.locator('.override'))).toBe('Overridden: 85 (Checked the seal myself.)');
    expect(await visibleText(short('Carla Reviewer').locator('.open-leases'))).toBe('1 review in progress');
    await context.close();

    // Ana's own page shows the facilitator's score and why.
    const own = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const learnerPage = await own.newPage();
    await logIn(learnerPage, ana, `/cohorts/${cohort.id}/assignments/${made.id}`);
    expect(await visibleText(learnerPage.locator('.score .total strong'))).toBe('85 out of 100');
    expect(await visibleText(learnerPage.locator('.score .override'))).toBe(
      'Set by a facilitator: Checked the seal myself.',
    );
    await own.close();
    stack.api.clock.set(new Date());
  });
  it('calibration comes first and shows how my scores compare with the reference; the lease is renewed while drafting', async () => {
    stack.api.clock.set(new Date());
    const person = (displayName: string) =>
      stack.api.make.user({ displayName, timeZone: 'America/La_Paz', locale: 'en' });
    const facilitator = await person('Fatima Facilitator');
    const learner = await person('Lucía Learner');
    const peer = await person('Pedro Peer');
    const { cohort, version } = await stack.api.make.cohort(facilitator, {
      timeZone: 'UTC',
      startDate: utcDate(-2),
      assignment: {},
    });
    for (const who of [learner, peer]) await stack.api.make.enrollment(cohort, who);
    const made = version.modules[0]!.assignments[0]!;
    const rc: ReviewCohort = {
      cohort,
      facilitator,
      base: `/cohorts/${cohort.id}/assignments/${made.id}`,
      assignmentId: made.id,
      criteria: { seal: made.rubric[0]!.id, care: made.rubric[1]!.id },
    };
    // The facilitator adds an example with reference scores on the queue page.
    const host = await (await stack.newContext({ timezoneId: 'Asia/Kathmandu' })).newPage();
    await logIn(host, facilitator, `/cohorts/${cohort.id}/assignments/${made.id}/review-queue`);
    const examples = host.locator('.calibration-items');
    await examples.getByText('No examples yet: learners go straight to their peers’ work.').waitFor();
    await examples.getByLabel('Example work (Markdown)').fill('An example: **one** clamp, tested for an hour.');
    await examples.getByRole('button', { name: 'Add an example' }).click();
    expect(await visibleText(examples.getByText('Score this criterion.'))).toBe('Score this criterion.');
    await examples.getByRole('radio', { name: 'Holds (3 points)' }).check();
    await examples.getByLabel('Score for Care').fill('8');
    await examples.getByLabel('Comment on Seal').fill('It held for the hour.');
    await examples.getByLabel('Comment on Care').fill('Tidy.');
    await examples.getByLabel('Overall comment').fill('A fair first attempt.');
    await examples.getByRole('button', { name: 'Add an example' }).click();
    expect(await visibleText(examples.getByRole('status'))).toBe('Example added.');
    expect(await visibleText(examples.getByRole('heading', { name: 'Example 1' }))).toBe('Example 1');
    expect(await seriousAccessibilityViolations(host)).toEqual([]);
    await host.context().close();
    for (const who of [learner, peer]) await submitWork(stack.api, rc, who);

    const context = await stack.newContext({ timezoneId: 'Asia/Kathmandu' });
    const page = await context.newPage();
    await logIn(page, learner, `/cohorts/${cohort.id}/assignments/${made.id}/reviews`);
    await page.getByRole('button', { name: 'Review the next submission' }).click();
    expect(await visibleText(page.getByRole('heading', { name: 'Practice review 1 of 1' }))).toBe(
      'Practice review 1 of 1',
    );
    expect(await visibleText(page.locator('.calibration .work'))).toContain('one clamp');
    await page.getByRole('radio', { name: 'Leaks (0 points)' }).check();
    await page.getByLabel('Score for Care').fill('12');
    expect(await visibleText(page.getByText('A number from 0 to 10.'))).toBe('A number from 0 to 10.');
    await page.getByLabel('Score for Care').fill('2');
    await page.getByLabel('Comment on Seal').fill('It will leak.');
    await page.getByLabel('Comment on Care').fill('Rushed.');
    await page.getByLabel('Overall comment').fill('Needs another clamp.');
    await page.getByRole('button', { name: 'Submit the review' }).click();
    const comparison = page.locator('.comparison');
    expect(await visibleText(comparison.locator('p').first())).toBe('Close to the reference on 0 of 2 criteria.');
    const row = (title: string) =>
      comparison.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
    expect(await visibleText(row('Seal'))).toBe('Seal\tLeaks (0)\tHolds (3)\tLower by 3');
    expect(await visibleText(row('Care'))).toBe('Care\t2\t8\tLower by 6');
    expect(await visibleText(comparison)).toContain('A fair first attempt.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'peer-review-calibration');

    // Then the peer's work, under a lease that drafting renews (here: by hand, ten minutes later).
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await visibleText(page.locator('.review-editor:not(.calibration) .work'))).toContain('Two clamps.');
    const leaseOf = async () => {
      const mine = await signedIn(stack.api, learner).get(`${rc.base}/reviews/mine`);
      return (mine.body as { status: string; leaseExpiresAt: string }[]).find((r) => r.status === 'leased')!
        .leaseExpiresAt;
    };
    const first = await leaseOf();
    expect(spaces(await visibleText(page.locator('.lease time')))).toBe(shownInstant(first, 'America/La_Paz', 'en'));
    stack.api.clock.advance(10 * 60_000);
    await page.getByRole('button', { name: 'Keep it longer' }).click();
    expect(await visibleText(page.locator('.lease').getByRole('status'))).toBe('Kept for you for longer.');
    const renewed = await leaseOf();
    expect(new Date(renewed).getTime() - new Date(first).getTime()).toBe(10 * 60_000);
    expect(spaces(await visibleText(page.locator('.lease time')))).toBe(shownInstant(renewed, 'America/La_Paz', 'en'));
    await context.close();
  });
});
