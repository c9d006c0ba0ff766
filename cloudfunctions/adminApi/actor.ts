/** The operator a request acts as: whoever its verified token names (auth.ts), recorded in the audit log. */
import type { AdminSessionDoc } from '../_shared/store/admin-sessions';
import type { AdminRole } from '../_shared/store/admin-users';

export interface Actor {
  username: string;
  role: AdminRole;
  /** The session the request was made in (absent only for actors made up by the server itself). */
  session?: { id: string; via: AdminSessionDoc['via'] };
}
