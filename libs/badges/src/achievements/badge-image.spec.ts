import { defaultBadgePng, DEFAULT_BADGE_SVG } from '../baking';
import { BadgeError } from '../badges.errors';
import { checkBadgeImage } from './badge-image';

const refusal = (bytes: Buffer | string, type: string): string | null => {
  try {
    checkBadgeImage(Buffer.from(bytes), type);
    return null;
  } catch (error) {
    return error instanceof BadgeError ? error.code : 'other';
  }
};

describe('checkBadgeImage', () => {
  it('takes a PNG and an SVG by their bytes, matching the declared type', () => {
    expect(checkBadgeImage(defaultBadgePng(), 'image/png')).toBe('image/png');
    expect(checkBadgeImage(Buffer.from(DEFAULT_BADGE_SVG), 'image/svg+xml; charset=utf-8')).toBe('image/svg+xml');
    expect(checkBadgeImage(Buffer.from(`<?xml version="1.0"?>\n${DEFAULT_BADGE_SVG}\n`), 'image/svg+xml')).toBe(
      'image/svg+xml',
    );
    expect(refusal(DEFAULT_BADGE_SVG, 'image/png')).toBe('image_unsupported');
    expect(refusal(defaultBadgePng(), 'image/svg+xml')).toBe('image_unsupported');
    expect(refusal('GIF89a', 'image/gif')).toBe('image_unsupported');
  });

  it.each([
    ['a script', '<script>alert(1)</script>'],
    ['an event attribute', '<rect onclick="alert(1)"/>'],
    ['a foreign object', '<foreignObject><div/></foreignObject>'],
    ['an external link', '<image xlink:href="https://evil.example/a.png"/>'],
    ['a javascript link', '<a href="javascript:alert(1)"><rect/></a>'],
    ['an external CSS url', '<rect style="fill: url(https://evil.example/x)"/>'],
    ['a CSS import', '<style>@import "https://evil.example/x.css";</style>'],
    ['an entity', '<!DOCTYPE svg [<!ENTITY a "b">]>'],
  ])('refuses an SVG holding %s', (_, inner) => {
    expect(refusal(`<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`, 'image/svg+xml')).toBe(
      'image_unsupported',
    );
  });

  it('keeps references inside the document', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient ' +
      'id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/></svg>';
    expect(checkBadgeImage(Buffer.from(svg), 'image/svg+xml')).toBe('image/svg+xml');
  });

  it('refuses an image over 256 KiB', () => {
    expect(refusal(Buffer.alloc(256 * 1024 + 1), 'image/png')).toBe('image_too_large');
  });
});
