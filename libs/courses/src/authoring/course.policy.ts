import { Injectable } from '@nestjs/common';
import type { Actor, PolicyDecision, ResourcePolicy } from '@app/core';
import { CourseRepository } from '../course.repository';

export enum CourseAction {
  /** Read or change the draft, publish it. */
  Edit = 'edit',
}

/**
 * A course's draft is its author's alone: only the author reads it, edits it and publishes it (platform admins
 * included: they do not write other people's courses). A never-published course is not even known to exist for
 * anyone else (404); a published one is public, so others get 403.
 */
@Injectable()
export class CoursePolicy implements ResourcePolicy<CourseAction> {
  constructor(private readonly courses: CourseRepository) {}

  async decide(actor: Actor, action: CourseAction, courseId: string): Promise<PolicyDecision> {
    const course = await this.courses.findAccessInfo(courseId);
    if (!course) return 'not_found';
    switch (action) {
      case CourseAction.Edit:
        if (course.authorId === actor.userId) return 'allow';
        return course.latestVersionId ? 'deny' : 'not_found';
    }
  }
}
