/** `auditLogs`: one document per change an operator made. */

export interface AuditLogDoc {
  _id?: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}
