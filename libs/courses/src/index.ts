export { CoursesModule } from './courses.module';
export { Course } from './course.entity';
export { CourseVersion } from './course-version.entity';
export * from './course-content';
export { CourseError, CourseErrorCode } from './courses.errors';
export { COURSE_LIMITS } from './content/course-limits';
export type {
  AssignmentInput,
  CourseDraftChanges,
  CourseDraftInput,
  CourseModuleInput,
  RubricCriterionInput,
} from './content/course-input';
export { CourseAuthoringService } from './authoring/course-authoring.service';
export { CoursePolicy, CourseAction } from './authoring/course.policy';
export { PublishCourseUseCase } from './publishing/publish-course.use-case';
export { ForkCourseUseCase } from './forking/fork-course.use-case';
export { CourseCatalog, type CatalogQuery } from './catalog/course-catalog.service';
export { allowsDerivatives, allowedForkLicenses, isAllowedForkLicense } from './licensing/license-rules';
export { renderMarkdown } from './rendering/markdown';
export type {
  AncestorView,
  AssignmentView,
  CourseContentView,
  CourseDraftView,
  CourseModuleView,
  CourseSummary,
  CourseVersionView,
  ForkView,
  LineageView,
  OwnCourseSummary,
  VersionRef,
  VersionSummary,
} from './views/course-views';
export { CourseEvent } from './courses.events';
export { COURSES_READ_VIEWS } from './courses-read-views';
