import fc from 'fast-check';
import { AppConfig } from '@app/core';
import { NotificationCategory } from '../schedule/notification-kind';
import { UnsubscribeLinks } from './unsubscribe-links';
import { UnsubscribeTokens } from './unsubscribe-token';

const config = (secret: string): AppConfig =>
  Object.assign(new AppConfig(), { UNSUBSCRIBE_SECRET: secret, PUBLIC_URL: 'https://learn.example.org/' });
const tokens = new UnsubscribeTokens(config('a-secret-of-at-least-thirty-two-characters'));
const USER = '6f1c2b7e-3a41-4c9e-9b0a-2d5e8f7a1c33';
const OTHER = '0b5d9e12-7c3f-4a8b-8e61-4f2a9c7d0e55';

describe('UnsubscribeTokens', () => {
  it('verifies its own tokens, giving back the person and category, and nothing else', () => {
    for (const category of Object.values(NotificationCategory)) {
      expect(tokens.verify(tokens.sign(USER, category))).toEqual({ userId: USER, category });
    }
    expect(tokens.sign(USER, NotificationCategory.Digest)).not.toBe(tokens.sign(OTHER, NotificationCategory.Digest));
    expect(tokens.sign(USER, NotificationCategory.Digest)).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('refuses a token signed with another secret, or moved to another person or category', () => {
    const token = tokens.sign(USER, NotificationCategory.Reminders);
    const [version, , , signature] = token.split('.');
    const elsewhere = new UnsubscribeTokens(config('another-secret-of-at-least-thirty-two-chars'));

    expect(elsewhere.verify(token)).toBeNull();
    expect(tokens.verify(`${version}.${OTHER}.reminders.${signature}`)).toBeNull();
    expect(tokens.verify(`${version}.${USER}.digest.${signature}`)).toBeNull();
    expect(tokens.verify(`u0.${USER}.reminders.${signature}`)).toBeNull();
    expect(tokens.verify(`${token}.extra`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
  });

  it('property: any change to a genuine token is refused', () => {
    const genuine = tokens.sign(USER, NotificationCategory.Announcements);
    fc.assert(
      fc.property(
        fc.nat({ max: genuine.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        (at, char) => {
          fc.pre(genuine[at] !== char);
          const forged = `${genuine.slice(0, at)}${char}${genuine.slice(at + 1)}`;
          expect(tokens.verify(forged)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('UnsubscribeLinks', () => {
  const links = new UnsubscribeLinks(config('a-secret-of-at-least-thirty-two-characters'), tokens);

  it('gives the RFC 2369 and RFC 8058 headers, pointing at the one-click endpoint with a verifiable token', () => {
    const headers = links.headers(USER, NotificationCategory.Digest);

    expect(Object.keys(headers).sort()).toEqual(['List-Unsubscribe', 'List-Unsubscribe-Post']);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(/^<(.+)>$/.exec(headers['List-Unsubscribe']!)![1]!);
    expect(`${url.origin}${url.pathname}`).toBe('https://learn.example.org/api/v1/notifications/unsubscribe');
    expect(tokens.verify(url.searchParams.get('token')!)).toEqual({ userId: USER, category: 'digest' });
    expect(links.preferencesUrl()).toBe('https://learn.example.org/settings/notifications');
  });
});
