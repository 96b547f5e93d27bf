import { deflateSync } from 'node:zlib';
import { writePngChunks } from './png';

export const DEFAULT_BADGE_SIZE = 256;
// Commonplace teal on a transparent background; the ring is a lighter tint so the badge reads at small sizes.
const FILL: readonly [number, number, number] = [0x0f, 0x76, 0x6e];
const RING: readonly [number, number, number] = [0x5e, 0xea, 0xd4];

/** A 256x256 RGBA PNG of a filled circle with a ring, drawn here so no asset ships or is fetched. */
function drawDefaultBadgePng(): Buffer {
  const size = DEFAULT_BADGE_SIZE;
  const center = (size - 1) / 2;
  const radius = size / 2 - 4;
  const stride = 1 + size * 4; // each scanline starts with its filter byte (0: none)
  const pixels = Buffer.alloc(stride * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - center, y - center);
      if (distance > radius) continue;
      const [r, g, b] = distance > radius - 12 ? RING : FILL;
      pixels.set([r, g, b, 0xff], y * stride + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, adaptive filtering, no interlace
  return writePngChunks([
    { type: 'IHDR', data: header },
    { type: 'IDAT', data: deflateSync(pixels, { level: 9 }) },
    { type: 'IEND', data: Buffer.alloc(0) },
  ]);
}

const DEFAULT_BADGE_PNG = drawDefaultBadgePng();

/** The image used when an achievement has none; a copy each time, since Buffers are mutable and this one is shared. */
export function defaultBadgePng(): Buffer {
  return Buffer.from(DEFAULT_BADGE_PNG);
}

export const DEFAULT_BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${DEFAULT_BADGE_SIZE}" height="${DEFAULT_BADGE_SIZE}" viewBox="0 0 256 256"><title>Badge</title><circle cx="128" cy="128" r="124" fill="#5eead4"/><circle cx="128" cy="128" r="112" fill="#0f766e"/></svg>`;
