/** The operator a request acts as: whoever its verified token names (auth.ts), recorded in the audit log. */
import type { AdminRole } from '../_shared/store/admin-users';

export interface Actor {
  username: string;
  role: AdminRole;
}
