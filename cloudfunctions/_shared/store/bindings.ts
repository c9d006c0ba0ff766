/** `bindings`: the history of who invited whom (each binding and rebinding). */
import type { BindingSource } from '../../../core/src';

export interface BindingDoc {
  _id?: string;
  openid: string;
  oldInviterOpenid: string | null;
  newInviterOpenid: string;
  source: BindingSource;
  at: number;
  ruleVersion: number;
  code: string | null;
}
