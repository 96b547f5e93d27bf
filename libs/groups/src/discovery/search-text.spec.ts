import fc from 'fast-check';
import { MAX_SEARCH_WORDS, toPrefixTsquery } from './search-text';

describe('free text as a prefix tsquery', () => {
  it('asks for every word, as a prefix from three letters on', () => {
    expect(toPrefixTsquery('Biogas digesters')).toBe("'biogas':* & 'digesters':*");
    expect(toPrefixTsquery('de la energía solar')).toBe("'de' & 'la' & 'energía':* & 'solar':*");
    expect(toPrefixTsquery('biogas BIOGAS, biogas!')).toBe("'biogas':*");
  });

  it('keeps words of any script whole, combining marks included', () => {
    expect(toPrefixTsquery('नेपाल बायोगैस')).toBe("'नेपाल':* & 'बायोगैस':*");
    expect(toPrefixTsquery('Ikinyarwanda 2026')).toBe("'ikinyarwanda':* & '2026':*");
  });

  it('has nothing to search in punctuation alone, and stops after a few words', () => {
    expect(toPrefixTsquery('')).toBeNull();
    expect(toPrefixTsquery(" '&|!:*() <-> ")).toBeNull();
    const many = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    expect(toPrefixTsquery(many)?.split(' & ')).toHaveLength(MAX_SEARCH_WORDS);
  });

  it('never lets input form tsquery syntax (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        const query = toPrefixTsquery(text);
        if (query === null) return;
        for (const operand of query.split(' & ')) {
          expect(operand).toMatch(/^'[\p{L}\p{M}\p{N}]+'(?::\*)?$/u);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
