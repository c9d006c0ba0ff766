/**
 * The platform's error codes and the message texts the real service is known to send (wire notes §3.3).
 * Engine code throws DbError; actions.ts turns it into a `{code, message}` WireReply.
 */
export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'INVALID_PARAM'
  | 'SYS_ERR';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export const MESSAGES = {
  collectionNotExist:
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
  collectionExists: '[ResourceUnavailable.ResourceExist] Table exist.',
  transactionConflict:
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  transactionNotExist:
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
} as const;

export const collectionNotExist = (): DbError =>
  new DbError('DATABASE_COLLECTION_NOT_EXIST', MESSAGES.collectionNotExist);
export const transactionConflict = (): DbError =>
  new DbError('DATABASE_TRANSACTION_CONFLICT', MESSAGES.transactionConflict);
export const transactionNotExist = (): DbError =>
  new DbError('DATABASE_TRANSACTION_FAIL', MESSAGES.transactionNotExist);
export const invalidParam = (message: string): DbError => new DbError('INVALID_PARAM', message);
export const requestFailed = (message: string): DbError => new DbError('DATABASE_REQUEST_FAILED', message);
