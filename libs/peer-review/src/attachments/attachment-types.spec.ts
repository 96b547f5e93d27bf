import { crc32 } from 'node:zlib';
import { asciiFileName, sanitizeFileName, withTypeExtension } from './attachment-file-name';
import { detectAttachmentType, parseAttachmentTypeNames } from './attachment-types';

/** A ZIP archive of the given entries, stored uncompressed (PKWARE APPNOTE 4.3: local headers, central directory). */
function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('detectAttachmentType', () => {
  it('tells office documents and plain archives apart by what is inside the ZIP', async () => {
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const odt = zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office/>' });
    const zip = zipOf({ 'photos/seal.txt': 'a photo, imagine' });
    expect(await detectAttachmentType(docx)).toEqual({ name: 'docx', mime: expect.stringContaining('wordprocessing') });
    expect(await detectAttachmentType(odt)).toEqual({ name: 'odt', mime: 'application/vnd.oasis.opendocument.text' });
    expect(await detectAttachmentType(zip)).toEqual({ name: 'zip', mime: 'application/zip' });
  });

  it('takes UTF-8 text, but not markup, binary or invalid UTF-8, as plain text', async () => {
    expect(await detectAttachmentType(Buffer.from('Notes: ñandú, 24 h\r\n\tno leak\n'))).toMatchObject({ name: 'txt' });
    expect(await detectAttachmentType(Buffer.from('  <svg onload="alert(1)"></svg>'))).toBeNull();
    expect(await detectAttachmentType(Buffer.from('\uFEFF<html><body>hi</body></html>'))).toBeNull();
    expect(await detectAttachmentType(Buffer.from([0x68, 0x69, 0x00, 0x01]))).toBeNull();
    expect(await detectAttachmentType(Buffer.from([0xc3, 0x28]))).toBeNull();
  });

  it('knows a JPEG, and names a type it recognises but does not take', async () => {
    expect(await detectAttachmentType(Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'))).toEqual({
      name: 'jpeg',
      mime: 'image/jpeg',
    });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]);
    expect(await detectAttachmentType(exe)).toEqual({ name: null, mime: 'application/x-msdownload' });
  });

  it('reads the configured names, reporting unknown ones', () => {
    expect(parseAttachmentTypeNames('pdf,png,exe')).toEqual({ names: ['pdf', 'png'], unknown: ['exe'] });
  });
});

describe('file names', () => {
  it('keeps the last path part only, without control or bidi characters or leading dots', () => {
    expect(sanitizeFileName('C:\\Users\\ana\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('../../.bashrc')).toBe('bashrc');
    expect(sanitizeFileName('a\r\nb\u0000c\u202Ed.pdf')).toBe('abcd.pdf');
    expect(sanitizeFileName('  \u200B ')).toBe('attachment');
    expect([...sanitizeFileName(`${'é'.repeat(300)}.pdf`)]).toHaveLength(200);
    expect(sanitizeFileName(`${'é'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
  });

  it('gives a name the extension of the type its bytes are', () => {
    expect(withTypeExtension('photo.pdf', 'png')).toBe('photo.pdf.png');
    expect(withTypeExtension('photo.JPG', 'jpeg')).toBe('photo.JPG');
    expect(withTypeExtension('notes.md', 'txt')).toBe('notes.md');
    expect(withTypeExtension('README', 'txt')).toBe('README.txt');
  });

  it('makes a plain-ASCII fallback with nothing that could end the quoted string', () => {
    expect(asciiFileName('résumé "final"; v2%.pdf')).toBe('r_sum_ _final__ v2_.pdf');
  });
});
