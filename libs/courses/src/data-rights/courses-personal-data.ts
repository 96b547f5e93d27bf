import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { CourseVersion } from '../course-version.entity';
import { Course } from '../course.entity';

/** The courses a person authored: their drafts and every version they published. */
@Injectable()
export class CoursesPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'courses';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    const courses = await manager.find(Course, { where: { authorId: userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const versions =
      courses.length === 0
        ? []
        : await manager.find(CourseVersion, {
            where: { courseId: In(courses.map((c) => c.id)) },
            order: { number: 'ASC' },
            select: {
              id: true,
              courseId: true,
              number: true,
              title: true,
              license: true,
              publishedAt: true,
              notes: true,
            },
          });
    return courses.map((c) => ({
      id: c.id,
      title: c.draft.title,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      forkedFromVersionId: c.forkedFromVersionId,
      draft: c.draft,
      versions: versions
        .filter((v) => v.courseId === c.id)
        .map((v) => ({
          id: v.id,
          number: v.number,
          title: v.title,
          license: v.license,
          publishedAt: v.publishedAt,
          notes: v.notes,
        })),
    }));
  }

  /**
   * Published courses stay: they are a commons, shared under their license, and others' study groups, cohorts
   * and forks rely on their versions. Their author link keeps pointing at the account row, which identity
   * anonymizes ("Deleted user"), so nothing personal remains attached. What only the person ever saw goes:
   * never-published courses are deleted (nobody can depend on them: only versions can be pinned or forked) and
   * the draft of a published course is reset to its latest version, dropping unpublished edits.
   *
   * Attributions inside other people's forks keep the name they were forked under: those versions are immutable
   * by design, and the CC licenses ask for removal "to the extent reasonably practicable" only on request.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('DELETE FROM courses WHERE author_id = $1 AND latest_version_id IS NULL', [userId]);
    await manager.query(
      `UPDATE courses c SET draft = v.content, updated_at = now()
         FROM course_versions v
        WHERE v.id = c.latest_version_id AND c.author_id = $1 AND c.draft <> v.content`,
      [userId],
    );
  }
}
