import fc from 'fast-check';
import { parseCookies, serializeCookie } from './cookies';

describe('parseCookies', () => {
  it('reads the pairs a browser sends, unquoting a quoted value and decoding nothing', () => {
    const jar = parseCookies('cp_refresh=abc-DEF_123; cp_csrf="q%41"; theme=dark');
    expect(jar.get('cp_refresh')).toEqual(['abc-DEF_123']);
    expect(jar.get('cp_csrf')).toEqual(['q%41']);
    expect(jar.get('theme')).toEqual(['dark']);
  });

  it('keeps every value of a name sent twice, so the caller can refuse the ambiguity', () => {
    expect(parseCookies('cp_refresh=planted; cp_refresh=ours').get('cp_refresh')).toEqual(['planted', 'ours']);
  });

  it('skips malformed pairs instead of guessing: no name, bad characters, no equals sign', () => {
    const jar = parseCookies('=orphan; bad name=x; cp_csrf=a,b; cp_refresh=a"b; flag; ok=1');
    expect([...jar.keys()]).toEqual(['ok']);
  });

  it('reads nothing from an absent or oversized header', () => {
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies(`a=${'x'.repeat(9000)}`).size).toBe(0);
  });

  it('reads back what serializeCookie writes, for any token-like value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/), (value) => {
        const line = serializeCookie('cp_refresh', value, {
          path: '/api/v1/auth',
          maxAgeSeconds: 60,
          httpOnly: true,
          secure: true,
        });
        const [pair = ''] = line.split('; ');
        expect(parseCookies(pair).get('cp_refresh')).toEqual([value]);
      }),
    );
  });
});

describe('serializeCookie', () => {
  it('writes every attribute we rely on, and SameSite=Strict always', () => {
    expect(serializeCookie('cp_csrf', 'v', { path: '/', maxAgeSeconds: 0, httpOnly: false, secure: false })).toBe(
      'cp_csrf=v; Max-Age=0; Path=/; SameSite=Strict',
    );
  });

  it('refuses a value or path that would inject another attribute', () => {
    const attributes = { path: '/', maxAgeSeconds: 1, httpOnly: true, secure: true };
    expect(() => serializeCookie('cp_refresh', 'x; Domain=evil.example', attributes)).toThrow();
    expect(() => serializeCookie('cp_refresh', 'x', { ...attributes, path: '/a; Domain=evil.example' })).toThrow();
  });
});
