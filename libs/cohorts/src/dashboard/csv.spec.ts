import { csvField, toCsv } from './csv';

describe('CSV writing (RFC 4180, formula-safe)', () => {
  it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Quispe, Amaru')).toBe('"Quispe, Amaru"');
    expect(csvField('Amaru "the digger"')).toBe('"Amaru ""the digger"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes empty for null and numbers and booleans as they are', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('defuses %j as text with a leading apostrophe', (text) => {
    expect(csvField(text).replace(/^"|"$/g, '').startsWith(`'`)).toBe(true);
  });

  it('defuses and quotes at once', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });

  it('ends every record with CRLF, the header first', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          [null, 'y,z'],
        ],
      ),
    ).toBe('a,b\r\nx,1\r\n,"y,z"\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('round-trips through a strict RFC 4180 reader', () => {
    const records: string[][] = [
      ['a"b', 'c,d', 'e\r\nf'],
      ['', 'plain', '""'],
    ];
    expect(parseCsv(toCsv(['h1', 'h2', 'h3'], records))).toEqual([['h1', 'h2', 'h3'], ...records]);
  });
});

/** A strict reader for the round trip: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += text[i];
      i += 1;
    }
  }
  return rows;
}
