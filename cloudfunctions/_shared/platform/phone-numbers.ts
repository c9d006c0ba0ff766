/**
 * `phonenumber.getPhoneNumber` (cloud call): the code from `<button open-type="getPhoneNumber">` exchanged for the
 * phone. The caller's openid goes with it, so WeChat checks the code was issued to this very user: a code taken
 * from someone else's phone does not bind their number to another account.
 */
import { DomainError } from '../../../core/src/errors';
import { cloud } from './cloud';

export interface WechatPhone {
  /** Without the country code: what the shop stores and masks. */
  purePhoneNumber: string;
  countryCode: string;
}

/** The errcodes WeChat answers for a code that is wrong, expired, used, or not this user's. */
const REFUSED_CODE_ERRCODES = new Set([40029, 40163, 47001]);

interface PhoneInfoReply {
  phoneNumber?: unknown;
  purePhoneNumber?: unknown;
  countryCode?: unknown;
}

export async function exchangePhoneCode(code: string, openid: string): Promise<WechatPhone> {
  let reply: { phoneInfo?: PhoneInfoReply; phone_info?: PhoneInfoReply };
  try {
    reply = (await cloud.openapi.phonenumber.getPhoneNumber({ code, openid } as never)) as typeof reply;
  } catch (error) {
    const errCode = Number((error as { errCode?: unknown }).errCode);
    if (REFUSED_CODE_ERRCODES.has(errCode)) throw new DomainError('PHONE_CODE_INVALID', { errCode });
    throw error;
  }
  const info = reply.phoneInfo ?? reply.phone_info;
  const pure = info?.purePhoneNumber ?? info?.phoneNumber;
  if (typeof pure !== 'string' || !/^\d{5,20}$/.test(pure)) {
    // WeChat answered ok without a usable number: a surprise, not the shopper's mistake.
    throw new Error('phonenumber.getPhoneNumber answered without a phone number');
  }
  return { purePhoneNumber: pure, countryCode: String(info?.countryCode ?? '86') };
}
