import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { PlatformRole } from '@app/core';
import {
  Cohort,
  CohortMember,
  CohortRole,
  DeadlineMode,
  EnrollmentMode,
  EnrollmentStatus,
  ScheduledModule,
} from '@app/cohorts';
import {
  Anonymity,
  CourseAuthoringService,
  CourseLicense,
  type AssignmentInput,
  PublishCourseUseCase,
  type CourseDraftInput,
  type CourseDraftView,
  type CourseVersionView,
} from '@app/courses';
import { GroupMember, GroupMode, GroupRole, GroupVisibility, MembershipStatus, StudyGroup } from '@app/groups';
import { NotificationPreferences, PasswordHasher, User, type Locale } from '@app/identity';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface UserSpec {
  email?: string;
  displayName?: string;
  timeZone?: string;
  locale?: Locale;
  role?: PlatformRole;
  /** Whether the address is verified: true unless told otherwise (unverified accounts publish nothing). */
  verified?: boolean;
  password?: string;
}

export interface GroupSpec {
  name?: string;
  description?: string;
  topic?: string;
  courseVersionId?: string;
  language?: string;
  timeZone?: string;
  mode?: GroupMode;
  meetingLink?: string;
  capacity?: number;
  visibility?: GroupVisibility;
  signupQuestions?: StudyGroup['signupQuestions'];
  city?: string;
  country?: string;
  latitude?: number;
  longitude?: number;
}

export interface CourseSpec extends Partial<CourseDraftInput> {
  /** Publish the draft as version 1 (the default), or leave it a draft. */
  published?: boolean;
}

export interface MadeCourse {
  /** The draft as created (before publishing). */
  course: CourseDraftView;
  /** Version 1, or null when not published. */
  version: CourseVersionView | null;
}

export interface CohortSpec {
  title?: string;
  /** How many modules the cohort's course has (default 3): module i is released on day 7i and due on day 7i+6. */
  modules?: number;
  startDate?: string;
  timeZone?: string;
  capacity?: number;
  enrollmentMode?: EnrollmentMode;
  deadlineMode?: DeadlineMode;
  completionModulePercent?: number;
  completionAttendancePercent?: number;
  /**
   * Gives the first module a peer-reviewed assignment: two criteria (levels "Leaks" 0 / "Holds" 3, and a 0-10
   * scale), k = 2, m = 2, double-blind, each overridable.
   */
  assignment?: Partial<AssignmentInput>;
}

/** The peer-reviewed assignment of `CohortSpec.assignment`, as given to the course. */
export const peerReviewedAssignment = (over: Partial<AssignmentInput> = {}): AssignmentInput => ({
  title: 'Seal the tube',
  instructions: 'Describe how you sealed the tube, with a photo link.',
  rubric: [
    {
      title: 'Seal',
      weight: 2,
      levels: [
        { label: 'Leaks', points: 0 },
        { label: 'Holds', points: 3 },
      ],
    },
    { title: 'Care', weight: 1, scale: { min: 0, max: 10 } },
  ],
  review: { reviewsPerSubmission: 2, reviewsPerLearner: 2, anonymity: Anonymity.DoubleBlind },
  ...over,
});

export interface MadeCohort {
  cohort: Cohort;
  /** The cohort's calendar, in course order. */
  modules: ScheduledModule[];
  /** The course version it runs (its modules' assignments, with their rubric ids). */
  version: CourseVersionView;
}

export interface MadeUser {
  user: User;
  password: string;
  /** Authorization header value of a fresh login. */
  auth: string;
  refreshToken: string;
}

/** Typed builders of test data. Each call makes fresh rows; tests never share seeds. */
export class Factories {
  private readonly db: DataSource;

  constructor(private readonly app: INestApplication) {
    this.db = app.get(DataSource);
  }

  /** A user in the database, already logged in through the real login endpoint. */
  async user(spec: UserSpec = {}): Promise<MadeUser> {
    const password = spec.password ?? DEFAULT_PASSWORD;
    const user = await this.db.transaction(async (manager) => {
      const created = manager.create(User, {
        email: spec.email ?? `user-${randomBytes(5).toString('hex')}@example.org`,
        displayName: spec.displayName ?? 'Test Learner',
        timeZone: spec.timeZone ?? 'Europe/Berlin',
        locale: spec.locale ?? 'en',
        role: spec.role ?? PlatformRole.User,
        emailVerifiedAt: spec.verified === false ? null : new Date(),
        passwordHash: await this.app.get(PasswordHasher).hash(password),
      });
      await manager.save(created);
      await manager.insert(NotificationPreferences, { userId: created.id });
      return created;
    });
    const login = await supertest(this.app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email: user.email, password });
    if (login.status !== 200) throw new Error(`factory login failed: ${login.status} ${JSON.stringify(login.body)}`);
    const body = login.body as { accessToken: string; refreshToken: string };
    return { user, password, auth: `Bearer ${body.accessToken}`, refreshToken: body.refreshToken };
  }

  /**
   * Marks the address of someone made with `verified: false` (or registered over HTTP) as verified, as following
   * the emailed link does. Pass an id for an account registered over HTTP.
   */
  async verifyEmail(who: MadeUser | string): Promise<void> {
    const id = typeof who === 'string' ? who : who.user.id;
    await this.db.query('UPDATE users SET email_verified_at = now() WHERE id = $1 AND email_verified_at IS NULL', [id]);
  }

  admin(spec: UserSpec = {}): Promise<MadeUser> {
    return this.user({ ...spec, role: PlatformRole.Admin });
  }

  /** A group on a free topic with `facilitator` as its facilitator (counted as its first member). */
  async group(facilitator: MadeUser, spec: GroupSpec = {}): Promise<StudyGroup> {
    return this.db.transaction(async (manager) => {
      const group = manager.create(StudyGroup, {
        name: spec.name ?? 'Biogas builders',
        description: spec.description ?? 'We build tube digesters together.',
        topic: spec.courseVersionId ? null : (spec.topic ?? 'biogas'),
        courseVersionId: spec.courseVersionId ?? null,
        language: spec.language ?? 'en',
        timeZone: spec.timeZone ?? 'Europe/Berlin',
        mode: spec.mode ?? GroupMode.Online,
        meetingLink: spec.mode === GroupMode.InPerson ? null : (spec.meetingLink ?? 'https://meet.example.org/biogas'),
        capacity: spec.capacity ?? 10,
        visibility: spec.visibility ?? GroupVisibility.Public,
        inviteCode: spec.visibility === GroupVisibility.Private ? randomBytes(12).toString('base64url') : null,
        signupQuestions: spec.signupQuestions ?? [],
        createdBy: facilitator.user.id,
        memberCount: 1,
        city: spec.city ?? null,
        country: spec.country ?? null,
        latitude: spec.latitude ?? null,
        longitude: spec.longitude ?? null,
      });
      await manager.save(group);
      await manager.insert(GroupMember, {
        groupId: group.id,
        userId: facilitator.user.id,
        role: GroupRole.Facilitator,
        status: MembershipStatus.Active,
      });
      return group;
    });
  }

  /**
   * Puts `person` in `group` directly (no signup rules): an active member by default, or waitlisted. Active
   * members count towards `memberCount`, as the membership domain keeps it.
   */
  async membership(
    group: StudyGroup,
    person: MadeUser,
    spec: { role?: GroupRole; status?: MembershipStatus } = {},
  ): Promise<void> {
    const status = spec.status ?? MembershipStatus.Active;
    await this.db.transaction(async (manager) => {
      await manager.insert(GroupMember, {
        groupId: group.id,
        userId: person.user.id,
        role: spec.role ?? GroupRole.Member,
        status,
        waitlistedAt: status === MembershipStatus.Waitlisted ? new Date() : null,
      });
      if (status === MembershipStatus.Active) {
        await manager.increment(StudyGroup, { id: group.id }, 'memberCount', 1);
      }
    });
  }

  /**
   * A private study group of `cohort`, as "form groups" makes one: group number `number` (1 by default), run by
   * `facilitator`, with `members` in it. `learnersOnly`: the facilitator is not a member either (as formed groups
   * are); otherwise they stay in as the group's facilitator.
   */
  async cohortGroup(
    cohort: Cohort,
    facilitator: MadeUser,
    members: MadeUser[],
    spec: GroupSpec & { number?: number; learnersOnly?: boolean } = {},
  ): Promise<StudyGroup> {
    const { number = 1, learnersOnly = false, ...groupSpec } = spec;
    const group = await this.group(facilitator, { visibility: GroupVisibility.Private, ...groupSpec });
    if (learnersOnly) {
      await this.db.query('DELETE FROM group_members WHERE group_id = $1', [group.id]);
      await this.db.query('UPDATE study_groups SET member_count = 0 WHERE id = $1', [group.id]);
    }
    await this.db.query(
      'INSERT INTO cohort_groups (group_id, cohort_id, number, formed_at) VALUES ($1, $2, $3, now())',
      [group.id, cohort.id, number],
    );
    for (const member of members) await this.membership(group, member);
    return group;
  }

  /** A course by `author` through the courses domain's own rules, published as version 1 unless told not to. */
  async course(author: MadeUser, spec: CourseSpec = {}): Promise<MadeCourse> {
    const { published = true, ...content } = spec;
    const course = await this.app.get(CourseAuthoringService).create(author.user.id, {
      title: 'Build a tube biogas digester',
      summary: 'Turn kitchen waste into cooking gas with a polyethylene tube.',
      language: 'es',
      license: CourseLicense.CcBySa,
      topics: ['biogas'],
      modules: [{ title: 'Dig the trench', content: 'Dig it **1 m** deep.' }],
      ...content,
    });
    const version = published ? await this.app.get(PublishCourseUseCase).publish(course.id, author.user.id) : null;
    return { course, version };
  }

  /**
   * A cohort run by `facilitator` (its first facilitator) of a freshly published course, written directly (no
   * cohort rules): for tests about what comes after creation.
   */
  async cohort(facilitator: MadeUser, spec: CohortSpec = {}): Promise<MadeCohort> {
    const moduleCount = spec.modules ?? 3;
    const { version } = await this.course(facilitator, {
      modules: Array.from({ length: moduleCount }, (_, i) => ({
        title: `Module ${i + 1}`,
        content: `Week ${i + 1}.`,
        assignments: i === 0 && spec.assignment ? [peerReviewedAssignment(spec.assignment)] : [],
      })),
    });
    return this.db.transaction(async (manager) => {
      const cohort = manager.create(Cohort, {
        title: spec.title ?? 'Biogas, spring cohort',
        courseVersionId: version!.id,
        startDate: spec.startDate ?? '2026-03-02',
        timeZone: spec.timeZone ?? 'UTC',
        capacity: spec.capacity ?? 100,
        enrollmentMode: spec.enrollmentMode ?? EnrollmentMode.Open,
        deadlineMode: spec.deadlineMode ?? DeadlineMode.Fixed,
        inviteCode: randomBytes(12).toString('base64url'),
        completionModulePercent: spec.completionModulePercent ?? 100,
        completionAttendancePercent: spec.completionAttendancePercent ?? 0,
        createdBy: facilitator.user.id,
      });
      await manager.save(cohort);
      const modules = version!.modules.map((module, i) =>
        manager.create(ScheduledModule, {
          cohortId: cohort.id,
          moduleId: module.id,
          position: i,
          title: module.title,
          releaseOffsetDays: 7 * i,
          dueOffsetDays: 7 * i + 6,
        }),
      );
      await manager.save(modules);
      const now = new Date();
      await manager.insert(CohortMember, {
        cohortId: cohort.id,
        userId: facilitator.user.id,
        role: CohortRole.Facilitator,
        status: EnrollmentStatus.Active,
        requestedAt: now,
        statusChangedAt: now,
      });
      return { cohort, modules, version: version! };
    });
  }

  /**
   * Puts `person` in `cohort` directly (no enrollment rules): an active learner by default. Active learners
   * count towards `enrolledCount`, as the enrollment domain keeps it.
   */
  async enrollment(
    cohort: Cohort,
    person: MadeUser,
    spec: { role?: CohortRole; status?: EnrollmentStatus; groupingOptIn?: boolean } = {},
  ): Promise<void> {
    const role = spec.role ?? CohortRole.Learner;
    const status = spec.status ?? EnrollmentStatus.Active;
    await this.db.transaction(async (manager) => {
      const now = new Date();
      await manager.insert(CohortMember, {
        cohortId: cohort.id,
        userId: person.user.id,
        role,
        status,
        requestedAt: now,
        statusChangedAt: now,
        groupingOptIn: spec.groupingOptIn ?? false,
      });
      if (role === CohortRole.Learner && status === EnrollmentStatus.Active) {
        await manager.increment(Cohort, { id: cohort.id }, 'enrolledCount', 1);
      }
    });
  }
}

/** A distinct client address, so per-IP limits of one test do not spill into the next. */
export function randomIp(): string {
  return `10.${randomBytes(3).join('.')}`;
}
