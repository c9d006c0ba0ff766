/** `adminSessions` and `signInFailures`: operators' sessions and the sign-in throttle's counters (adminApi only). */

/** One signed-in session of an operator (a browser's cookie or a script's bearer token); see adminApi/sessions.ts. */
export interface AdminSessionDoc {
  _id: string;
  username: string;
  /** How the token travels: an HttpOnly cookie set for the admin page, or a bearer token handed to a script. */
  via: 'cookie' | 'bearer';
  createdAt: number;
  lastSeenAt: number;
  /** Ends without use at this instant; every use moves it forward (sliding renewal), never past `expiresAt`. */
  idleExpiresAt: number;
  expiresAt: number;
  clientAddress: string;
  userAgent: string;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** Failed sign-ins of one source (a client address, or one account tried from that address); see adminApi/sign-in-throttle.ts. */
export interface SignInFailureDoc {
  _id: string;
  failures: number;
  lastFailureAt: number;
  /** No sign-in from this source is checked before this instant. */
  blockedUntil: number;
}
