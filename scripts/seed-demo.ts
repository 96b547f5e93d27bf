import { DataSource } from 'typeorm';
import { databaseOptions, ENTITY_GLOB, PlatformRole, type AppConfig } from '@app/core';
import { NotificationPreferences, PasswordHasher, User, type Locale } from '@app/identity';

/** Everyone in the demo signs in with this password (printed when the demo is seeded). */
export const DEMO_PASSWORD = 'commonplace-demo';

interface DemoPerson {
  email: string;
  displayName: string;
  timeZone: string;
  locale: Locale;
  role: PlatformRole;
}

/** Learners spread over the zones the product is for, and one platform admin. */
const PEOPLE: DemoPerson[] = [
  {
    email: 'admin@demo.commonplace.localhost',
    displayName: 'Demo Admin',
    timeZone: 'Europe/Berlin',
    locale: 'en',
    role: PlatformRole.Admin,
  },
  {
    email: 'ana@demo.commonplace.localhost',
    displayName: 'Ana Quispe',
    timeZone: 'America/La_Paz',
    locale: 'es',
    role: PlatformRole.User,
  },
  {
    email: 'chidi@demo.commonplace.localhost',
    displayName: 'Chidi Okafor',
    timeZone: 'Africa/Kigali',
    locale: 'en',
    role: PlatformRole.User,
  },
  {
    email: 'nima@demo.commonplace.localhost',
    displayName: 'Nima Sherpa',
    timeZone: 'Asia/Kathmandu',
    locale: 'en',
    role: PlatformRole.User,
  },
  {
    email: 'camille@demo.commonplace.localhost',
    displayName: 'Camille Martin',
    timeZone: 'Europe/Paris',
    locale: 'fr',
    role: PlatformRole.User,
  },
  {
    email: 'sam@demo.commonplace.localhost',
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
}
