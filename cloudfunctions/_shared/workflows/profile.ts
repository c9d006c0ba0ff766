/**
 * A shopper's own profile, the way WeChat allows it today: `getUserProfile` returns no real data any more, so the
 * shopper picks an avatar (`open-type="chooseAvatar"`, uploaded to cloud storage), types a nickname
 * (`<input type="nickname">`, which WeChat checks for content safety) and binds a phone through the
 * `getPhoneNumber` button, whose code only the server can exchange. The phone is sealed with a keyed hash beside it.
 */
import type { MyProfile, StoreFace } from '../../../contract/src/wire/people';
import { db } from '../platform/cloud';
import { getDoc } from '../platform/documents';
import { exchangePhoneCode } from '../platform/phone-numbers';
import { COLLECTIONS } from '../store/collections';
import { maskedUserPhone, sealUserPhone } from '../store/personal-records';
import { storeSettings } from '../store/settings';
import { ensureUser, type UserDoc } from '../store/users';

function profileOf(user: UserDoc | null): MyProfile {
  return {
    nickname: user?.nickname ?? null,
    avatarFileId: user?.avatarUrl ?? null,
    phoneMasked: user ? (maskedUserPhone(user.phone, user._id) ?? null) : null,
  };
}

export async function myProfile(openid: string): Promise<MyProfile> {
  return profileOf(await getDoc<UserDoc>(COLLECTIONS.users, openid));
}

/** Writes what the shopper changed; the schema already refused anything that is not a nickname or an avatar. */
export async function updateProfile(
  openid: string,
  change: { nickname?: string; avatarFileId?: string },
  now: number,
): Promise<MyProfile> {
  await ensureUser(openid, now);
  const data: Partial<UserDoc> & { profileUpdatedAt: number } = { profileUpdatedAt: now };
  if (change.nickname !== undefined) data.nickname = change.nickname;
  if (change.avatarFileId !== undefined) data.avatarUrl = change.avatarFileId;
  await db().collection(COLLECTIONS.users).doc(openid).update({ data });
  return myProfile(openid);
}

/**
 * Exchanges the button's code for the phone (WeChat checks the code is this caller's and unused), then stores it
 * sealed. The exchange happens before any write: a refused code writes nothing.
 */
export async function bindPhone(openid: string, code: string, now: number): Promise<MyProfile> {
  const { purePhoneNumber } = await exchangePhoneCode(code, openid);
  await ensureUser(openid, now);
  const _ = db().command;
  await db()
    .collection(COLLECTIONS.users)
    .doc(openid)
    // `_.set`: the whole sealed value is replaced, never merged with an earlier one.
    .update({ data: { phone: _.set(sealUserPhone(purePhoneNumber, openid, now)) } });
  return myProfile(openid);
}

/** The store's face for the mini program: name, logo, intro and service phone from the store settings. */
export async function storeFace(): Promise<StoreFace> {
  const settings = await storeSettings();
  return {
    name: settings.name,
    logo: settings.logo,
    introduction: settings.introduction,
    servicePhone: settings.servicePhone,
  };
}
