/** Toasts for the outcome of an operator's action; an API refusal is shown with the server's own message. */
import { MessagePlugin } from 'tdesign-vue-next/es/message';
import { ApiError } from '../api';
import { messageOf } from './errors';

export function showError(error: unknown): void {
  if (!(error instanceof ApiError)) console.error(error);
  void MessagePlugin.error({ content: messageOf(error), duration: 5000, closeBtn: true });
}

export function showSuccess(text: string): void {
  void MessagePlugin.success({ content: text, duration: 2500 });
}
