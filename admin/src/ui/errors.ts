/** The sentence an operator reads for a failure: the server's own message, or a generic one for a surprise. */
import { ApiError } from '../api';

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
