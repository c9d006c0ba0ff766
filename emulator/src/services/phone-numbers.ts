/**
 * `phonenumber.getPhoneNumber`: the code a mini program's `<button open-type="getPhoneNumber">` hands over,
 * exchanged for the phone once. As WeChat documents it: a code is valid for 5 minutes and only once; with the
 * optional `openid` parameter the code must have been issued to that user. Tests (and a developer) issue codes
 * with `POST /_emulator/phone-codes {"openid","phoneNumber"?}`, standing in for the user tapping 允许.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../types';
import type { WechatError } from './wxacode';

/** WeChat: "每个 code 只能使用一次，code 的有效期为 5min". */
export const PHONE_CODE_TTL_MS = 5 * 60 * 1000;

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  watermark: { timestamp: number; appid: string };
}

interface IssuedPhoneCode {
  openid: string;
  purePhoneNumber: string;
  countryCode: string;
  issuedAt: number;
  used: boolean;
}

export interface PhoneNumberService {
  issue(openid: string, phoneNumber?: string): { code: string; purePhoneNumber: string; expiresAt: number };
  exchange(params: Record<string, unknown>): WechatError & { phone_info?: PhoneInfo };
  reset(): void;
}

/** A mainland number stands for the user's own when the test names none: 1 + ten digits, the same per openid. */
function defaultPhoneOf(openid: string): string {
  let hash = 0;
  for (const char of openid) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `139${String(hash % 100_000_000).padStart(8, '0')}`;
}

export function createPhoneNumberService(context: EmulatorContext): PhoneNumberService {
  let codes = new Map<string, IssuedPhoneCode>();
  const refuse = (errcode: number, errmsg: string): WechatError => ({ errcode, errmsg });

  return {
    issue(openid, phoneNumber) {
      const digits = (phoneNumber ?? defaultPhoneOf(openid)).replace(/\D/g, '');
      const purePhoneNumber = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
      const code = randomBytes(32).toString('hex');
      const issuedAt = context.clock.now();
      codes.set(code, { openid, purePhoneNumber, countryCode: '86', issuedAt, used: false });
      return { code, purePhoneNumber, expiresAt: issuedAt + PHONE_CODE_TTL_MS };
    },
    exchange({ code, openid }) {
      if (typeof code !== 'string' || code === '') return refuse(47001, 'data format error: code is required');
      const issued = codes.get(code);
      if (!issued) return refuse(40029, 'invalid code');
      if (issued.used) return refuse(40163, 'code been used');
      if (context.clock.now() - issued.issuedAt > PHONE_CODE_TTL_MS) return refuse(40029, 'invalid code, expired');
      if (openid !== undefined && openid !== issued.openid) return refuse(40029, 'invalid code, openid not match');
      issued.used = true;
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: issued.purePhoneNumber,
          purePhoneNumber: issued.purePhoneNumber,
          countryCode: issued.countryCode,
          watermark: { timestamp: Math.floor(issued.issuedAt / 1000), appid: context.appId },
        },
      };
    },
    reset() {
      codes = new Map();
    },
  };
}
