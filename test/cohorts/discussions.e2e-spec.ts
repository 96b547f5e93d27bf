import { randomUUID } from 'node:crypto';
import { EnrollmentStatus, type Cohort } from '@app/cohorts';
import { type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

describe('cohort discussions: threads, replies, edits, deletions and moderation', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    cohort: Cohort;
    facilitator: MadeUser;
    /** In group 1. */
    ana: MadeUser;
    /** In group 2. */
    bruno: MadeUser;
    /** In no group. */
    chen: MadeUser;
    outsider: MadeUser;
    group1: StudyGroup;
    group2: StudyGroup;
  }

  /** A study group of the cohort, as "form groups" makes them: its learners its only members. */
  const cohortGroup = (cohort: Cohort, facilitator: MadeUser, number: number, members: MadeUser[]) =>
    api.make.cohortGroup(cohort, facilitator, members, { number, name: `Group ${number}`, learnersOnly: true });

  async function setup(): Promise<Setup> {
    api.clock.set('2026-03-03T10:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const { cohort } = await api.make.cohort(facilitator);
    const [ana, bruno, chen, outsider] = await Promise.all([
      api.make.user({ displayName: 'Ana Mamani' }),
      api.make.user({ displayName: 'Bruno Alves' }),
      api.make.user({ displayName: 'Chen Wei' }),
      api.make.user({ displayName: 'Olek Outsider' }),
    ]);
    for (const learner of [ana, bruno, chen]) await api.make.enrollment(cohort, learner);
    const group1 = await cohortGroup(cohort, facilitator, 1, [ana]);
    const group2 = await cohortGroup(cohort, facilitator, 2, [bruno]);
    return { cohort, facilitator, ana: ana, bruno: bruno, chen: chen, outsider: outsider, group1, group2 };
  }

  const threadsPath = (cohort: Cohort) => `/cohorts/${cohort.id}/threads`;

  async function startThread(s: Setup, who: MadeUser, body: object = {}): Promise<string> {
    const res = await as(who).post(threadsPath(s.cohort), { title: 'Where to buy tube?', body: 'In La Paz?', ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function reply(s: Setup, who: MadeUser, threadId: string, body = 'Try the market.'): Promise<string> {
    const res = await as(who).post(`${threadsPath(s.cohort)}/${threadId}/posts`, { body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const outboxOf = (cohortId: string) =>
    api.db.query<{ type: string; payload: Record<string, unknown> }[]>(
      `SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 AND type LIKE 'discussion.%' ORDER BY id`,
      [cohortId],
    );

  const counts = async (cohortId: string) => {
    const [row] = await api.db.query<{ threads: number; posts: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM discussion_threads WHERE cohort_id = $1) AS threads,
              (SELECT count(*)::int FROM discussion_posts WHERE cohort_id = $1) AS posts,
              (SELECT count(*)::int FROM outbox_events WHERE aggregate_id = $1 AND type LIKE 'discussion.%') AS events`,
      [cohortId],
    );
    return row!;
  };

  describe('starting and replying', () => {
    it('starts a cohort-wide thread in Markdown, takes replies, and lists its posts oldest first', async () => {
      const s = await setup();
      const start = await as(s.ana).post(threadsPath(s.cohort), {
        title: '  Where to buy tube?  ',
        body: 'Has anyone found **8 mil** polyethylene in La Paz?',
      });
      expect(start.status).toBe(201);
      expect(start.body).toMatchObject({
        cohortId: s.cohort.id,
        groupId: null,
        title: 'Where to buy tube?',
        author: { id: s.ana.user.id, displayName: 'Ana Mamani' },
        pinned: false,
        locked: false,
        replyCount: 0,
        lastActivityAt: '2026-03-03T10:00:00.000Z',
      });
      const threadId = start.body.id as string;

      api.clock.advance(60_000);
      const answer = await as(s.bruno).post(`${threadsPath(s.cohort)}/${threadId}/posts`, {
        body: 'Try the *Rodríguez* market.',
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        threadId,
        author: { id: s.bruno.user.id, displayName: 'Bruno Alves' },
        body: 'Try the *Rodríguez* market.',
        bodyHtml: '<p>Try the <em>Rodríguez</em> market.</p>\n',
        reply: true,
        deleted: false,
        editedAt: null,
      });
      api.clock.advance(60_000);
      await reply(s, s.facilitator, threadId, 'Good tip.');

      const thread = await as(s.chen).get(`${threadsPath(s.cohort)}/${threadId}`);
      expect(thread.status).toBe(200);
      expect(thread.body.thread).toMatchObject({ replyCount: 2, lastActivityAt: '2026-03-03T10:02:00.000Z' });
      expect(thread.body.posts.items.map((p: { body: string; reply: boolean }) => [p.body, p.reply])).toEqual([
        ['Has anyone found **8 mil** polyethylene in La Paz?', false],
        ['Try the *Rodríguez* market.', true],
        ['Good tip.', true],
      ]);
      expect(thread.body.posts.items[0].bodyHtml).toBe(
        '<p>Has anyone found <strong>8 mil</strong> polyethylene in La Paz?</p>\n',
      );

      const events = await outboxOf(s.cohort.id);
      const place = { cohortId: s.cohort.id, groupId: null, threadId };
      expect(events).toEqual([
        {
          type: 'discussion.thread-started',
          payload: { ...place, postId: expect.any(String), authorId: s.ana.user.id },
        },
        {
          type: 'discussion.post-created',
          payload: { ...place, postId: events[0]!.payload.postId, authorId: s.ana.user.id, reply: false },
        },
        {
          type: 'discussion.post-created',
          payload: { ...place, postId: answer.body.id, authorId: s.bruno.user.id, reply: true },
        },
        {
          type: 'discussion.post-created',
          payload: { ...place, postId: expect.any(String), authorId: s.facilitator.user.id, reply: true },
        },
      ]);
      const [activity] = await api.db.query<{ last_active_at: Date }[]>(
        'SELECT last_active_at FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
        [s.cohort.id, s.bruno.user.id],
      );
      expect(activity!.last_active_at).toEqual(new Date('2026-03-03T10:01:00Z'));
    });

    it('keeps replies in the order they were written even within one millisecond, and pages through them', async () => {
      const s = await setup();
      const threadId = await startThread(s, s.ana);
      // The clock does not move: every post has the same "now".
      for (const n of [1, 2, 3, 4]) await reply(s, n % 2 ? s.bruno : s.chen, threadId, `reply ${n}`);

      const first = await as(s.ana).get(`${threadsPath(s.cohort)}/${threadId}?limit=3`);
      expect(first.body.posts.items.map((p: { body: string }) => p.body)).toEqual(['In La Paz?', 'reply 1', 'reply 2']);
      expect(first.body.posts.items[0].reply).toBe(false);
      const next = await as(s.ana).get(
        `${threadsPath(s.cohort)}/${threadId}?limit=3&cursor=${first.body.posts.nextCursor as string}`,
      );
      expect(next.body.posts.items.map((p: { body: string }) => p.body)).toEqual(['reply 3', 'reply 4']);
      expect(next.body.posts.nextCursor).toBeNull();
      expect(first.body.thread.replyCount).toBe(4);
    });

    it('sanitizes Markdown: no script, no javascript: links, raw HTML shown as text', async () => {
      const s = await setup();
      const body = 'Look <script>alert("x")</script> [here](javascript:alert(1)) <img src=x onerror=alert(1)>';
      const threadId = await startThread(s, s.ana, { body });
      const postId = await reply(s, s.bruno, threadId, '[click](javascript:alert(document.cookie))');

      const thread = await as(s.chen).get(`${threadsPath(s.cohort)}/${threadId}`);
      const [opening, answer] = thread.body.posts.items as { id: string; body: string; bodyHtml: string }[];
      expect(opening!.body).toBe(body);
      for (const post of [opening!, answer!]) {
        // Tags and links that could run code are gone; what is left of them is inert text.
        expect(post.bodyHtml).not.toMatch(/<script|<img|<a |href=/i);
      }
      expect(opening!.bodyHtml).toContain('&lt;script&gt;');
      expect(answer!.id).toBe(postId);
      expect(answer!.bodyHtml).toBe('<p>[click](javascript:alert(document.cookie))</p>\n');

      const safe = await as(s.chen).post(`${threadsPath(s.cohort)}/${threadId}/posts`, {
        body: 'See [the guide](https://example.org/tube).',
      });
      expect(safe.body.bodyHtml).toBe(
        '<p>See <a href="https://example.org/tube" rel="nofollow ugc noopener">the guide</a>.</p>\n',
      );
    });
  });

  describe('editing and deleting', () => {
    it('lets authors edit their own posts and thread titles only', async () => {
      const s = await setup();
      const threadId = await startThread(s, s.ana);
      const postId = await reply(s, s.bruno, threadId, 'Try the market.');
      const postPath = `${threadsPath(s.cohort)}/${threadId}/posts/${postId}`;

      api.clock.advance(5 * 60_000);
      const edited = await as(s.bruno).patch(postPath, { body: 'Try the **Rodríguez** market.' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        body: 'Try the **Rodríguez** market.',
        bodyHtml: '<p>Try the <strong>Rodríguez</strong> market.</p>\n',
        editedAt: '2026-03-03T10:05:00.000Z',
      });

      for (const other of [s.ana, s.facilitator]) {
        const res = await as(other).patch(postPath, { body: 'Putting words in your mouth.' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('not_author');
      }
      const retitleByOther = await as(s.bruno).patch(`${threadsPath(s.cohort)}/${threadId}`, { title: 'Mine now' });
      expect(retitleByOther.status).toBe(403);
      expect(retitleByOther.body.code).toBe('not_author');

      const retitled = await as(s.ana).patch(`${threadsPath(s.cohort)}/${threadId}`, { title: 'Tube in El Alto?' });
      expect(retitled.status).toBe(200);
      expect(retitled.body.title).toBe('Tube in El Alto?');

      const thread = await as(s.chen).get(`${threadsPath(s.cohort)}/${threadId}`);
      expect(thread.body.thread.title).toBe('Tube in El Alto?');
      expect(thread.body.posts.items[1].body).toBe('Try the **Rodríguez** market.');
      const edits = (await outboxOf(s.cohort.id)).filter((e) => e.type === 'discussion.post-edited');
      expect(edits).toEqual([
        {
          type: 'discussion.post-edited',
          payload: { cohortId: s.cohort.id, groupId: null, threadId, postId, authorId: s.bruno.user.id },
        },
        {
          type: 'discussion.post-edited',
          payload: {
            cohortId: s.cohort.id,
            groupId: null,
            threadId,
            postId: thread.body.posts.items[0].id,
            authorId: s.ana.user.id,
          },
        },
      ]);
    });

    it('deletes a post, keeping its place as "deleted"; the author or a facilitator only', async () => {
      const s = await setup();
      const threadId = await startThread(s, s.ana);
      api.clock.advance(60_000);
      const bruno = await reply(s, s.bruno, threadId, 'First answer.');
      api.clock.advance(60_000);
      const chen = await reply(s, s.chen, threadId, 'Spam spam spam.');
      const path = (postId: string) => `${threadsPath(s.cohort)}/${threadId}/posts/${postId}`;

      const byOther = await as(s.ana).delete(path(bruno));
      expect(byOther.status).toBe(403);
      expect(byOther.body.code).toBe('not_author');

      expect((await as(s.facilitator).delete(path(chen))).status).toBe(204);
      expect((await as(s.bruno).delete(path(bruno))).status).toBe(204);
      // Deleting again changes nothing.
      expect((await as(s.bruno).delete(path(bruno))).status).toBe(204);

      const thread = await as(s.ana).get(`${threadsPath(s.cohort)}/${threadId}`);
      expect(thread.body.thread).toMatchObject({ replyCount: 0, lastActivityAt: '2026-03-03T10:00:00.000Z' });
      expect(thread.body.posts.items.slice(1)).toEqual([
        expect.objectContaining({ id: bruno, deleted: true, body: null, bodyHtml: null, author: null }),
        expect.objectContaining({ id: chen, deleted: true, body: null, bodyHtml: null, author: null }),
      ]);
      const [stored] = await api.db.query<{ body: string; body_html: string }[]>(
        'SELECT body, body_html FROM discussion_posts WHERE id = $1',
        [chen],
      );
      expect(stored).toEqual({ body: '', body_html: '' });

      const editDeleted = await as(s.bruno).patch(path(bruno), { body: 'Back again' });
      expect(editDeleted.status).toBe(404);

      const deletions = (await outboxOf(s.cohort.id)).filter((e) => e.type === 'discussion.post-deleted');
      expect(deletions.map((e) => e.payload)).toEqual([
        { cohortId: s.cohort.id, groupId: null, threadId, postId: chen, deletedBy: s.facilitator.user.id },
        { cohortId: s.cohort.id, groupId: null, threadId, postId: bruno, deletedBy: s.bruno.user.id },
      ]);
    });

    it('answers 404 for a post of another thread', async () => {
      const s = await setup();
      const t1 = await startThread(s, s.ana);
      const t2 = await startThread(s, s.ana);
      const postId = await reply(s, s.ana, t1);
      const res = await as(s.ana).patch(`${threadsPath(s.cohort)}/${t2}/posts/${postId}`, { body: 'moved?' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('post_not_found');
    });
  });

  describe('moderation', () => {
    it('lists pinned threads first, then by last activity, and pages through them', async () => {
      const s = await setup();
      const first = await startThread(s, s.ana, { title: 'first' });
      api.clock.advance(60_000);
      const second = await startThread(s, s.bruno, { title: 'second' });
      api.clock.advance(60_000);
      await startThread(s, s.chen, { title: 'third' });
      const titles = async (path = threadsPath(s.cohort)) =>
        (await as(s.chen).get(path)).body.items.map((t: { title: string }) => t.title);
      expect(await titles()).toEqual(['third', 'second', 'first']);

      const pin = await as(s.facilitator).patch(`${threadsPath(s.cohort)}/${first}`, { pinned: true });
      expect(pin.status).toBe(200);
      expect(pin.body.pinned).toBe(true);
      api.clock.advance(60_000);
      await reply(s, s.ana, second);
      expect(await titles()).toEqual(['first', 'second', 'third']);

      const page1 = await as(s.chen).get(`${threadsPath(s.cohort)}?limit=1`);
      const page2 = await as(s.chen).get(`${threadsPath(s.cohort)}?limit=1&cursor=${page1.body.nextCursor as string}`);
      const page3 = await as(s.chen).get(`${threadsPath(s.cohort)}?limit=1&cursor=${page2.body.nextCursor as string}`);
      expect([page1, page2, page3].map((p) => p.body.items[0].title)).toEqual(['first', 'second', 'third']);
      expect(page3.body.nextCursor).toBeNull();

      const tampered = await as(s.chen).get(`${threadsPath(s.cohort)}?cursor=bm9wZQ`);
      expect(tampered.status).toBe(400);
      expect(tampered.body.errors[0].field).toBe('cursor');

      const byLearner = await as(s.ana).patch(`${threadsPath(s.cohort)}/${second}`, { pinned: true });
      expect(byLearner.status).toBe(403);
      expect(await titles()).toEqual(['first', 'second', 'third']);

      const moderated = (await outboxOf(s.cohort.id)).filter((e) => e.type === 'discussion.thread-moderated');
      expect(moderated.map((e) => e.payload)).toEqual([
        {
          cohortId: s.cohort.id,
          groupId: null,
          threadId: first,
          pinned: true,
          locked: false,
          by: s.facilitator.user.id,
        },
      ]);
    });

    it('locks a thread: no replies or edits from learners, facilitators may still reply', async () => {
      const s = await setup();
      const threadId = await startThread(s, s.ana);
      const postId = await reply(s, s.bruno, threadId, 'Before the lock.');

      const lock = await as(s.facilitator).patch(`${threadsPath(s.cohort)}/${threadId}`, { locked: true });
      expect(lock.status).toBe(200);
      expect(lock.body.locked).toBe(true);
      const before = await counts(s.cohort.id);

      const refused = await as(s.ana).post(`${threadsPath(s.cohort)}/${threadId}/posts`, { body: 'But wait' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('thread_locked');
      const edit = await as(s.bruno).patch(`${threadsPath(s.cohort)}/${threadId}/posts/${postId}`, { body: 'x' });
      expect(edit.status).toBe(409);
      expect(await counts(s.cohort.id)).toEqual(before);

      await reply(s, s.facilitator, threadId, 'Locked: the answer is above.');
      const learnerUnlock = await as(s.ana).patch(`${threadsPath(s.cohort)}/${threadId}`, { locked: false });
      expect(learnerUnlock.status).toBe(403);

      await as(s.facilitator)
        .patch(`${threadsPath(s.cohort)}/${threadId}`, { locked: false })
        .expect(200);
      await reply(s, s.ana, threadId, 'Thanks!');
      const thread = await as(s.ana).get(`${threadsPath(s.cohort)}/${threadId}`);
      expect(thread.body.thread).toMatchObject({ locked: false, replyCount: 3 });
      const moderated = (await outboxOf(s.cohort.id)).filter((e) => e.type === 'discussion.thread-moderated');
      expect(moderated.map((e) => e.payload.locked)).toEqual([true, false]);
    });
  });

  describe('who takes part where', () => {
    it('keeps a group thread to its members and the cohort facilitators', async () => {
      const s = await setup();
      const res = await as(s.ana).post(threadsPath(s.cohort), {
        title: 'Our meeting time',
        body: 'Tuesdays?',
        groupId: s.group1.id,
      });
      expect(res.status).toBe(201);
      expect(res.body.groupId).toBe(s.group1.id);
      const threadId = res.body.id as string;
      const groupList = `${threadsPath(s.cohort)}?groupId=${s.group1.id}`;

      expect((await as(s.ana).get(groupList)).body.items.map((t: { id: string }) => t.id)).toEqual([threadId]);
      expect((await as(s.facilitator).get(groupList)).body.items.map((t: { id: string }) => t.id)).toEqual([threadId]);
      await reply(s, s.facilitator, threadId, 'Tuesdays work for me.');
      // Not among the cohort-wide threads.
      expect((await as(s.ana).get(threadsPath(s.cohort))).body.items).toEqual([]);

      for (const other of [s.bruno, s.chen]) {
        const list = await as(other).get(groupList);
        expect(list.status).toBe(404);
        expect(list.body.code).toBe('group_not_in_cohort');
        const get = await as(other).get(`${threadsPath(s.cohort)}/${threadId}`);
        expect(get.status).toBe(404);
        expect(get.body.code).toBe('thread_not_found');
        const post = await as(other).post(`${threadsPath(s.cohort)}/${threadId}/posts`, { body: 'Hi!' });
        expect(post.status).toBe(404);
        const start = await as(other).post(threadsPath(s.cohort), { title: 'x', body: 'y', groupId: s.group1.id });
        expect(start.status).toBe(404);
      }
      // Bruno has his own group.
      const own = await as(s.bruno).post(threadsPath(s.cohort), { title: 'x', body: 'y', groupId: s.group2.id });
      expect(own.status).toBe(201);

      const outsider = await as(s.outsider).get(`${threadsPath(s.cohort)}/${threadId}`);
      expect(outsider.status).toBe(403);
      const outsiderList = await as(s.outsider).get(threadsPath(s.cohort));
      expect(outsiderList.status).toBe(403);

      const events = await outboxOf(s.cohort.id);
      expect(events[0]!.payload).toMatchObject({ groupId: s.group1.id, threadId });
    });

    it('refuses a group of another cohort, and a thread of another cohort under this cohort', async () => {
      const s = await setup();
      const otherFacilitator = await api.make.user();
      const { cohort: other } = await api.make.cohort(otherFacilitator);
      await api.make.enrollment(other, s.ana);
      const otherGroup = await cohortGroup(other, otherFacilitator, 1, [s.ana]);
      const otherThread = await as(s.ana).post(`/cohorts/${other.id}/threads`, { title: 'elsewhere', body: 'hi' });
      expect(otherThread.status).toBe(201);
      const before = await counts(s.cohort.id);

      const wrongGroup = await as(s.ana).post(threadsPath(s.cohort), { title: 'x', body: 'y', groupId: otherGroup.id });
      expect(wrongGroup.status).toBe(404);
      expect(wrongGroup.body.code).toBe('group_not_in_cohort');
      const listWrongGroup = await as(s.facilitator).get(`${threadsPath(s.cohort)}?groupId=${otherGroup.id}`);
      expect(listWrongGroup.status).toBe(404);

      const crossed = `${threadsPath(s.cohort)}/${otherThread.body.id as string}`;
      for (const res of [
        await as(s.ana).get(crossed),
        await as(s.ana).post(`${crossed}/posts`, { body: 'hi' }),
        await as(s.facilitator).patch(crossed, { pinned: true }),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('thread_not_found');
      }
      expect(await counts(s.cohort.id)).toEqual(before);
    });

    it('shuts out learners who withdrew, and learners of another cohort', async () => {
      const s = await setup();
      const threadId = await startThread(s, s.chen);
      await api.db.query(`UPDATE cohort_members SET status = $3 WHERE cohort_id = $1 AND user_id = $2`, [
        s.cohort.id,
        s.chen.user.id,
        EnrollmentStatus.Withdrawn,
      ]);
      expect((await as(s.chen).get(threadsPath(s.cohort))).status).toBe(403);
      expect((await as(s.chen).post(`${threadsPath(s.cohort)}/${threadId}/posts`, { body: 'hi' })).status).toBe(403);

      const elsewhere = await api.make.user();
      const { cohort: other } = await api.make.cohort(await api.make.user());
      await api.make.enrollment(other, elsewhere);
      expect((await as(elsewhere).get(`${threadsPath(s.cohort)}/${threadId}`)).status).toBe(403);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an empty body', { title: 'Hi', body: '' }, 'body'],
      ['a blank body', { title: 'Hi', body: '  \n ' }, 'body'],
      ['no title', { body: 'Hi' }, 'title'],
      ['a title too long', { title: 'x'.repeat(201), body: 'Hi' }, 'title'],
      ['a body too long', { title: 'Hi', body: 'x'.repeat(20_001) }, 'body'],
      ['a malformed group id', { title: 'Hi', body: 'Hi', groupId: 'group-1' }, 'groupId'],
      ['an unknown field', { title: 'Hi', body: 'Hi', pinned: true }, 'pinned'],
    ])('refuses a thread with %s, naming the field, writing nothing', async (_, body, field) => {
      const s = await setup();
      const res = await as(s.ana).post(threadsPath(s.cohort), body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts(s.cohort.id)).toEqual({ threads: 0, posts: 0, events: 0 });
    });

    it('refuses bad replies, edits and ids, naming the field, writing nothing', async () => {
      const s = await setup();
      const threadId = await startThread(s, s.ana);
      const postId = await reply(s, s.ana, threadId);
      const before = await counts(s.cohort.id);
      const thread = `${threadsPath(s.cohort)}/${threadId}`;
      const cases: [() => ReturnType<ReturnType<typeof as>['get']>, string][] = [
        [() => as(s.ana).post(`${thread}/posts`, { body: '' }), 'body'],
        [() => as(s.ana).post(`${thread}/posts`, { body: 'x'.repeat(20_001) }), 'body'],
        [() => as(s.ana).post(`${thread}/posts`, { body: 'ok', extra: 1 }), 'extra'],
        [() => as(s.ana).patch(`${thread}/posts/${postId}`, { body: ' ' }), 'body'],
        [() => as(s.ana).patch(thread, { title: '' }), 'title'],
        [() => as(s.facilitator).patch(thread, { pinned: 'yes' }), 'pinned'],
        [() => as(s.facilitator).patch(thread, { locked: null }), 'locked'],
        [() => as(s.ana).post(`${threadsPath(s.cohort)}/not-a-uuid/posts`, { body: 'ok' }), 'threadId'],
        [() => as(s.ana).delete(`${thread}/posts/42`), 'postId'],
        [() => as(s.ana).get(`/cohorts/nope/threads`), 'cohortId'],
      ];
      for (const [request, field] of cases) {
        const res = await request();
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await counts(s.cohort.id)).toEqual(before);
    });

    it('answers 404 for an unknown thread', async () => {
      const s = await setup();
      const res = await as(s.ana).get(`${threadsPath(s.cohort)}/${randomUUID()}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('thread_not_found');
    });
  });
});
