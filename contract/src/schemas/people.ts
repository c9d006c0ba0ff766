/** Inputs of the profile routes (`shop` `updateProfile`, `bindPhone`) and the buyer's note at checkout. */
import { z } from 'zod';
import { MAX_BUYER_NOTE_LENGTH, MAX_NICKNAME_LENGTH } from '../limits';

/**
 * Control characters, and the bidirectional overrides that make text display in another order than it is stored
 * (a nickname that reads differently on an operator's screen). Markup is not refused: it is text and shown as text.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A nickname from `<input type="nickname">`: 1–20 characters (by code point), printable, trimmed. */
export const nicknameSchema = z
  .string()
  .trim()
  .min(1, '请填写昵称')
  .refine((text) => Array.from(text).length <= MAX_NICKNAME_LENGTH, `昵称最多 ${MAX_NICKNAME_LENGTH} 个字`)
  .refine((text) => !UNPRINTABLE.test(text), '昵称含有不可见字符');

/**
 * An avatar the mini program uploaded to cloud storage (`wx.cloud.uploadFile` under `avatars/`): its fileID.
 * Nothing else: not a link to anywhere, not another folder's file.
 */
export const avatarFileIdSchema = z
  .string()
  .max(300)
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/avatars\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, '头像须为上传到云存储的图片');

export const updateProfileSchema = z
  .strictObject({ nickname: nicknameSchema.optional(), avatarFileId: avatarFileIdSchema.optional() })
  .refine((input) => input.nickname !== undefined || input.avatarFileId !== undefined, '请填写昵称或选择头像');

/** The code `<button open-type="getPhoneNumber">` hands over (`bindgetphonenumber`'s `detail.code`). */
export const bindPhoneSchema = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '手机号授权码无效') });

/** 买家留言: free text for the merchant, shown as text; at most 200 characters. */
export const buyerNoteSchema = z
  .string()
  .trim()
  .max(MAX_BUYER_NOTE_LENGTH, `留言最多 ${MAX_BUYER_NOTE_LENGTH} 个字`)
  .refine((text) => !UNPRINTABLE.test(text.replace(/[\n\r\t]/g, ' ')), '留言含有不可见字符');
