import fc from 'fast-check';
import { findMalformedText } from './well-formed-text';

describe('findMalformedText', () => {
  it('names each string holding a NUL or a lone surrogate by its path', () => {
    const body = {
      title: 'fine',
      modules: [{ title: 'ok' }, { title: 'ab\u0000cd', content: 'x\ud800y' }],
      topics: ['a', '\udc00'],
    };
    expect(findMalformedText(body)).toEqual([
      { field: 'topics.1', message: 'topics.1 must be well-formed Unicode (no lone surrogates)' },
      { field: 'modules.1.title', message: 'modules.1.title must not contain NUL characters' },
      { field: 'modules.1.content', message: 'modules.1.content must be well-formed Unicode (no lone surrogates)' },
    ]);
  });

  it('names a query or route parameter by its own name', () => {
    expect(findMalformedText('ab\u0000', 'q')).toEqual([{ field: 'q', message: 'q must not contain NUL characters' }]);
    expect(findMalformedText(['x', '\u0000'], 'topic').map((p) => p.field)).toEqual(['topic.1']);
  });

  it('checks object keys too, naming them printably', () => {
    expect(findMalformedText({ answers: { 'a\u0000b': 'yes' } })).toEqual([
      { field: 'answers.a\uFFFDb', message: 'the name of answers.a\uFFFDb must not contain NUL characters' },
    ]);
  });

  it('accepts every well-formed string, emoji and other surrogate pairs included', () => {
    expect(findMalformedText({ a: 'Ñandú 😀 𝄞 漢字', b: [1, true, null] })).toEqual([]);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(findMalformedText({ text: text.replace(/\0/g, '') })).toEqual([]);
      }),
    );
  });

  it('walks deeply nested input without recursion', () => {
    let deep: unknown = 'ab\u0000cd';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findMalformedText(deep)).toHaveLength(1);
  });
});
