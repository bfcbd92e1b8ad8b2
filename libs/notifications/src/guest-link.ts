import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'guest-invite:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** base64url of a 32-byte HMAC-SHA256, without padding */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function signature(guestId: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(PURPOSE + guestId)
    .digest('base64url');
}

/**
 * A guest's invite token: `<guestId>.<base64url HMAC-SHA256(secret, "guest-invite:" + guestId)>`.
 * Nothing secret is stored: the row id and the server secret recreate it, and revoking the row
 * withdraws it.
 */
export function signGuestInviteToken(guestId: string, secret: string): string {
  const id = guestId.toLowerCase();
  return `${id}.${signature(id, secret)}`;
}

/** The guest id a token was issued for, or null when it is malformed or its signature does not match. */
export function verifyGuestInviteToken(token: unknown, secret: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const guestId = token.slice(0, dot).toLowerCase();
  const given = token.slice(dot + 1);
  if (!UUID.test(guestId) || !SIGNATURE.test(given)) return null;
  // Compared as text, not decoded bytes: base64url has spare bits in its last character, so two
  // spellings can decode alike, and only the one we issue counts.
  const expected = Buffer.from(signature(guestId, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return guestId;
}

/** The page a guest opens: `${PUBLIC_WEB_URL}/guest/<token>`. */
export function guestInviteUrl(publicWebUrl: string, guestId: string, secret: string): string {
  return `${publicWebUrl.replace(/\/+$/, '')}/guest/${signGuestInviteToken(guestId, secret)}`;
}
