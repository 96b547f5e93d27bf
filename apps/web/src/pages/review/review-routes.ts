/**
 * The peer-review routes under a cohort's assignments (`base`), the emails' links included (peerReviewLinks in
 * libs/notifications). Their pages load on demand, in one chunk, so the search page's bundle does not carry them.
 */
export function reviewRoutes(base: string) {
  const page = (name: 'assignments' | 'assignment' | 'review' | 'facilitate') => () =>
    import('./routes').then((m) => m[name]);
  const assignment = `${base}/:assignmentId`;
  return [
    { path: base, lazy: page('assignments') },
    { path: assignment, lazy: page('assignment') },
    { path: `${assignment}/submissions/mine`, lazy: page('assignment') },
    { path: `${assignment}/scores/mine`, lazy: page('assignment') },
    { path: `${assignment}/reviews`, lazy: page('review') },
    { path: `${assignment}/reviews/:reviewId`, lazy: page('review') },
    { path: `${assignment}/review-queue`, lazy: page('facilitate') },
  ];
}
