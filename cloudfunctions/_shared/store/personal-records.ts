/**
 * Personal data in the shop's documents: an order's shipping address and a distributor's application. Each is
 * sealed on write, opened for the people entitled to it, masked for lists, and replaced by a marker on erasure.
 */
import type { DistributorApplication } from './distributors';
import type { ShippingAddress, StoredAddress } from './orders';
import type { SealedPhone } from './users';
import { maskName, maskPhone } from '../platform/masks';
import { lookupHash, normalisePhone, open, seal } from '../platform/sealing';

export const ERASED_TEXT = '已删除';

/** The lookup-hash kind of phones, the same for every document so one phone finds all of its records. */
export const PHONE_LOOKUP = 'phone';

export function sealAddress(address: ShippingAddress, owner: string): StoredAddress {
  return {
    sealed: seal(JSON.stringify(address), { field: 'order.address', owner }),
    phoneHash: lookupHash(PHONE_LOOKUP, normalisePhone(address.telNumber)),
  };
}

export function isErasedAddress(stored: StoredAddress): stored is { erasedAt: number } {
  return typeof (stored as { erasedAt?: unknown }).erasedAt === 'number';
}

/** The full address, or null once erased. Plain addresses (written before encryption) read as they are. */
export function openAddress(stored: StoredAddress, owner: string): ShippingAddress | null {
  if (isErasedAddress(stored)) return null;
  if ('sealed' in stored && typeof stored.sealed === 'string') {
    return JSON.parse(open(stored.sealed, { field: 'order.address', owner })) as ShippingAddress;
  }
  return stored as ShippingAddress;
}

/** What an erased address shows: the same shape, so every screen still renders. */
export const ERASED_ADDRESS: ShippingAddress = Object.freeze({
  userName: ERASED_TEXT,
  telNumber: '',
  provinceName: '',
  cityName: '',
  countyName: '',
  detailInfo: ERASED_TEXT,
});

/** The full address for someone entitled to it (its owner; an operator who ships), or the erased marker. */
export function fullAddress(stored: StoredAddress, owner: string): ShippingAddress {
  return openAddress(stored, owner) ?? { ...ERASED_ADDRESS };
}

/** For lists: `张*`, `138****0000`, and the address down to its district (no street, no postal code). */
export function maskedAddress(stored: StoredAddress, owner: string): ShippingAddress {
  const address = openAddress(stored, owner);
  if (!address) return { ...ERASED_ADDRESS };
  return {
    userName: maskName(address.userName),
    telNumber: maskPhone(address.telNumber),
    provinceName: address.provinceName,
    cityName: address.cityName,
    countyName: address.countyName,
    detailInfo: '',
  };
}

export function sealApplication(
  application: { name: string; phone: string; reason: string },
  owner: string,
  at: number,
): DistributorApplication {
  return {
    name: seal(application.name, { field: 'distributor.name', owner }),
    phone: seal(application.phone, { field: 'distributor.phone', owner }),
    phoneHash: lookupHash(PHONE_LOOKUP, normalisePhone(application.phone)),
    reason: application.reason,
    at,
  };
}

export function openApplication(application: DistributorApplication, owner: string): DistributorApplication {
  const { phoneHash: _hash, ...rest } = application;
  return {
    ...rest,
    name: open(application.name, { field: 'distributor.name', owner }),
    phone: open(application.phone, { field: 'distributor.phone', owner }),
  };
}

export function maskedApplication(application: DistributorApplication, owner: string): DistributorApplication {
  const opened = openApplication(application, owner);
  return {
    ...opened,
    name: opened.name === '' ? ERASED_TEXT : maskName(opened.name),
    phone: opened.phone === '' ? '' : maskPhone(opened.phone),
  };
}

/** A document with its application masked (lists of distributors, a member's tree). */
export function withMaskedApplication<T extends { _id: string; application?: DistributorApplication }>(doc: T): T {
  return doc.application ? { ...doc, application: maskedApplication(doc.application, doc._id) } : doc;
}

/**
 * The slot for payees' real names (a withdrawal to a bank card or 企业付款 with 实名校验 needs one): sealed like
 * every other name, so the withdrawal flow that adds it stores no plaintext.
 */
export function sealPayeeName(realName: string, owner: string): string {
  return seal(realName, { field: 'payee.realName', owner });
}

export function openPayeeName(sealed: string, owner: string): string {
  return open(sealed, { field: 'payee.realName', owner });
}

export function sealUserPhone(phone: string, owner: string, at: number): SealedPhone {
  return {
    sealed: seal(phone, { field: 'user.phone', owner }),
    hash: lookupHash(PHONE_LOOKUP, normalisePhone(phone)),
    boundAt: at,
  };
}

export function openUserPhone(phone: SealedPhone, owner: string): string {
  return open(phone.sealed, { field: 'user.phone', owner });
}

/** `138****0000`, or undefined when none is bound (or it was erased). */
export function maskedUserPhone(phone: SealedPhone | undefined, owner: string): string | undefined {
  if (!phone?.sealed) return undefined;
  return maskPhone(openUserPhone(phone, owner));
}
