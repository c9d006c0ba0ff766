/**
 * `wxacode.getUnlimited`: WeChat's limits on scene and page, and a real, scannable stand-in for the code.
 *
 * The emulator cannot draw a WeChat "sun code", so it draws a standard QR code whose text says what scanning
 * the real code would do: open `page` with `query.scene = encodeURIComponent(scene)` (§6.2 of the notes):
 *
 *     https://mp.weixin.qq.com/a/<page>?scene=<encodeURIComponent(scene)>
 *
 * `parseWxacodeText` reads that text back, so a test can decode the PNG and "scan" it.
 */
import QRCode from 'qrcode';

export interface WxacodeParams {
  scene: string;
  page: string;
  width: number;
  envVersion: string;
}

export interface WechatError {
  errcode: number;
  errmsg: string;
}

const WXACODE_TEXT_PREFIX = 'https://mp.weixin.qq.com/a/';
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const DEFAULT_WIDTH = 430;
const MIN_WIDTH = 280;
const MAX_WIDTH = 1280;

/** Checks the JSON-decoded parameters; answers WeChat's error when the real API would refuse them. */
export function validateWxacodeParams(params: Record<string, unknown>): WxacodeParams | WechatError {
  const { scene, page = '', width = DEFAULT_WIDTH, env_version: envVersion = 'release' } = params;
  if (typeof scene !== 'string' || !SCENE.test(scene)) {
    return {
      errcode: 40169,
      errmsg:
        "invalid length for scene, or the data is not json string (scene: 1-32 chars of 0-9A-Za-z!#$&'()*+,/:;=?@-._~)",
    };
  }
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) {
    return { errcode: 41030, errmsg: 'invalid page (no leading "/" and no query string)' };
  }
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) {
    return { errcode: 40097, errmsg: `invalid args: env_version must be one of ${ENV_VERSIONS.join(', ')}` };
  }
  if (typeof width !== 'number' || !Number.isFinite(width)) return { errcode: 40097, errmsg: 'invalid args: width' };
  // WeChat clamps the width instead of refusing it.
  return { scene, page, envVersion, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width))) };
}

export function wxacodeText(page: string, scene: string): string {
  return `${WXACODE_TEXT_PREFIX}${page}?scene=${encodeURIComponent(scene)}`;
}

/** What scanning the code opens: the page and the scene as the mini program receives it in `query.scene`. */
export function parseWxacodeText(text: string): { page: string; scene: string; query: { scene: string } } | undefined {
  if (!text.startsWith(WXACODE_TEXT_PREFIX)) return undefined;
  const queryStart = text.indexOf('?');
  const encodedScene = /^scene=([^&]*)$/.exec(text.slice(queryStart + 1))?.[1];
  if (queryStart < 0 || encodedScene === undefined) return undefined;
  const page = text.slice(WXACODE_TEXT_PREFIX.length, queryStart);
  return { page, scene: decodeURIComponent(encodedScene), query: { scene: encodedScene } };
}

export function renderWxacode({ page, scene, width }: WxacodeParams): Promise<Buffer> {
  return QRCode.toBuffer(wxacodeText(page, scene), { type: 'png', width, margin: 2 });
}
