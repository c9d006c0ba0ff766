/** Signed, expiring operator session tokens: `<payload b64url>.<HMAC-SHA256 b64url>`; each names its session in adminSessions, which can be revoked. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The operator's username. */
  sub: string;
  role: string;
  /** Expiry, epoch ms. */
  exp: number;
  /** Bumped when the operator's password changes, so older tokens stop working. */
  ver: number;
  /** The session (adminSessions) the token belongs to; a token without one is refused. */
  sid?: string;
}

export function signToken(claims: TokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

export type TokenCheck =
  { valid: true; claims: TokenClaims } | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function verifyToken(token: string, secret: string, now: number): TokenCheck {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return { valid: false, reason: 'malformed' };
  const expected = Buffer.from(signature(payload, secret));
  const actual = Buffer.from(mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { valid: false, reason: 'bad-signature' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { valid: false, reason: 'expired' };
  return { valid: true, claims };
}

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
