import { emailIdentityObject, generateSalt, hashIdentity, matchesEmailIdentity } from './recipient';

// OB 3.0, IdentityHash data type (1EdTech openbadges-specification, ob_v3p0/common_credentials.lines): "
// 'sha256$b5809d8a…ef399' represents the result of calculating a SHA-256 hash on the string 'a@example.comKosher'".
const SPEC_EXAMPLE_HASH = 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399';

describe('recipient IdentityObject for an email', () => {
  it("reproduces the specification's example", () => {
    expect(hashIdentity('a@example.com', 'Kosher')).toBe(SPEC_EXAMPLE_HASH);
    expect(emailIdentityObject('a@example.com', 'Kosher')).toEqual({
      type: 'IdentityObject',
      identityHash: SPEC_EXAMPLE_HASH,
      identityType: 'emailAddress',
      hashed: true,
      salt: 'Kosher',
    });
  });

  it('normalizes upper-case and padded input to the same hash (the salt is kept as given)', () => {
    expect(emailIdentityObject('  A@Example.COM\t', 'Kosher').identityHash).toBe(SPEC_EXAMPLE_HASH);
    expect(emailIdentityObject('a@example.com', 'kosher').identityHash).not.toBe(SPEC_EXAMPLE_HASH);
  });

  it('matches the recipient by email, case-insensitively on the hex digest, and refuses anyone else', () => {
    const identity = { identityHash: SPEC_EXAMPLE_HASH.toUpperCase().replace('SHA256', 'sha256'), salt: 'Kosher' };
    expect(matchesEmailIdentity(identity, 'A@example.com ')).toBe(true);
    expect(matchesEmailIdentity(identity, 'b@example.com')).toBe(false);
    expect(matchesEmailIdentity({ identityHash: 'md5$00', salt: 'Kosher' }, 'a@example.com')).toBe(false);
  });

  it('draws a fresh 128-bit salt each time so equal emails do not link across badges', () => {
    const salts = new Set(Array.from({ length: 50 }, generateSalt));
    expect(salts.size).toBe(50);
    expect([...salts].every((salt) => /^[0-9a-f]{32}$/.test(salt))).toBe(true);
  });
});
