import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  addLocalDays,
  type AppConfig,
  Clock,
  CoreModule,
  databaseOptions,
  ENTITY_GLOB,
  localParts,
  PlatformRole,
} from '@app/core';
import {
  CohortsModule,
  CreateCohortUseCase,
  DeadlineMode,
  DiscussionWriter,
  EnrollmentMode,
  EnrollUseCase,
  FormCohortGroupsUseCase,
  GroupingPreferenceUseCase,
} from '@app/cohorts';
import { CourseAuthoringService, CourseLicense, CoursesModule, PublishCourseUseCase } from '@app/courses';
import { CreateGroupUseCase, GroupMode, GroupsModule, JoinGroupUseCase, MeetingScheduleService } from '@app/groups';
import {
  IdentityModule,
  NotificationPreferences,
  PasswordHasher,
  User,
  type AvailabilityWindow,
  type Locale,
} from '@app/identity';

/** Everyone in the demo signs in with this password (printed when the demo is seeded). */
export const DEMO_PASSWORD = 'commonplace-demo';

interface DemoPerson {
  email: string;
  displayName: string;
  timeZone: string;
  locale: Locale;
  role: PlatformRole;
  languages: string[];
  availability: AvailabilityWindow[];
}

/** Saturday 08:00-20:00 local: wide enough that learners from La Paz to Kathmandu share an hour or more. */
const SATURDAYS: AvailabilityWindow[] = [{ weekday: 6, start: '08:00', end: '20:00' }];

/** Learners spread over the zones the product is for, and one platform admin. */
const PEOPLE: DemoPerson[] = [
  {
    email: 'admin@demo.commonplace.localhost',
    languages: ['en', 'de'],
    availability: [],
    displayName: 'Demo Admin',
    timeZone: 'Europe/Berlin',
    locale: 'en',
    role: PlatformRole.Admin,
  },
  {
    email: 'ana@demo.commonplace.localhost',
    languages: ['es'],
    availability: SATURDAYS,
    displayName: 'Ana Quispe',
    timeZone: 'America/La_Paz',
    locale: 'es',
    role: PlatformRole.User,
  },
  {
    email: 'chidi@demo.commonplace.localhost',
    languages: ['en', 'rw'],
    availability: SATURDAYS,
    displayName: 'Chidi Okafor',
    timeZone: 'Africa/Kigali',
    locale: 'en',
    role: PlatformRole.User,
  },
  {
    email: 'nima@demo.commonplace.localhost',
    languages: ['en', 'ne'],
    availability: SATURDAYS,
    displayName: 'Nima Sherpa',
    timeZone: 'Asia/Kathmandu',
    locale: 'en',
    role: PlatformRole.User,
  },
  {
    email: 'camille@demo.commonplace.localhost',
    languages: ['fr', 'en'],
    availability: SATURDAYS,
    displayName: 'Camille Martin',
    timeZone: 'Europe/Paris',
    locale: 'fr',
    role: PlatformRole.User,
  },
  {
    email: 'sam@demo.commonplace.localhost',
    languages: ['en', 'es'],
    availability: SATURDAYS,
    displayName: 'Sam Rivera',
    timeZone: 'America/New_York',
    locale: 'en',
    role: PlatformRole.User,
  },
];

/** Demo data for a fresh clone. Idempotent: people already there are left as they are. */
export async function seedDemo(config: AppConfig): Promise<void> {
  const dataSource = new DataSource({ ...databaseOptions(config), entities: [ENTITY_GLOB] });
  await dataSource.initialize();
  try {
    const passwordHash = await new PasswordHasher(config).hash(DEMO_PASSWORD);
    let added = 0;
    await dataSource.transaction(async (manager) => {
      for (const person of PEOPLE) {
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(User)
          .values({ ...person, passwordHash, emailVerifiedAt: () => 'now()' })
          .orIgnore()
          .returning(['id'])
          .execute();
        const inserted = (result.raw as { id: string }[])[0];
        if (!inserted) continue;
        await manager.insert(NotificationPreferences, { userId: inserted.id });
        added++;
      }
    });
    console.log(
      `demo seed: ${added} people added (${PEOPLE.length - added} already there); password "${DEMO_PASSWORD}"`,
    );
  } finally {
    await dataSource.destroy();
  }
  await seedCourseGroupAndCohort();
}

const GROUP_NAME = 'Biogas builders of La Paz';

const COHORT_TITLE = 'Biogas digesters, open cohort';

@Module({ imports: [CoreModule, IdentityModule, CoursesModule, GroupsModule, CohortsModule] })
class DemoModule {}

/**
 * One open course, published; a weekly study group running it that the demo people joined; and a cohort of the
 * same course with learners from four zones, grouped by their common Saturday hours, and a welcome thread.
 */
async function seedCourseGroupAndCohort(): Promise<void> {
  // Reads the same environment as `config`: the demo runs the real use cases, as the API would.
  const app = await NestFactory.createApplicationContext(DemoModule, { logger: false });
  try {
    const db = app.get(DataSource);
    const existing = await db.query<unknown[]>('SELECT 1 FROM study_groups WHERE name = $1', [GROUP_NAME]);
    if (existing.length > 0) return console.log('demo seed: course and group already there');

    const [ana, ...others] = await Promise.all(
      ['ana', 'chidi', 'nima', 'camille'].map((name) =>
        db.getRepository(User).findOneByOrFail({ email: `${name}@demo.commonplace.localhost` }),
      ),
    );
    const facilitator = { userId: ana!.id, role: PlatformRole.User };
    const draft = await app.get(CourseAuthoringService).create(ana!.id, {
      title: 'Building a tube biogas digester',
      summary: 'Turn kitchen and farm waste into cooking gas with a low-cost tubular digester.',
      description: 'An openly licensed course, improved by builders in **Bolivia** and **Rwanda**.',
      language: 'es',
      topics: ['biogas', 'appropriate technology'],
      license: CourseLicense.CcBySa,
      modules: [
        { title: 'How a digester works', content: 'Anaerobic digestion, in plain words.' },
        { title: 'Sizing and materials', content: 'From daily feedstock to tube length.' },
        { title: 'Building and first feeding', content: 'A step-by-step build, with photos.' },
      ],
    });
    const version = await app.get(PublishCourseUseCase).publish(draft.id, ana!.id);

    const group = await app.get(CreateGroupUseCase).execute(facilitator, {
      name: GROUP_NAME,
      description: 'We meet weekly online to work through the course and build our own digesters.',
      courseVersionId: version.id,
      language: 'es',
      timeZone: 'America/La_Paz',
      mode: GroupMode.Online,
      meetingLink: 'https://meet.example.org/biogas-la-paz',
      capacity: 12,
    });
    const tomorrow = addLocalDays(localParts(app.get(Clock).now(), 'America/La_Paz').date, 1);
    await app.get(MeetingScheduleService).set(group.id, {
      weekday: 2,
      localStartTime: '18:00',
      durationMinutes: 90,
      startDate: tomorrow,
      occurrences: 8,
    });
    for (const person of others) {
      await app.get(JoinGroupUseCase).byId({ userId: person.id, role: PlatformRole.User }, group.id, {});
    }
    console.log(
      `demo seed: course "${draft.title}" v${version.number} and group "${GROUP_NAME}" with 8 weekly meetings`,
    );

    const cohort = await app.get(CreateCohortUseCase).execute(facilitator, {
      title: COHORT_TITLE,
      description: 'Four weeks, at your own pace, with a small group that meets on Saturdays.',
      courseVersionId: version.id,
      startDate: tomorrow,
      timeZone: 'America/La_Paz',
      capacity: 50,
      enrollmentMode: EnrollmentMode.Open,
      deadlineMode: DeadlineMode.LearnerLocal,
    });
    const learners = await Promise.all(
      ['chidi', 'nima', 'camille', 'sam'].map((name) =>
        db.getRepository(User).findOneByOrFail({ email: `${name}@demo.commonplace.localhost` }),
      ),
    );
    for (const learner of learners) {
      const actor = { userId: learner.id, role: PlatformRole.User };
      await app.get(EnrollUseCase).enroll(actor, cohort.id);
      await app.get(GroupingPreferenceUseCase).setOptIn(actor, cohort.id, true);
    }
    const formed = await app.get(FormCohortGroupsUseCase).execute(facilitator, cohort.id, { minSize: 2, maxSize: 4 });
    await app.get(DiscussionWriter).startThread(facilitator, cohort.id, {
      title: 'Welcome! Introduce yourself',
      body: 'Tell us **where you are** and what you want to build.',
    });
    console.log(
      `demo seed: cohort "${COHORT_TITLE}" with ${learners.length} learners in ${formed.formedGroupIds.length} group(s)`,
    );
  } finally {
    await app.close();
  }
}
