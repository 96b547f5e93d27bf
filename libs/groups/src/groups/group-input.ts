import { randomBytes } from 'node:crypto';
import { InvalidInputError, isIanaTimeZone, type FieldProblem } from '@app/core';
import { GroupMode, GroupVisibility, type SignupQuestion } from '../study-group.entity';
import { canonicalLanguageTag } from './language-tag';

export const GROUP_LIMITS = {
  nameLength: 120,
  descriptionLength: 5000,
  topicLength: 120,
  meetingLinkLength: 500,
  venueLength: 200,
  cityLength: 100,
  minCapacity: 1,
  maxCapacity: 500,
  signupQuestions: 10,
  promptLength: 500,
  answerLength: 1000,
  /** Meeting reminders: at most this many lead times, each between 5 minutes and a week. */
  reminderOffsets: 4,
  minReminderOffsetMinutes: 5,
  maxReminderOffsetMinutes: 10_080,
} as const;

/** Members are reminded a day and an hour before each meeting unless the facilitators choose otherwise. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [1440, 60];

export interface SignupQuestionInput {
  /** Keep an existing question (and the answers given to it); omit for a new question. */
  id?: string;
  prompt: string;
  required?: boolean;
}

/** A new group, as its creator describes it. */
export interface GroupDraft {
  name: string;
  description?: string;
  courseVersionId?: string;
  topic?: string;
  language: string;
  timeZone: string;
  mode: GroupMode;
  meetingLink?: string;
  venue?: string;
  city?: string;
  country?: string;
  latitude?: number;
  longitude?: number;
  capacity: number;
  signupOpen?: boolean;
  visibility?: GroupVisibility;
  signupQuestions?: SignupQuestionInput[];
  /** Minutes before each meeting that members are emailed a reminder; [] for none. */
  reminderOffsetsMinutes?: number[];
}

/** An edit: absent fields stay as they are; null clears a field that may be empty. */
export interface GroupChanges {
  name?: string;
  description?: string;
  courseVersionId?: string | null;
  topic?: string | null;
  language?: string;
  timeZone?: string;
  mode?: GroupMode;
  meetingLink?: string | null;
  venue?: string | null;
  city?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  capacity?: number;
  signupOpen?: boolean;
  visibility?: GroupVisibility;
  signupQuestions?: SignupQuestionInput[];
  reminderOffsetsMinutes?: number[];
}

/** Every column a person decides about a group; the rest (counts, codes, slots) the system keeps. */
export interface GroupState {
  name: string;
  description: string;
  courseVersionId: string | null;
  topic: string | null;
  language: string;
  timeZone: string;
  mode: GroupMode;
  meetingLink: string | null;
  venue: string | null;
  city: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  capacity: number;
  signupOpen: boolean;
  visibility: GroupVisibility;
  signupQuestions: SignupQuestion[];
  reminderOffsetsMinutes: number[];
}

const STATE_KEYS = [
  'name',
  'description',
  'courseVersionId',
  'topic',
  'language',
  'timeZone',
  'mode',
  'meetingLink',
  'venue',
  'city',
  'country',
  'latitude',
  'longitude',
  'capacity',
  'signupOpen',
  'visibility',
  'signupQuestions',
  'reminderOffsetsMinutes',
] as const satisfies readonly (keyof GroupState)[];

/** Just the person-decided columns of a group row. */
export function pickState(group: GroupState): GroupState {
  return Object.fromEntries(STATE_KEYS.map((key) => [key, group[key]])) as unknown as GroupState;
}

const ONLINE_ONLY = ['meetingLink'] as const;
const IN_PERSON_ONLY = ['venue', 'city', 'country', 'latitude', 'longitude'] as const;

export const newQuestionId = (): string => `q${randomBytes(5).toString('hex')}`;

/** A new group's state, or one 400 naming every bad field. */
export function resolveNewGroup(draft: GroupDraft, newId: () => string = newQuestionId): GroupState {
  const problems: FieldProblem[] = [];
  if (draft.courseVersionId !== undefined && draft.topic !== undefined) {
    problems.push({ field: 'courseVersionId', message: 'give either courseVersionId or topic, not both' });
  }
  const state: GroupState = {
    name: draft.name,
    description: draft.description ?? '',
    courseVersionId: draft.courseVersionId ?? null,
    topic: draft.topic ?? null,
    language: draft.language,
    timeZone: draft.timeZone,
    mode: draft.mode,
    meetingLink: draft.meetingLink ?? null,
    venue: draft.venue ?? null,
    city: draft.city ?? null,
    country: draft.country ?? null,
    latitude: draft.latitude ?? null,
    longitude: draft.longitude ?? null,
    capacity: draft.capacity,
    signupOpen: draft.signupOpen ?? true,
    visibility: draft.visibility ?? GroupVisibility.Public,
    signupQuestions: resolveQuestions(draft.signupQuestions ?? [], [], newId, problems),
    reminderOffsetsMinutes: draft.reminderOffsetsMinutes ?? [...DEFAULT_REMINDER_OFFSETS_MINUTES],
  };
  return finish(state, 1, problems);
}

/**
 * A group's state after an edit, or one 400 naming every bad field. Switching mode clears the other mode's
 * fields (an in-person group has no meeting link); picking a course drops the free topic and vice versa.
 * `memberCount` is read under the group's lock, so capacity cannot slip below it.
 */
export function resolveGroupChanges(
  current: GroupState & { memberCount: number },
  changes: GroupChanges,
  newId: () => string = newQuestionId,
): GroupState {
  const problems: FieldProblem[] = [];
  const next = pickState(current);
  for (const key of Object.keys(changes) as (keyof GroupChanges)[]) {
    if (key === 'signupQuestions' || changes[key] === undefined) continue;
    Object.assign(next, { [key]: changes[key] });
  }
  if (changes.mode !== undefined && changes.mode !== current.mode) {
    const cleared = changes.mode === GroupMode.Online ? IN_PERSON_ONLY : ONLINE_ONLY;
    for (const field of cleared) if (changes[field] === undefined) next[field] = null;
  }
  const course = changes.courseVersionId;
  const topic = changes.topic;
  if (typeof course === 'string' && typeof topic === 'string') {
    problems.push({ field: 'courseVersionId', message: 'give either courseVersionId or topic, not both' });
  } else if (typeof course === 'string') {
    next.topic = null;
  } else if (typeof topic === 'string') {
    next.courseVersionId = null;
  }
  if (changes.signupQuestions !== undefined) {
    next.signupQuestions = resolveQuestions(changes.signupQuestions, current.signupQuestions, newId, problems);
  }
  return finish(next, current.memberCount, problems);
}

/** Rules on the whole state, whichever way it was reached. */
function finish(state: GroupState, memberCount: number, problems: FieldProblem[]): GroupState {
  const problem = (field: string, message: string) => problems.push({ field, message });

  state.name = state.name.trim();
  if (state.name.length === 0) problem('name', 'name must not be blank');
  state.description = state.description.trim();
  if (state.topic !== null) {
    state.topic = state.topic.trim();
    if (state.topic.length === 0) problem('topic', 'topic must not be blank');
  }
  if (state.courseVersionId === null && state.topic === null && !problems.some((p) => p.field === 'courseVersionId')) {
    problem('topic', 'a group follows a published course version (courseVersionId) or a free topic');
  }

  const language = canonicalLanguageTag(state.language);
  if (language === null) problem('language', 'language must be a BCP 47 language tag such as "es" or "pt-BR"');
  else state.language = language;
  if (!isIanaTimeZone(state.timeZone)) problem('timeZone', 'timeZone must be an IANA time zone such as Europe/Berlin');

  if (state.mode === GroupMode.Online) {
    for (const field of IN_PERSON_ONLY) {
      if (state[field] !== null) problem(field, `${field} is only for in-person groups`);
    }
  } else {
    for (const field of ONLINE_ONLY) {
      if (state[field] !== null) problem(field, `${field} is only for online groups`);
    }
    state.venue = blankToNull(state.venue);
    state.city = blankToNull(state.city);
    if (state.city === null) problem('city', 'an in-person group needs a city');
    if (state.country === null) problem('country', 'an in-person group needs a country (ISO 3166-1 alpha-2)');
    else state.country = state.country.toUpperCase();
    if ((state.latitude === null) !== (state.longitude === null)) {
      const missing = state.latitude === null ? 'latitude' : 'longitude';
      problem(missing, 'give latitude and longitude together, or neither');
    }
  }

  state.reminderOffsetsMinutes = checkReminderOffsets(state.reminderOffsetsMinutes, problems);

  if (memberCount > state.capacity) {
    problem('capacity', `capacity cannot be below the ${memberCount} active members (facilitators included)`);
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return state;
}

function resolveQuestions(
  inputs: SignupQuestionInput[],
  existing: SignupQuestion[],
  newId: () => string,
  problems: FieldProblem[],
): SignupQuestion[] {
  const known = new Set(existing.map((q) => q.id));
  const seen = new Set<string>();
  const taken = new Set(known);
  return inputs.map((input, i) => {
    const prompt = input.prompt.trim();
    if (prompt.length === 0)
      problems.push({ field: `signupQuestions.${i}.prompt`, message: 'prompt must not be blank' });
    let id = input.id;
    if (id !== undefined) {
      if (!known.has(id)) {
        problems.push({ field: `signupQuestions.${i}.id`, message: 'id must name one of the group’s questions' });
      } else if (seen.has(id)) {
        problems.push({ field: `signupQuestions.${i}.id`, message: 'the same question is listed twice' });
      }
    } else {
      do id = newId();
      while (taken.has(id));
    }
    seen.add(id);
    taken.add(id);
    return { id, prompt, required: input.required ?? false };
  });
}

/** Distinct whole minutes within bounds, longest lead first (the order reminders go out). */
function checkReminderOffsets(offsets: number[], problems: FieldProblem[]): number[] {
  const { reminderOffsets, minReminderOffsetMinutes: min, maxReminderOffsetMinutes: max } = GROUP_LIMITS;
  if (offsets.length > reminderOffsets) {
    problems.push({ field: 'reminderOffsetsMinutes', message: `give at most ${reminderOffsets} reminder times` });
  }
  offsets.forEach((offset, i) => {
    if (!Number.isInteger(offset) || offset < min || offset > max) {
      problems.push({
        field: `reminderOffsetsMinutes.${i}`,
        message: `each reminder time must be a whole number of minutes from ${min} to ${max} (a week)`,
      });
    }
  });
  return [...new Set(offsets)].sort((a, b) => b - a);
}

const blankToNull = (value: string | null): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
};
