import { declareDomainEvents } from '@app/core';

declare module '@app/core' {
  interface DomainEventPayloads {
    'course.published': { courseId: string; versionId: string; number: number };
    'course.forked': { courseId: string; fromCourseId: string; fromVersionId: string };
  }
}

/** What happens to courses. The strings are persisted in the outbox: never rename one. */
export const CourseEvent = declareDomainEvents('course', {
  /** No consumer yet: waits for telling the groups and cohorts pinned to an older version that a new one is out. */
  CoursePublished: 'course.published',
  /** No consumer yet: waits for telling a course's authors that it was forked (attribution). */
  CourseForked: 'course.forked',
});
