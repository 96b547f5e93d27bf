import {
  AwardRevocation,
  bakePng,
  BadgeUrls,
  defaultBadgePng,
  expandSafely,
  extractFromPng,
  extractFromSvg,
  IssuerKeys,
  Issuers,
  MULTIKEY_V1_CONTEXT_URL,
} from '@app/badges';
import { startTestApi, type TestApi } from '../support/api-app';
import { issueBadge, makeAchievement } from '../support/badge-awards';

const JSON_LD = 'application/ld+json';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Reads a binary response into a Buffer (supertest leaves unknown types unparsed otherwise). */
const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (e: null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk?: Buffer) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The public documents every URL inside a credential points at: served without an account, as JSON-LD that
 * expands in safe mode for machines and as an escaped HTML page for people, by `Accept`.
 */
describe('public badge documents', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const urls = () => api.app.get(BadgeUrls);
  const get = (url: string, accept = JSON_LD) =>
    api
      .http()
      .get(new URL(url).pathname)
      .set('Accept', accept)
      .buffer(true)
      .parse((res, done) => binary(res, done));
  const json = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  const text = (res: { body: Buffer }) => res.body.toString('utf8');

  it('serves the issuer as one Profile that is also the controller document of all its keys', async () => {
    const issuer = await api.app.get(Issuers).add({
      name: 'Harbour Guild',
      url: 'https://harbour.example',
      description: 'Sailing study circles.',
      email: 'badges@harbour.example',
    });
    const [first] = await api.app.get(IssuerKeys).publicKeys(issuer.id);
    const second = await api.app.get(IssuerKeys).rotate(issuer.id);
    const id = urls().issuer(issuer.id);

    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const profile = json(res);
    const method = (keyId: string, multibase: string) => ({
      id: urls().key(issuer.id, keyId),
      type: 'Multikey',
      controller: id,
      publicKeyMultibase: multibase,
    });
    expect(profile).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://www.w3.org/ns/did/v1',
        'https://w3id.org/security/multikey/v1',
      ],
      id,
      type: ['Profile'],
      name: 'Harbour Guild',
      url: 'https://harbour.example',
      description: 'Sailing study circles.',
      email: 'badges@harbour.example',
      // The retired key stays published: what it signed still verifies.
      verificationMethod: [method(first!.id, first!.publicKeyMultibase), method(second.id, second.publicKeyMultibase)],
      assertionMethod: [urls().key(issuer.id, first!.id), urls().key(issuer.id, second.id)],
    });
    await expect(expandSafely(profile)).resolves.toHaveLength(1);

    const key = await get(urls().key(issuer.id, first!.id));
    expect(json(key)).toEqual({ '@context': MULTIKEY_V1_CONTEXT_URL, ...method(first!.id, first!.publicKeyMultibase) });
    await expect(expandSafely(json(key))).resolves.toHaveLength(1);
  });

  it('answers JSON-LD to JSON clients and to */*, and a page to browsers', async () => {
    const id = urls().issuer(await api.app.get(Issuers).platformIssuerId());
    expect((await get(id, 'application/json')).headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await get(id, '*/*')).headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const page = await get(id, BROWSER_ACCEPT);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['vary']).toContain('Accept');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(text(page)).toContain('<h1>Commonplace</h1>');
  });

  it('escapes what issuers and facilitators wrote, and links only http(s) addresses', async () => {
    const issuer = await api.app
      .get(Issuers)
      .add({ name: '<script>alert(1)</script> Guild', url: 'javascript:alert(2)' });
    const page = text(await get(urls().issuer(issuer.id), BROWSER_ACCEPT));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Guild');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('href="javascript:');

    const achievement = await makeAchievement(api, { issuerId: issuer.id, name: 'Bold <img src=x onerror=alert(3)>' });
    const badgePage = text(await get(urls().achievement(achievement.id), BROWSER_ACCEPT));
    expect(badgePage).toContain('Bold &lt;img src&#x3D;x onerror&#x3D;alert(3)&gt;');
    expect(badgePage).not.toContain('<img src=x');
  });

  it('serves the achievement as an OB 3.0 Achievement, and its image (the default one when it has none)', async () => {
    const achievement = await makeAchievement(api, { name: 'Tide Reader', tags: ['sailing', 'tides'] });
    const res = await get(urls().achievement(achievement.id));
    const document = json(res);
    expect(document).toMatchObject({
      id: urls().achievement(achievement.id),
      type: ['Achievement'],
      name: 'Tide Reader',
      description: 'Gave careful reviews.',
      criteria: { narrative: 'Give ten reviews rated helpful.' },
      image: { id: urls().achievementImage(achievement.id), type: 'Image' },
      tag: ['sailing', 'tides'],
      creator: { id: urls().issuer(achievement.issuerId), type: ['Profile'], name: 'Commonplace' },
    });
    await expect(expandSafely(document)).resolves.toHaveLength(1);
    expect(text(await get(urls().achievement(achievement.id), BROWSER_ACCEPT))).toContain('<h1>Tide Reader</h1>');

    const image = await get(urls().achievementImage(achievement.id), 'image/*');
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('serves an SVG image with a policy under which none of its scripts runs', async () => {
    const achievement = await makeAchievement(api);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>';
    await api.db.query(`UPDATE badge_achievements SET image = $2, image_type = 'image/svg+xml' WHERE id = $1`, [
      achievement.id,
      Buffer.from(svg),
    ]);
    const image = await get(urls().achievementImage(achievement.id), 'image/*');
    expect(image.headers['content-type']).toContain('image/svg+xml');
    expect(image.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(image.headers['content-security-policy']).not.toContain('script-src');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(text(image)).toBe(svg);
  });

  it('serves the credential exactly as signed to machines, and a page naming nobody to people', async () => {
    const achievement = await makeAchievement(api, { name: 'Harbour Pilot', validityDays: 365 });
    const { awardId, credential } = await issueBadge(api, achievement, 'grace.hopper@example.org');

    const res = await get(urls().credential(awardId));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(json(res)).toEqual(credential);
    await expect(expandSafely(json(res))).resolves.toHaveLength(1);

    const page = text(await get(urls().credential(awardId), BROWSER_ACCEPT));
    expect(page).toContain('<h1>Harbour Pilot</h1>');
    expect(page).toContain('Valid');
    expect(page).toContain('A hashed email address');
    expect(page).toContain(credential.validFrom.slice(0, 10));
    expect(page).toContain('/api/v1/badges/verify');
    expect(page).toContain(`<a href="${urls().verifyPage()}">the verify page</a>`);
    expect(page).not.toMatch(/grace|hopper/i);

    await api.app.get(AwardRevocation).revoke(awardId, 'Issued by mistake', null);
    const revoked = text(await get(urls().credential(awardId), BROWSER_ACCEPT));
    expect(revoked).toContain('Revoked by the issuer: Issued by mistake');
    // The signed credential itself never changes; its status list does.
    expect(json(await get(urls().credential(awardId)))).toEqual(credential);
  });

  it('serves the badge baked with its credential as PNG and SVG downloads', async () => {
    const achievement = await makeAchievement(api, { name: 'Knot Tyer: Level 2!' });
    const { awardId, credential } = await issueBadge(api, achievement);

    const png = await get(urls().bakedImage(awardId, 'png'), 'image/png');
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toBe('attachment; filename="knot-tyer-level-2.png"');
    expect(JSON.parse(extractFromPng(png.body)!)).toEqual(credential);

    const svg = await get(urls().bakedImage(awardId, 'svg'), 'image/svg+xml');
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.headers['content-disposition']).toBe('attachment; filename="knot-tyer-level-2.svg"');
    expect(svg.headers['content-security-policy']).toContain('sandbox');
    expect(JSON.parse(extractFromSvg(text(svg))!)).toEqual(credential);
  });

  it('bakes an SVG around an achievement’s PNG image, and a PNG into it', async () => {
    const achievement = await makeAchievement(api);
    const png = bakePng(defaultBadgePng(), '{"marker": "own image"}');
    await api.db.query(`UPDATE badge_achievements SET image = $2, image_type = 'image/png' WHERE id = $1`, [
      achievement.id,
      png,
    ]);
    const { awardId, credential } = await issueBadge(api, achievement);
    const svg = text(await get(urls().bakedImage(awardId, 'svg'), 'image/svg+xml'));
    expect(svg).toContain(`<image href="data:image/png;base64,`);
    expect(JSON.parse(extractFromSvg(svg)!)).toEqual(credential);
    // Re-baking replaces the image's own iTXt chunk: exactly one credential, this one.
    const baked = (await get(urls().bakedImage(awardId, 'png'), 'image/png')).body;
    expect(JSON.parse(extractFromPng(baked)!)).toEqual(credential);
  });

  it('serves the status list credential, never from a cache', async () => {
    const { credential } = await issueBadge(api, await makeAchievement(api));
    const res = await get(credential.credentialStatus.statusListCredential);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const list = json(res);
    expect(list).toMatchObject({
      id: credential.credentialStatus.statusListCredential,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: credential.issuer.id,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    await expect(expandSafely(list)).resolves.toHaveLength(1);
  });

  it('answers 404 problem+json for unknown and malformed ids, never a 500', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    const paths = [
      urls().issuer(unknown),
      urls().issuer('not-a-uuid'),
      urls().key(issuerId, unknown),
      urls().key(issuerId, "1'; DROP TABLE badge_awards; --"),
      urls().achievement(unknown),
      urls().achievementImage('nope'),
      urls().credential(unknown),
      urls().credential('42'),
      urls().bakedImage(unknown, 'png'),
      urls().bakedImage('x', 'svg'),
      urls().statusList(unknown),
      urls().statusList('%E2%9C%93'),
    ];
    for (const path of paths) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({
        path,
        status: 404,
        type: expect.stringContaining('application/problem+json'),
      });
    }
  });
});
