import { CourseLicense } from '../course-content';
import { CourseError, CourseErrorCode } from '../courses.errors';

/**
 * Which license a fork (an adaptation, in Creative Commons terms) may carry, given the license of the version it
 * was forked from. Pure and total over CourseLicense, so it is unit- and property-tested.
 *
 * Sources: Creative Commons' "Adapter's License Chart" (https://creativecommons.org/faq/, "Combining and adapting
 * CC material") and the 4.0 legal code: BY and BY-NC §3(a)(4) (the Adapter's License must not prevent recipients
 * from complying with the original license), BY-SA and BY-NC-SA §3(b)(1) (ShareAlike: a license with the same
 * License Elements), BY-ND and BY-NC-ND §2(a)(1) (no sharing of Adapted Material). Rows: the version forked;
 * columns: the license the fork may carry.
 *
 * | source       | CC0 | BY | BY-SA | BY-NC | BY-NC-SA | BY-ND | BY-NC-ND | all rights reserved |
 * | ------------ | --- | -- | ----- | ----- | -------- | ----- | -------- | ------------------- |
 * | CC0          |  ✓  | ✓  |   ✓   |   ✓   |    ✓     |  ✓*   |    ✓*    |          ✓          |
 * | BY           |  -  | ✓  |   ✓   |   ✓   |    ✓     |  ✓*   |    ✓*    |          ✓†         |
 * | BY-NC        |  -  | -  |   -   |   ✓   |    ✓     |   -   |    ✓*    |          -‡         |
 * | BY-SA        |  -  | -  |   ✓   |   -   |    -     |   -   |    -     |          -          |
 * | BY-NC-SA     |  -  | -  |   -   |   -   |    ✓     |   -   |    -     |          -          |
 * | BY-ND, BY-NC-ND, all rights reserved: no adaptation may be shared at all (no fork).                         |
 *
 * ✓* yellow in CC's chart: permitted, "not recommended" (the fork can never be forked again). We allow what the
 *    licenses allow and leave that choice to the author.
 * ✓† BY's only condition is attribution, which every fork here carries in `attributions`; §3(a)(4) lets the
 *    adapter choose any terms for the adaptation, all rights reserved included (the original parts stay BY).
 * -  BY → CC0: the adapter cannot waive the original author's right to attribution (grey in the chart).
 * -‡ NC material stays NC: a course carries one license label, and recipients must be able to see the NC condition
 *    they must comply with, so a fork of NC material must carry an NC license (as the chart's columns require).
 *
 * The relation is transitive (tested), so checking a fork against its nearest source is enough for the whole chain.
 */
const ADAPTER_LICENSES: { readonly [L in CourseLicense]: readonly CourseLicense[] } = {
  [CourseLicense.CC0]: Object.values(CourseLicense),
  [CourseLicense.CcBy]: [
    CourseLicense.CcBy,
    CourseLicense.CcBySa,
    CourseLicense.CcByNc,
    CourseLicense.CcByNcSa,
    CourseLicense.CcByNd,
    CourseLicense.CcByNcNd,
    CourseLicense.AllRightsReserved,
  ],
  [CourseLicense.CcByNc]: [CourseLicense.CcByNc, CourseLicense.CcByNcSa, CourseLicense.CcByNcNd],
  [CourseLicense.CcBySa]: [CourseLicense.CcBySa],
  [CourseLicense.CcByNcSa]: [CourseLicense.CcByNcSa],
  [CourseLicense.CcByNd]: [],
  [CourseLicense.CcByNcNd]: [],
  [CourseLicense.AllRightsReserved]: [],
};

/** Licenses whose material may be adapted and shared, i.e. forked. */
export function allowsDerivatives(license: CourseLicense): boolean {
  return ADAPTER_LICENSES[license].length > 0;
}

/** May a fork of material under `source` carry `target`? */
export function isAllowedForkLicense(source: CourseLicense, target: CourseLicense): boolean {
  return ADAPTER_LICENSES[source].includes(target);
}

/** Every license a fork of `source` may carry (empty when the source forbids derivatives). */
export function allowedForkLicenses(source: CourseLicense): readonly CourseLicense[] {
  return ADAPTER_LICENSES[source];
}

/** The license a fork gets when its author names none: the source's own, which always qualifies. */
export function defaultForkLicense(source: CourseLicense): CourseLicense {
  return source;
}

/** Throws unless a fork of `source` material may carry `target`; names the `license` field. */
export function assertForkLicense(source: CourseLicense, target: CourseLicense): void {
  if (isAllowedForkLicense(source, target)) return;
  const allowed = allowedForkLicenses(source);
  throw new CourseError(
    CourseErrorCode.LicenseIncompatible,
    'license',
    `license ${target} is not allowed for a fork of ${source} material; allowed: ${allowed.join(', ')}`,
  );
}
