/** What a workflow step changed on one document: the admin API writes both sides to the audit log. */
export interface Change<T> {
  before: T;
  after: T;
}
