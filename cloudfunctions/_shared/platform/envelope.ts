/**
 * What every function called from the mini program or the admin page returns: the contract's `Envelope`,
 * `{ ok: true, data }` or `{ ok: false, error: { code, message } }` with a stable code.
 */
import type { Envelope, WireError } from '../../../contract/src';
import { DomainError, messageFor, type DomainErrorCode } from '../../../core/src/errors';

export type { Envelope, WireError };
export type Success<T> = Extract<Envelope<T>, { ok: true }>;
export type Failure = Extract<Envelope<never>, { ok: false }>;

export function success<T>(data: T): Success<T> {
  return { ok: true, data };
}

export function failure(code: DomainErrorCode, message = messageFor(code), details?: Record<string, unknown>): Failure {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}

/** Domain errors keep their code; anything else is a surprise: logged with its stack, shown as INTERNAL. */
export function failureFrom(error: unknown, functionName: string): Failure {
  if (error instanceof DomainError) return { ok: false, error: error.toJSON() as WireError };
  console.error(`[${functionName}] unexpected error`, error);
  return failure('INTERNAL');
}
