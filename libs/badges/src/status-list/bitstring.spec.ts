import { gunzipSync, gzipSync } from 'node:zlib';
import { BitstringStatusList, MIN_STATUS_LIST_ENTRIES, StatusListError } from './bitstring';

describe('BitstringStatusList', () => {
  it('encodes as multibase base64url (no padding) of a GZIP-compressed bitstring of 16 KB', () => {
    const encoded = new BitstringStatusList().encode();

    expect(encoded[0]).toBe('u');
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/); // base64url alphabet, no '=' padding
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(16 * 1024);
    expect(MIN_STATUS_LIST_ENTRIES).toBe(131_072);
    expect(bits.every((byte) => byte === 0)).toBe(true);
  });

  it('sets bits 0, 7, 8 and 131,071 where the spec puts them, and reads them back after decoding', () => {
    const list = new BitstringStatusList();
    for (const index of [0, 7, 8, 131_071]) list.set(index, true);

    const encoded = list.encode();
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    // Bit 0 is the left-most bit of the first byte.
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits[1]).toBe(0b1000_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);

    const decoded = BitstringStatusList.decode(encoded);
    expect(decoded.length).toBe(131_072);
    const set = [];
    for (let i = 0; i < decoded.length; i++) if (decoded.get(i)) set.push(i);
    expect(set).toEqual([0, 7, 8, 131_071]);
  });

  it('clears a bit (a suspension lifted) without touching its neighbours', () => {
    const list = new BitstringStatusList();
    list.set(6, true);
    list.set(7, true);
    list.set(7, false);

    const decoded = BitstringStatusList.decode(list.encode());
    expect([decoded.get(6), decoded.get(7)]).toEqual([true, false]);
  });

  it('decodes a list another issuer made, of any length of at least 16 KB', () => {
    const bytes = Buffer.alloc(32 * 1024);
    bytes[20_000] = 0b0010_0000; // index 20,000 * 8 + 2
    const foreign = 'u' + gzipSync(bytes).toString('base64url');

    const decoded = BitstringStatusList.decode(foreign);
    expect(decoded.length).toBe(262_144);
    expect(decoded.get(160_002)).toBe(true);
    expect(decoded.get(160_001)).toBe(false);
  });

  it('refuses lists and indexes outside the spec', () => {
    const valid = new BitstringStatusList().encode();
    const tooShort = 'u' + gzipSync(Buffer.alloc(1024)).toString('base64url');

    expect(() => BitstringStatusList.decode(valid.slice(1))).toThrow(/multibase prefix "u"/); // no prefix
    expect(() => BitstringStatusList.decode('z' + valid.slice(1))).toThrow(StatusListError); // base58btc
    expect(() => BitstringStatusList.decode(valid + '==')).toThrow('The encodedList is not base64url.');
    expect(() => BitstringStatusList.decode('u' + Buffer.from('plain').toString('base64url'))).toThrow(/GZIP/);
    expect(() => BitstringStatusList.decode(tooShort)).toThrow(/shorter than 131072/);
    expect(() => new BitstringStatusList(1024)).toThrow(StatusListError);
    expect(() => new BitstringStatusList().get(131_072)).toThrow(/outside 0..131071/);
    expect(() => new BitstringStatusList().set(-1, true)).toThrow(StatusListError);
  });

  it('refuses a GZIP bomb instead of inflating it', () => {
    const bomb = 'u' + gzipSync(Buffer.alloc(17 * 1024 * 1024)).toString('base64url');
    expect(() => BitstringStatusList.decode(bomb)).toThrow(/too large/);
  });
});
