import { inflateSync } from 'node:zlib';
import { DEFAULT_BADGE_SIZE, DEFAULT_BADGE_SVG, defaultBadgePng } from './default-badge';
import { readPngChunks } from './png';
import { extractFromSvg } from './svg';

describe('default badge', () => {
  it('is a 256x256 RGBA PNG of an opaque circle on a transparent background', () => {
    const chunks = readPngChunks(defaultBadgePng()); // throws on a bad signature, bound or CRC
    const ihdr = chunks[0]?.data ?? Buffer.alloc(0);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([256, 256, 8, 6]);

    const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
    const pixels = inflateSync(idat);
    const stride = 1 + DEFAULT_BADGE_SIZE * 4;
    expect(pixels.length).toBe(stride * DEFAULT_BADGE_SIZE);
    const alphaAt = (x: number, y: number): number | undefined => pixels[y * stride + 1 + x * 4 + 3];
    expect(alphaAt(128, 128)).toBe(0xff);
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(255, 255)).toBe(0);
    expect(defaultBadgePng().length).toBeLessThan(8 * 1024);
  });

  it('hands out a copy, so one caller cannot corrupt the image for the next', () => {
    const first = defaultBadgePng();
    first.fill(0);
    expect(() => readPngChunks(defaultBadgePng())).not.toThrow();
  });

  it('has an SVG twin of the same size, with no credential yet', () => {
    expect(DEFAULT_BADGE_SVG).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="256" height="256"/);
    expect(extractFromSvg(DEFAULT_BADGE_SVG)).toBeNull();
  });
});
