/**
 * The view the courses library defines (migration IdentityCourseMailReadViews) for libraries above it to read
 * published versions in their own queries. Versions are immutable, so every column is safe to read.
 */
export const COURSES_READ_VIEWS = {
  /** (id, course_id, number, content, title, language, topics, license, published_by, published_at, ...) */
  publishedVersions: 'published_course_versions',
} as const;
