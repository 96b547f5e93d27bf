import fc from 'fast-check';
import { CourseLicense as L } from '../course-content';
import { CourseError } from '../courses.errors';
import {
  allowedForkLicenses,
  allowsDerivatives,
  assertForkLicense,
  defaultForkLicense,
  isAllowedForkLicense,
} from './license-rules';

const ALL = Object.values(L);
const license = fc.constantFrom(...ALL);
const isNc = (l: L): boolean => l.includes('-NC');
const isSa = (l: L): boolean => l.endsWith('-SA-4.0');
const isNd = (l: L): boolean => l.includes('-ND');

describe('fork license rules', () => {
  it.each([
    [L.CC0, ALL],
    [L.CcBy, [L.CcBy, L.CcBySa, L.CcByNc, L.CcByNcSa, L.CcByNd, L.CcByNcNd, L.AllRightsReserved]],
    [L.CcBySa, [L.CcBySa]],
    [L.CcByNc, [L.CcByNc, L.CcByNcSa, L.CcByNcNd]],
    [L.CcByNcSa, [L.CcByNcSa]],
    [L.CcByNd, []],
    [L.CcByNcNd, []],
    [L.AllRightsReserved, []],
  ])('a fork of %s may carry exactly %j', (source, allowed) => {
    expect([...allowedForkLicenses(source)].sort()).toEqual([...allowed].sort());
    for (const target of ALL) expect(isAllowedForkLicense(source, target)).toBe(allowed.includes(target));
  });

  it('refuses every fork of NoDerivatives and all-rights-reserved material', () => {
    fc.assert(
      fc.property(license, license, (source, target) => {
        if (isNd(source) || source === L.AllRightsReserved) {
          expect(allowsDerivatives(source)).toBe(false);
          expect(isAllowedForkLicense(source, target)).toBe(false);
        } else {
          expect(allowsDerivatives(source)).toBe(true);
        }
      }),
    );
  });

  it('keeps NonCommercial, ShareAlike and attribution once material carries them', () => {
    fc.assert(
      fc.property(license, license, (source, target) => {
        fc.pre(isAllowedForkLicense(source, target));
        if (isNc(source)) expect(isNc(target)).toBe(true);
        if (isSa(source)) expect(target).toBe(source);
        // Only public-domain material may become public domain: CC BY's attribution cannot be waived by an adapter.
        if (target === L.CC0) expect(source).toBe(L.CC0);
      }),
    );
  });

  it('is transitive, so checking a fork against its nearest source covers the whole chain', () => {
    fc.assert(
      fc.property(license, license, license, (a, b, c) => {
        fc.pre(isAllowedForkLicense(a, b) && isAllowedForkLicense(b, c));
        expect(isAllowedForkLicense(a, c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('lets a fork keep the license of what it forks, which is the default', () => {
    fc.assert(
      fc.property(license, (source) => {
        fc.pre(allowsDerivatives(source));
        expect(defaultForkLicense(source)).toBe(source);
        expect(isAllowedForkLicense(source, source)).toBe(true);
      }),
    );
  });

  it('explains a refusal with the allowed licenses, naming the license field', () => {
    expect(() => assertForkLicense(L.CcBySa, L.CcBySa)).not.toThrow();
    let error: unknown;
    try {
      assertForkLicense(L.CcByNc, L.CcBy);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CourseError);
    expect(error).toMatchObject({
      code: 'license_incompatible',
      fields: [{ field: 'license', message: expect.stringContaining('CC-BY-NC-4.0, CC-BY-NC-SA-4.0') }],
    });
  });
});
