/**
 * `payees`: who a distributor is for the money paid to them. The real name (WeChat's 商家转账 requires it from
 * ¥2,000 up) and the ID number (the merchant's income-tax filing names the person by it), both sealed at rest with
 * the shop's key like every other piece of personal data, opened only to build a transfer or the tax report.
 */
import { getDoc } from '../platform/documents';
import { maskName } from '../platform/masks';
import { open, seal } from '../platform/sealing';
import { COLLECTIONS } from './collections';

export interface PayeeDoc {
  _id: string;
  realName: string;
  idNumber: string;
  updatedAt: number;
}

export interface Payee {
  realName: string;
  idNumber: string;
}

export function sealPayee(openid: string, payee: Payee, now: number): PayeeDoc {
  return {
    _id: openid,
    realName: seal(payee.realName, { field: 'payee.realName', owner: openid }),
    idNumber: seal(payee.idNumber, { field: 'payee.idNumber', owner: openid }),
    updatedAt: now,
  };
}

export function openPayee(doc: PayeeDoc): Payee {
  return {
    realName: open(doc.realName, { field: 'payee.realName', owner: doc._id }),
    idNumber: open(doc.idNumber, { field: 'payee.idNumber', owner: doc._id }),
  };
}

export async function loadPayee(openid: string): Promise<Payee | null> {
  const doc = await getDoc<PayeeDoc>(COLLECTIONS.payees, openid);
  return doc ? openPayee(doc) : null;
}

/** `110***********1234`: the first three and last four characters of an ID number. */
export function maskIdNumber(idNumber: string): string {
  const text = idNumber.trim();
  if (text.length < 8) return '*'.repeat(Math.max(text.length, 4));
  return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
}

export function maskedPayee(payee: Payee): { realNameMasked: string; idNumberMasked: string } {
  return { realNameMasked: maskName(payee.realName), idNumberMasked: maskIdNumber(payee.idNumber) };
}
