import { AssignmentPage } from './assignment-page';
import { AssignmentsPage } from './assignments-page';
import { FacilitatePage } from './facilitate-page';
import { ReviewPage } from './review-page';

/** The peer-review routes' components, in one chunk loaded when the first of them is visited. */
export const assignments = { Component: AssignmentsPage };
export const assignment = { Component: AssignmentPage };
export const review = { Component: ReviewPage };
export const facilitate = { Component: FacilitatePage };
