import { guestInviteUrl, signGuestInviteToken, verifyGuestInviteToken } from './guest-link';

const SECRET = 'guest-link-unit-test-secret-0123';
const GUEST = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

describe('guest invite links', () => {
  it('signs <guestId>.<base64url HMAC> and verifies it back to the guest id', () => {
    const token = signGuestInviteToken(GUEST, SECRET);
    expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(`${GUEST}.`)).toBe(true);
    expect(verifyGuestInviteToken(token, SECRET)).toBe(GUEST);
    expect(signGuestInviteToken(GUEST, SECRET)).toBe(token); // deterministic: nothing is stored
  });

  it('refuses a token signed with another secret', () => {
    const token = signGuestInviteToken(GUEST, 'another-secret-of-sufficient-length');
    expect(verifyGuestInviteToken(token, SECRET)).toBeNull();
  });

  it('refuses tampered tokens: another guest id, any changed signature character', () => {
    const token = signGuestInviteToken(GUEST, SECRET);
    const [, signature] = token.split('.');
    const otherGuest = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6c';
    expect(verifyGuestInviteToken(`${otherGuest}.${signature}`, SECRET)).toBeNull();
    for (const index of [0, 20, signature.length - 1]) {
      const swapped = signature[index] === 'A' ? 'B' : 'A';
      const tampered = `${GUEST}.${signature.slice(0, index)}${swapped}${signature.slice(index + 1)}`;
      expect(verifyGuestInviteToken(tampered, SECRET)).toBeNull();
    }
  });

  it.each([
    ['empty', ''],
    ['no dot', GUEST],
    ['not a uuid', 'guest.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'],
    ['short signature', `${GUEST}.abc`],
    ['padded signature', `${GUEST}.${'A'.repeat(43)}=`],
    ['two dots', `${GUEST}.${'A'.repeat(20)}.${'A'.repeat(22)}`],
    ['very long', `${GUEST}.${'A'.repeat(500)}`],
  ])('refuses a malformed token (%s)', (_label, token) => {
    expect(verifyGuestInviteToken(token, SECRET)).toBeNull();
  });

  it('refuses values that are not text', () => {
    expect(verifyGuestInviteToken(undefined, SECRET)).toBeNull();
    expect(verifyGuestInviteToken({ token: 'x' }, SECRET)).toBeNull();
  });

  it('builds the page link under PUBLIC_WEB_URL', () => {
    expect(guestInviteUrl('https://care.example/', GUEST, SECRET)).toBe(
      `https://care.example/guest/${signGuestInviteToken(GUEST, SECRET)}`,
    );
  });
});
