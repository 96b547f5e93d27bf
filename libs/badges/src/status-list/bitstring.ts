import { gunzipSync, gzipSync } from 'node:zlib';

/** W3C Bitstring Status List v1.0: a list is at least 16 KB, i.e. 131,072 entries (herd privacy). */
export const MIN_STATUS_LIST_ENTRIES = 131_072;
/** Refuse to inflate a foreign list past this (a gzip bomb would otherwise fill memory); 16 MB of bits. */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;
const MULTIBASE_BASE64URL = 'u';

export class StatusListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusListError';
  }
}

/** One status bit per credential; bit 0 is the left-most (most significant) bit of the first byte. */
export class BitstringStatusList {
  private readonly bytes: Uint8Array;

  constructor(entries: number = MIN_STATUS_LIST_ENTRIES) {
    if (!Number.isInteger(entries) || entries < MIN_STATUS_LIST_ENTRIES || entries % 8 !== 0) {
      throw new StatusListError(`A status list holds a multiple of 8 entries, at least ${MIN_STATUS_LIST_ENTRIES}.`);
    }
    this.bytes = new Uint8Array(entries / 8);
  }

  get length(): number {
    return this.bytes.length * 8;
  }

  get(index: number): boolean {
    this.checkIndex(index);
    return ((this.bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
  }

  set(index: number, value: boolean): void {
    this.checkIndex(index);
    const mask = 0x80 >> (index & 7);
    const byte = this.bytes[index >> 3] ?? 0;
    this.bytes[index >> 3] = value ? byte | mask : byte & ~mask;
  }

  /** The `encodedList`: multibase base64url (no padding) of the GZIP-compressed bitstring. */
  encode(): string {
    return MULTIBASE_BASE64URL + gzipSync(this.bytes).toString('base64url');
  }

  static decode(encodedList: string): BitstringStatusList {
    if (!encodedList.startsWith(MULTIBASE_BASE64URL)) {
      throw new StatusListError('An encodedList starts with the multibase prefix "u" (base64url).');
    }
    const base64url = encodedList.slice(1);
    // Buffer's decoder skips bad characters silently; a list that is not clean base64url is not ours to guess at.
    if (!/^[A-Za-z0-9_-]+$/.test(base64url)) throw new StatusListError('The encodedList is not base64url.');
    let bits: Buffer;
    try {
      bits = gunzipSync(Buffer.from(base64url, 'base64url'), { maxOutputLength: MAX_DECODED_BYTES });
    } catch {
      throw new StatusListError('The encodedList is not a GZIP-compressed bitstring (or is too large).');
    }
    if (bits.length * 8 < MIN_STATUS_LIST_ENTRIES) {
      throw new StatusListError(`The status list is shorter than ${MIN_STATUS_LIST_ENTRIES} entries.`);
    }
    const list = new BitstringStatusList(bits.length * 8);
    list.bytes.set(bits);
    return list;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new StatusListError(`Status list index ${index} is outside 0..${this.length - 1}.`);
    }
  }
}
