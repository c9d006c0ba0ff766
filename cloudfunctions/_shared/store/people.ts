/**
 * People instead of openids on operator screens: `loadPeople` turns openids into nickname + masked phone (+ an
 * avatar link), `findOpenidsMatching` turns what an operator types (a nickname's beginning, a whole phone, an
 * openid) into openids. Both read only the `users` collection, through its indexes: `_id`, `nickname`
 * (prefix as a range) and `phone.hash` (a keyed hash, so an exact phone is found without decrypting anything).
 */
import type { PersonSummary } from '../../../contract/src/wire/people';
import { cloud, db } from '../platform/cloud';
import { docsByIds, listDocs } from '../platform/documents';
import { lookupHashes, normalisePhone, UnreadableDataError } from '../platform/sealing';
import { COLLECTIONS } from './collections';
import { maskedUserPhone, PHONE_LOOKUP } from './personal-records';
import type { UserDoc } from './users';

/** What a shopper without a nickname is called, as WeChat itself does. */
export const UNNAMED_PERSON = '微信用户';

/** CloudBase's `getTempFileURL` takes at most 50 files per call. */
const FILES_PER_LINK_CALL = 50;
/** A search answers this many people at most: enough for a picker or an `_.in` filter, never a whole table. */
export const MAX_MATCHES = 50;

const MAINLAND_MOBILE = /^1\d{10}$/;

type PersonFields = Pick<UserDoc, '_id' | 'nickname' | 'avatarUrl' | 'phone'>;

async function usersById(openids: string[]): Promise<PersonFields[]> {
  return docsByIds<PersonFields>(COLLECTIONS.users, openids, {
    _id: true,
    nickname: true,
    avatarUrl: true,
    phone: true,
  });
}

/** Browser links for cloud fileIDs (https links pass through); a file that cannot be linked shows no avatar. */
async function avatarLinks(avatars: string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const fileIds = [...new Set(avatars.filter((avatar) => avatar.startsWith('cloud://')))];
  for (const avatar of avatars) if (/^https:\/\//.test(avatar)) links.set(avatar, avatar);
  for (let start = 0; start < fileIds.length; start += FILES_PER_LINK_CALL) {
    try {
      const { fileList } = (await cloud.getTempFileURL({
        fileList: fileIds.slice(start, start + FILES_PER_LINK_CALL),
      })) as { fileList: Array<{ fileID: string; tempFileURL?: string }> };
      for (const file of fileList) if (file.tempFileURL) links.set(file.fileID, file.tempFileURL);
    } catch (error) {
      console.error('avatar links unavailable', error);
    }
  }
  return links;
}

function phoneOf(user: PersonFields): string | undefined {
  try {
    return maskedUserPhone(user.phone, user._id);
  } catch (error) {
    // One unreadable value (a rotated-out key, a tampered document) must not blank a whole screen.
    if (!(error instanceof UnreadableDataError)) throw error;
    console.error(`phone of ${user._id} unreadable: ${error.message}`);
    return undefined;
  }
}

/**
 * Every requested openid is in the map: one without a shopper document shows as 微信用户, unless `knownOnly`
 * (for values that may be an openid or something else, like an audit record's actor).
 */
export async function loadPeople(
  openids: string[],
  { knownOnly = false }: { knownOnly?: boolean } = {},
): Promise<Map<string, PersonSummary>> {
  const wanted = [...new Set(openids.filter((openid) => typeof openid === 'string' && openid !== ''))];
  const people = new Map<string, PersonSummary>();
  if (wanted.length === 0) return people;
  const users = await usersById(wanted);
  const links = await avatarLinks(users.flatMap((user) => (user.avatarUrl ? [user.avatarUrl] : [])));
  const byId = new Map(users.map((user) => [user._id, user]));
  for (const openid of wanted) {
    const user = byId.get(openid);
    if (!user && knownOnly) continue;
    const nickname = user?.nickname?.trim() ? user.nickname : UNNAMED_PERSON;
    const avatarUrl = user?.avatarUrl ? links.get(user.avatarUrl) : undefined;
    const phoneMasked = user ? phoneOf(user) : undefined;
    people.set(openid, {
      openid,
      nickname,
      ...(avatarUrl ? { avatarUrl } : {}),
      ...(phoneMasked ? { phoneMasked } : {}),
    });
  }
  return people;
}

/** The summaries of `openids` as a plain object keyed by openid, for a JSON answer (`people` beside `items`). */
export async function peopleRecord(
  openids: Array<string | null | undefined>,
  options?: { knownOnly?: boolean },
): Promise<Record<string, PersonSummary>> {
  const ids = openids.filter((openid): openid is string => typeof openid === 'string' && openid !== '');
  return Object.fromEntries(await loadPeople(ids, options));
}

/**
 * The openids an operator means by `term`: a whole mainland mobile number (by its keyed hash, under every key of
 * the ring), the beginning of a nickname (a range on the `nickname` index; "contains" would read every shopper),
 * or an openid typed in full. At most `MAX_MATCHES`, nickname matches in nickname order.
 */
export async function findOpenidsMatching(term: string): Promise<string[]> {
  const text = term.trim();
  if (text === '') return [];
  const _ = db().command;
  const users = db().collection(COLLECTIONS.users);
  const only = { _id: true };
  const phone = normalisePhone(text);
  const searches: Promise<Array<{ _id: string }>>[] = [
    listDocs<{ _id: string }>(users.where({ _id: text }).field(only).limit(1)),
    listDocs<{ _id: string }>(
      users
        .where({ nickname: _.gte(text).and(_.lt(`${text}\uffff`)) })
        .orderBy('nickname', 'asc')
        .field(only)
        .limit(MAX_MATCHES),
    ),
  ];
  if (MAINLAND_MOBILE.test(phone) && /^[\d\s+()-]+$/.test(text)) {
    searches.unshift(
      listDocs<{ _id: string }>(
        users
          .where({ 'phone.hash': _.in(lookupHashes(PHONE_LOOKUP, phone)) })
          .field(only)
          .limit(MAX_MATCHES),
      ),
    );
  }
  const found = (await Promise.all(searches)).flat().map((doc) => doc._id);
  return [...new Set(found)].slice(0, MAX_MATCHES);
}
