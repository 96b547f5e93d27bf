import { crc32, deflateSync } from 'node:zlib';
import { BakingError } from './baking.error';
import { defaultBadgePng } from './default-badge';
import { bakePng, extractFromPng } from './png';

interface WalkedChunk {
  type: string;
  data: Buffer;
}

/** Walks the file independently of the code under test, failing on any bad CRC. */
function walkChunks(png: Buffer): WalkedChunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: WalkedChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  expect(offset).toBe(png.length);
  return chunks;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1x1 grey PNG with a tEXt and a private chunk, as an uploaded image might have. */
function pngWithForeignChunks(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Author\0Someone', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    chunk('prVt', Buffer.from('private data')),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const credential = JSON.stringify({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Pair réviewer — 五 reviews',
});

describe('bakePng / extractFromPng', () => {
  it('adds exactly one uncompressed iTXt openbadgecredential chunk before IEND, with valid CRCs', () => {
    const baked = bakePng(pngWithForeignChunks(), credential);

    const chunks = walkChunks(baked);
    const itxt = chunks.filter((c) => c.type === 'iTXt');
    expect(itxt).toHaveLength(1);
    expect(chunks[chunks.length - 2]?.type).toBe('iTXt');
    expect(chunks[chunks.length - 1]?.type).toBe('IEND');
    // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text
    const expected = Buffer.concat([Buffer.from('openbadgecredential\0\0\0\0\0', 'latin1'), Buffer.from(credential)]);
    expect(itxt[0]?.data).toEqual(expected);
    expect(extractFromPng(baked)).toBe(credential);
  });

  it('keeps the image and foreign chunks, in order', () => {
    const original = pngWithForeignChunks();
    const baked = bakePng(original, credential);

    const withoutCredential = walkChunks(baked).filter((c) => c.type !== 'iTXt');
    expect(withoutCredential).toEqual(walkChunks(original));
  });

  it('replaces the credential when re-baked, never carrying two', () => {
    const first = bakePng(pngWithForeignChunks(), credential);
    const second = bakePng(first, '{"id":"urn:uuid:second"}');

    expect(walkChunks(second).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractFromPng(second)).toBe('{"id":"urn:uuid:second"}');
    expect(second.length).toBe(first.length - Buffer.byteLength(credential) + '{"id":"urn:uuid:second"}'.length);
  });

  it('returns null for a PNG without a credential', () => {
    expect(extractFromPng(pngWithForeignChunks())).toBeNull();
  });

  it('reads a compressed iTXt credential another baker may have written', () => {
    const original = pngWithForeignChunks();
    const header = Buffer.from('openbadgecredential\0\x01\0\0\0', 'latin1');
    const itxt = chunk('iTXt', Buffer.concat([header, deflateSync(Buffer.from(credential))]));
    const iendAt = original.length - 12;
    const baked = Buffer.concat([original.subarray(0, iendAt), itxt, original.subarray(iendAt)]);

    expect(extractFromPng(baked)).toBe(credential);
  });

  it('refuses input that is not a PNG: bad signature, truncated chunk, bad CRC, missing IEND', () => {
    const png = pngWithForeignChunks();
    const badSignature = Buffer.from(png);
    badSignature[1] = 0x51;
    const truncated = png.subarray(0, png.length - 20);
    const badCrc = Buffer.from(png);
    badCrc.writeUInt8(badCrc.readUInt8(41) ^ 0xff, 41); // a data byte of the tEXt chunk (IHDR ends at byte 33)
    const noIend = png.subarray(0, png.length - 12);

    for (const input of [badSignature, truncated, badCrc, noIend, Buffer.from('<svg/>')]) {
      expect(() => bakePng(input, credential)).toThrow(BakingError);
      expect(() => extractFromPng(input)).toThrow(/not a valid PNG/);
    }
    expect(() => bakePng(badCrc, credential)).toThrow('The image is not a valid PNG: bad CRC in tEXt chunk.');
  });

  it('bakes the default badge image', () => {
    const baked = bakePng(defaultBadgePng(), credential);
    expect(extractFromPng(baked)).toBe(credential);
    expect(walkChunks(baked).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
  });
});
