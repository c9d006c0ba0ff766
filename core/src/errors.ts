/**
 * One error type for the whole domain. The `code` is the stable contract with operators, logs and the
 * mini program; the `message` is what a shopper or distributor reads, so it is Chinese and free of jargon.
 *
 * Expected outcomes (sold out, below the withdrawal minimum, a refused binding…) are *returned* as
 * `Result` values; only surprises (a corrupt document, a programming error) are thrown.
 */
import {
  isServerErrorCode,
  messageFor as contractMessageFor,
  SERVER_ERROR_CODES,
  type ServerErrorCode,
} from '../../contract/src/errors';

/** The codes the server answers with; they and their messages are the contract's (contract/src/errors.ts). */
export const DOMAIN_ERROR_CODES = SERVER_ERROR_CODES;

export type DomainErrorCode = ServerErrorCode;

export function messageFor(code: DomainErrorCode): string {
  return contractMessageFor(code);
}

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return isServerErrorCode(value);
}

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: DomainErrorCode, details?: ErrorDetails, message: string = messageFor(code)) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The shape cloud functions put in their envelope; operators read the code, shoppers the message. */
  toJSON(): { code: DomainErrorCode; message: string; details?: ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: DomainError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: DomainErrorCode, details?: ErrorDetails, message?: string): Err {
  return { ok: false, error: new DomainError(code, details, message) };
}

/** For callers that treat a refusal as a bug at that point (tests, seed scripts). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}
