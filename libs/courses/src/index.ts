export { Course } from './course.entity';
export { CourseVersion } from './course-version.entity';
export * from './course-content';
