import { capped, excerpt, lookaheadEnd, shortDate, timeLeft } from './digest-format';
import { groupConversation, type ConversationPostRow } from './conversation.section';

describe('digest formatting', () => {
  describe('excerpt', () => {
    it('turns Markdown into one line of plain text', () => {
      const markdown = '# Tubes\n\nBuy **polyethylene** from [the co-op](https://example.org).\n\n- 1 m deep\n- `4 mm`';
      expect(excerpt(markdown)).toBe('Tubes Buy polyethylene from the co-op. 1 m deep 4 mm');
    });

    it('drops code blocks and images’ addresses, keeps their words', () => {
      expect(excerpt('See ![the trench](t.png)\n```\nrm -rf /\n```\ndone')).toBe('See the trench done');
    });

    it('cuts a long text at a word boundary, at most the length, with an ellipsis', () => {
      const long = 'word '.repeat(100);
      const cut = excerpt(long, 200);
      expect(cut.length).toBeLessThanOrEqual(200);
      expect(cut.endsWith('word…')).toBe(true);
    });

    it('cuts one very long word where it must', () => {
      expect(excerpt('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
    });

    it('leaves a short text whole', () => {
      expect(excerpt('Hello there')).toBe('Hello there');
    });
  });

  describe('capped', () => {
    it('shows the first items and counts the rest', () => {
      expect(capped([1, 2, 3, 4], undefined, 3)).toEqual({ items: [1, 2, 3], more: 1 });
    });

    it('counts the rows a query already left out', () => {
      expect(capped([1, 2], 25, 20)).toEqual({ items: [1, 2], more: 23 });
    });

    it('has nothing more when all fit', () => {
      expect(capped([1, 2])).toEqual({ items: [1, 2], more: 0 });
    });
  });

  describe('timeLeft', () => {
    const from = new Date('2026-03-06T12:00:00Z');
    it('counts hours under two days', () => {
      expect(timeLeft(from, new Date('2026-03-08T03:59:00Z'))).toEqual({ hours: 39 });
    });
    it('says at least one hour', () => {
      expect(timeLeft(from, new Date('2026-03-06T12:20:00Z'))).toEqual({ hours: 1 });
    });
    it('counts whole days from two days on', () => {
      expect(timeLeft(from, new Date('2026-03-11T11:00:00Z'))).toEqual({ days: 4 });
    });
  });

  describe('shortDate', () => {
    const instant = new Date('2026-03-06T12:00:00Z');
    it('names the reader’s day in their language', () => {
      expect(shortDate(instant, 'America/La_Paz', 'en')).toBe('Fri 6 Mar');
      expect(shortDate(instant, 'Europe/Madrid', 'es')).toBe('vie 6 mar');
      expect(shortDate(instant, 'Europe/Paris', 'fr')).toBe('ven. 6 mars');
    });
    it('is the day where the reader is, not in UTC', () => {
      expect(shortDate(new Date('2026-03-06T20:00:00Z'), 'Pacific/Kiritimati', 'en')).toBe('Sat 7 Mar');
    });
  });

  describe('lookaheadEnd', () => {
    it('looks 24 h ahead for meetings and 48 h for modules in a daily digest', () => {
      const reader = {
        until: new Date('2026-03-06T12:00:00Z'),
        timeZone: 'America/La_Paz',
        frequency: 'daily',
      } as const;
      expect(lookaheadEnd(reader, 'meetings')).toEqual(new Date('2026-03-07T12:00:00Z'));
      expect(lookaheadEnd(reader, 'due')).toEqual(new Date('2026-03-08T12:00:00Z'));
    });

    it('counts a weekly digest’s days on the reader’s calendar, across a DST change', () => {
      // New York springs forward on 8 March 2026: seven local days from 08:00 EST end at 08:00 EDT, 167 h later.
      const reader = {
        until: new Date('2026-03-05T13:00:00Z'),
        timeZone: 'America/New_York',
        frequency: 'weekly',
      } as const;
      expect(lookaheadEnd(reader, 'meetings')).toEqual(new Date('2026-03-12T12:00:00Z'));
      expect(lookaheadEnd(reader, 'due')).toEqual(new Date('2026-03-13T12:00:00Z'));
    });
  });
});

describe('conversation grouping', () => {
  const link = (cohortId: string, threadId: string) => `https://x.test/cohorts/${cohortId}/threads/${threadId}`;
  const row = (over: Partial<ConversationPostRow>): ConversationPostRow => ({
    user_id: 'u',
    cohort_id: 'c1',
    cohort_title: 'Biogas',
    thread_id: 't1',
    post_id: 'p',
    thread_title: 'Tubes',
    group_name: null,
    author: 'Fatou',
    excerpt: 'Hello',
    thread_total: 1,
    total: 1,
    ...over,
  });

  it('groups posts by cohort then thread, the most recently active first, posts oldest first', () => {
    const content = groupConversation(
      [
        row({ thread_id: 't1', excerpt: 'first', thread_total: 2, total: 4 }),
        row({ cohort_id: 'c2', cohort_title: 'Solar', thread_id: 't3', thread_title: 'Panels', total: 4 }),
        row({ thread_id: 't2', thread_title: 'Group talk', group_name: 'Group 1', total: 4 }),
        row({ thread_id: 't1', excerpt: 'second', author: 'Nima', thread_total: 2, total: 4 }),
      ],
      link,
    );
    expect(content.more).toBe(0);
    expect(content.cohorts.map((c) => c.title)).toEqual(['Biogas', 'Solar']);
    expect(content.cohorts[0]!.threads.map((t) => t.title)).toEqual(['Tubes', 'Group talk']);
    expect(content.cohorts[0]!.threads[0]).toEqual({
      title: 'Tubes',
      groupName: null,
      link: 'https://x.test/cohorts/c1/threads/t1',
      posts: [
        { author: 'Fatou', excerpt: 'first' },
        { author: 'Nima', excerpt: 'second' },
      ],
      more: 0,
    });
    expect(content.cohorts[0]!.threads[1]!.groupName).toBe('Group 1');
  });

  it('counts posts left out of a shown thread in the thread, and those of threads not shown in the section', () => {
    // Thread t1 had 9 new posts, 5 shown; 30 posts in all, so 21 are in threads not shown at all.
    const posts = Array.from({ length: 5 }, (_, i) => row({ excerpt: `p${i}`, thread_total: 9, total: 30 }));
    const content = groupConversation(posts, link);
    expect(content.cohorts[0]!.threads[0]!.more).toBe(4);
    expect(content.more).toBe(21);
  });
});
