import type { Role } from '@yiqiao/domain';

/** The authenticated caller, as loaded from PostgreSQL on every request (so deactivation is immediate). */
export interface AuthUser {
  id: string;
  role: Role;
  /** The user's institution; null for patients and administrators without one. */
  institutionId: string | null;
  email: string;
  /** The login session (refresh-token family) the access token belongs to; set by JwtAuthGuard. */
  sessionId?: string;
}

/** Claims carried by an access token. `sid` is the refresh-token family (the login session). */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  role: Role;
  typ: 'access';
}
