import { crc32, inflateSync } from 'node:zlib';
import { BakingError, BakingErrorCode } from './baking.error';

/** Open Badges 3.0, "Baking": the keyword of the one iTXt chunk that carries the credential. */
export const PNG_CREDENTIAL_KEYWORD = 'openbadgecredential';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// A chunk is length (4) + type (4) + data + CRC (4).
const CHUNK_OVERHEAD = 12;

export interface PngChunk {
  type: string;
  data: Buffer;
}

/** CRC-32 as PNG defines it (ISO 3309), over the chunk type and data. */
export function pngCrc(bytes: Buffer): number {
  return crc32(bytes);
}

function notAPng(reason: string): BakingError {
  return new BakingError(BakingErrorCode.NotAPng, `The image is not a valid PNG: ${reason}.`);
}

/** Reads every chunk, checking the signature, each chunk's bounds and CRC, and that IEND closes the file. */
export function readPngChunks(png: Buffer): PngChunk[] {
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw notAPng('bad signature');
  }
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < png.length) {
    if (offset + CHUNK_OVERHEAD > png.length) throw notAPng(`truncated chunk at byte ${offset}`);
    const length = png.readUInt32BE(offset);
    const end = offset + CHUNK_OVERHEAD + length;
    if (end > png.length) throw notAPng(`truncated chunk at byte ${offset}`);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) throw notAPng(`invalid chunk type at byte ${offset}`);
    if (pngCrc(typeAndData) !== png.readUInt32BE(offset + 8 + length)) throw notAPng(`bad CRC in ${type} chunk`);
    chunks.push({ type, data: Buffer.from(typeAndData.subarray(4)) });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw notAPng('the first chunk is not IHDR');
  if (chunks[chunks.length - 1]?.type !== 'IEND') throw notAPng('no IEND chunk');
  if (offset !== png.length) throw notAPng('data after IEND');
  return chunks;
}

export function writePngChunks(chunks: readonly PngChunk[]): Buffer {
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const { type, data } of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(pngCrc(Buffer.concat([head.subarray(4), data])), 0);
    parts.push(head, data, crc);
  }
  return Buffer.concat(parts);
}

interface ITxt {
  keyword: string;
  text: string;
}

function parseITxt(data: Buffer): ITxt {
  const malformed = (): BakingError =>
    new BakingError(BakingErrorCode.MalformedBakedCredential, 'The PNG has a malformed iTXt chunk.');
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 0 || keywordEnd + 3 > data.length) throw malformed();
  const keyword = data.subarray(0, keywordEnd).toString('latin1');
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) throw malformed();
  const body = data.subarray(translatedEnd + 1);
  // Bakers must not compress (OB 3.0), but reading a compressed one costs nothing and iTXt allows it.
  const text = (compressed ? inflateSync(body) : body).toString('utf8');
  return { keyword, text };
}

function isCredentialChunk(chunk: PngChunk): boolean {
  if (chunk.type !== 'iTXt') return false;
  const keywordEnd = chunk.data.indexOf(0);
  return keywordEnd >= 0 && chunk.data.subarray(0, keywordEnd).toString('latin1') === PNG_CREDENTIAL_KEYWORD;
}

function credentialChunk(credentialJson: string): PngChunk {
  // keyword NUL, compression flag 0, compression method 0, empty language tag NUL, empty translated keyword NUL.
  const header = Buffer.concat([Buffer.from(PNG_CREDENTIAL_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0])]);
  return { type: 'iTXt', data: Buffer.concat([header, Buffer.from(credentialJson, 'utf8')]) };
}

/** Returns a copy of the PNG carrying the credential in exactly one iTXt chunk, replacing any earlier one. */
export function bakePng(png: Buffer, credentialJson: string): Buffer {
  const kept = readPngChunks(png).filter((chunk) => !isCredentialChunk(chunk));
  const iend = kept.pop(); // readPngChunks guarantees the last chunk is IEND.
  if (!iend) throw notAPng('no IEND chunk');
  return writePngChunks([...kept, credentialChunk(credentialJson), iend]);
}

/** The baked credential's text, or null when the PNG carries none. */
export function extractFromPng(png: Buffer): string | null {
  const found = readPngChunks(png).filter(isCredentialChunk);
  if (found.length > 1) {
    throw new BakingError(BakingErrorCode.MalformedBakedCredential, 'The PNG carries more than one credential.');
  }
  const [chunk] = found;
  return chunk ? parseITxt(chunk.data).text : null;
}
