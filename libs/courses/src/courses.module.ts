import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { CourseAuthoringService } from './authoring/course-authoring.service';
import { CoursePolicy } from './authoring/course.policy';
import { CourseCatalog } from './catalog/course-catalog.service';
import { CourseLineageRepository } from './catalog/course-lineage.repository';
import { CourseSearchRepository } from './catalog/course-search.repository';
import { CourseVersion } from './course-version.entity';
import { Course } from './course.entity';
import { CourseRepository } from './course.repository';
import { CoursesPersonalData } from './data-rights/courses-personal-data';
import { ForkCourseUseCase } from './forking/fork-course.use-case';
import { PublishCourseUseCase } from './publishing/publish-course.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion]), IdentityModule],
  providers: [
    CourseAuthoringService,
    CourseCatalog,
    CourseLineageRepository,
    CoursePolicy,
    CourseRepository,
    CourseSearchRepository,
    CoursesPersonalData,
    ForkCourseUseCase,
    PublishCourseUseCase,
  ],
  exports: [CourseAuthoringService, CourseCatalog, CoursePolicy, ForkCourseUseCase, PublishCourseUseCase],
})
export class CoursesModule {}
