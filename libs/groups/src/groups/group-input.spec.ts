import fc from 'fast-check';
import { InvalidInputError } from '@app/core';
import { checkSignupAnswers } from '../membership/signup-answers';
import { GroupMode, GroupVisibility } from '../study-group.entity';
import { GROUP_LIMITS, resolveGroupChanges, resolveNewGroup, type GroupDraft, type GroupState } from './group-input';
import { canonicalLanguageTag } from './language-tag';

const draft = (over: Partial<GroupDraft> = {}): GroupDraft => ({
  name: 'Biogas builders',
  topic: 'biogas',
  language: 'es',
  timeZone: 'America/La_Paz',
  mode: GroupMode.Online,
  meetingLink: 'https://meet.example.org/biogas',
  capacity: 12,
  ...over,
});

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields.map((f) => f.field);
    throw error;
  }
  throw new Error('expected an InvalidInputError');
};

let seq = 0;
const ids = () => `q${++seq}`;

describe('group input rules', () => {
  it('fills defaults, trims text and canonicalizes the language', () => {
    const state = resolveNewGroup(draft({ name: '  Biogas  ', language: 'PT-br' }), ids);
    expect(state).toMatchObject({
      name: 'Biogas',
      language: 'pt-BR',
      description: '',
      signupOpen: true,
      visibility: GroupVisibility.Public,
      courseVersionId: null,
      signupQuestions: [],
    });
  });

  it('names every bad field at once', () => {
    const fields = fieldsOf(() =>
      resolveNewGroup(
        draft({ name: '   ', topic: undefined, language: 'not a tag!', timeZone: 'Mars/Olympus', venue: 'Hall' }),
      ),
    );
    expect(fields.sort()).toEqual(['language', 'name', 'timeZone', 'topic', 'venue']);
  });

  it('wants a course version or a topic, not both', () => {
    expect(fieldsOf(() => resolveNewGroup(draft({ courseVersionId: 'v', topic: 'biogas' })))).toEqual([
      'courseVersionId',
    ]);
  });

  it('asks in-person groups for a city, a country and coordinates in pairs, and no meeting link', () => {
    const fields = fieldsOf(() => resolveNewGroup(draft({ mode: GroupMode.InPerson, latitude: -16.5 })));
    expect(fields.sort()).toEqual(['city', 'country', 'longitude', 'meetingLink']);
    const ok = resolveNewGroup(
      draft({ mode: GroupMode.InPerson, meetingLink: undefined, city: ' El Alto ', country: 'bo' }),
    );
    expect(ok).toMatchObject({ city: 'El Alto', country: 'BO', meetingLink: null, latitude: null });
  });

  it('gives new questions fresh ids and keeps existing ones by id', () => {
    const first = resolveNewGroup(draft({ signupQuestions: [{ prompt: 'Why?', required: true }] }), ids);
    const id = first.signupQuestions[0]!.id;
    const current: GroupState & { memberCount: number } = { ...first, memberCount: 3 };
    const next = resolveGroupChanges(current, { signupQuestions: [{ prompt: 'New?' }, { id, prompt: 'Why now?' }] });
    expect(next.signupQuestions).toEqual([
      { id: expect.not.stringMatching(`^${id}$`), prompt: 'New?', required: false },
      { id, prompt: 'Why now?', required: false },
    ]);
    expect(fieldsOf(() => resolveGroupChanges(current, { signupQuestions: [{ id: 'forged', prompt: 'x' }] }))).toEqual([
      'signupQuestions.0.id',
    ]);
  });

  it('refuses a capacity below the active members and accepts it equal', () => {
    const current = { ...resolveNewGroup(draft(), ids), memberCount: 7 };
    expect(fieldsOf(() => resolveGroupChanges(current, { capacity: 6 }))).toEqual(['capacity']);
    expect(resolveGroupChanges(current, { capacity: 7 }).capacity).toBe(7);
  });

  it("switching mode clears the other mode's fields; picking a course drops the topic", () => {
    const online = { ...resolveNewGroup(draft(), ids), memberCount: 1 };
    const inPerson = resolveGroupChanges(online, { mode: GroupMode.InPerson, city: 'Kigali', country: 'RW' });
    expect(inPerson).toMatchObject({ meetingLink: null, city: 'Kigali', country: 'RW' });
    const back = resolveGroupChanges({ ...inPerson, memberCount: 1 }, { mode: GroupMode.Online });
    expect(back).toMatchObject({ city: null, country: null, venue: null });
    const coursed = resolveGroupChanges(online, { courseVersionId: '6f1c7a55-0f6e-4c3e-9d55-3f3c2f1e0a11' });
    expect(coursed.topic).toBeNull();
    expect(fieldsOf(() => resolveGroupChanges(online, { topic: null }))).toEqual(['topic']);
  });

  it('accepts language tags that start with a language and nothing else', () => {
    expect(canonicalLanguageTag('en')).toBe('en');
    expect(canonicalLanguageTag('zh-hant-tw')).toBe('zh-Hant-TW');
    for (const bad of ['', 'x-klingon', 'und', 'english!', 'e'.repeat(40)])
      expect(canonicalLanguageTag(bad)).toBeNull();
  });
});

describe('signup answers', () => {
  const questions = [
    { id: 'why', prompt: 'Why?', required: true },
    { id: 'what', prompt: 'What?', required: false },
  ];

  it('needs the required answers and drops blank optional ones', () => {
    expect(checkSignupAnswers(questions, { why: ' To build ', what: '  ' })).toEqual({ why: 'To build' });
    expect(fieldsOf(() => checkSignupAnswers(questions, { what: 'x' }))).toEqual(['answers.why']);
    expect(fieldsOf(() => checkSignupAnswers(questions, { why: '   ' }))).toEqual(['answers.why']);
  });

  it('either keeps only known, non-blank, bounded strings or names the bad answers (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: GROUP_LIMITS.answerLength + 5 }), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('why', 'what', 'other', '__proto__x'), value), (given) => {
        try {
          const kept = checkSignupAnswers(questions, given);
          expect(Object.keys(kept)).toContain('why');
          for (const [id, answer] of Object.entries(kept)) {
            expect(['why', 'what']).toContain(id);
            expect(answer.length).toBeGreaterThan(0);
            expect(answer.length).toBeLessThanOrEqual(GROUP_LIMITS.answerLength);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          for (const f of (error as InvalidInputError).fields) expect(f.field).toMatch(/^answers\./);
        }
      }),
    );
  });
});
