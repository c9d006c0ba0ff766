/**
 * The personal-data module on its own: sealing (AES-256-GCM), key rotation, refusing tampered or moved
 * ciphertexts, plain text written before encryption, lookup hashes and masks. No emulator needed.
 */
import { randomBytes } from 'node:crypto';
import { parseKeyring } from '../_shared/platform/keyring';
import { maskName, maskPhone, publicNickname } from '../_shared/platform/masks';
import {
  maskedAddress,
  openAddress,
  openPayeeName,
  sealAddress,
  sealPayeeName,
  ERASED_ADDRESS,
} from '../_shared/store/personal-records';
import {
  isSealed,
  keyIdOf,
  lookupHash,
  lookupHashes,
  normalisePhone,
  open,
  seal,
  UnreadableDataError,
} from '../_shared/platform/sealing';

const key = () => randomBytes(32).toString('base64');
const K1 = `k1:${key()}`;
const K2 = `k2:${key()}`;
const phone = { field: 'distributor.phone', owner: 'o-alice' };

describe('keyring', () => {
  test('the first key encrypts, every key decrypts', () => {
    const ring = parseKeyring(`${K2},${K1}`);
    expect(ring.current.id).toBe('k2');
    expect([...ring.byId.keys()]).toEqual(['k2', 'k1']);
  });

  test.each([
    ['', 'holds no key'],
    ['k1', 'each key is'],
    ['k 1:' + key(), 'each key is'],
    [`k1:${randomBytes(16).toString('base64')}`, 'not 32 bytes'],
    [`${K1},${K1}`, 'appears twice'],
  ])('refuses %j', (value, message) => {
    expect(() => parseKeyring(value)).toThrow(message);
  });
});

describe('sealing', () => {
  const ring = parseKeyring(K1);

  test('round trip; the ciphertext holds no plaintext and names its key; each seal is different', () => {
    const sealed = seal('13800138000', phone, ring);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('13800138000');
    expect(keyIdOf(sealed)).toBe('k1');
    expect(seal('13800138000', phone, ring)).not.toBe(sealed);
    expect(open(sealed, phone, ring)).toBe('13800138000');
  });

  test('unicode survives', () => {
    expect(open(seal('张三 🍵 新港中路397号', phone, ring), phone, ring)).toBe('张三 🍵 新港中路397号');
  });

  test('a tampered ciphertext, nonce or tag is refused', () => {
    const sealed = seal('13800138000', phone, ring);
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts.slice(0, index), bytes.toString('base64url'), ...parts.slice(index + 1)].join('.');
      expect(() => open(tampered, phone, ring)).toThrow(UnreadableDataError);
    }
    expect(() => open(`${sealed}.x`, phone, ring)).toThrow(UnreadableDataError);
  });

  test('a ciphertext moved to another owner or field does not open', () => {
    const sealed = seal('13800138000', phone, ring);
    expect(() => open(sealed, { ...phone, owner: 'o-mallory' }, ring)).toThrow(UnreadableDataError);
    expect(() => open(sealed, { ...phone, field: 'distributor.name' }, ring)).toThrow(UnreadableDataError);
  });

  test('rotation: data under the old key still opens, new data uses the new key; a dropped key refuses', () => {
    const old = seal('13800138000', phone, parseKeyring(K1));
    const rotated = parseKeyring(`${K2},${K1}`);
    expect(open(old, phone, rotated)).toBe('13800138000');
    expect(keyIdOf(seal('13800138000', phone, rotated))).toBe('k2');
    expect(() => open(old, phone, parseKeyring(K2))).toThrow('unknown key k1');
  });

  test('a key with the same id but other bytes refuses', () => {
    const sealed = seal('x', phone, parseKeyring(K1));
    expect(() => open(sealed, phone, parseKeyring(`k1:${key()}`))).toThrow(UnreadableDataError);
  });

  test('plain text from before encryption reads as it is', () => {
    expect(open('13800138000', phone, ring)).toBe('13800138000');
  });

  test('lookup hashes: keyed, stable, per key id; normalised phones match', () => {
    const rotated = parseKeyring(`${K2},${K1}`);
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    const hash = lookupHash('phone', '13800138000', ring);
    expect(hash).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(hash).toBe(lookupHash('phone', '13800138000', ring));
    expect(hash).not.toBe(lookupHash('phone', '13800138000', parseKeyring(`k1:${key()}`)));
    expect(lookupHashes('phone', '13800138000', rotated)).toContain(hash);
  });
});

describe('addresses', () => {
  const address = {
    userName: '张三',
    telNumber: '13800138000',
    provinceName: '广东省',
    cityName: '广州市',
    countyName: '海珠区',
    detailInfo: '新港中路397号',
  };

  beforeAll(() => {
    process.env.SHOP_DATA_KEY = K1;
  });

  test('sealed whole, opened for its owner, masked to the district', () => {
    const stored = sealAddress(address, 'o-S');
    const raw = JSON.stringify(stored);
    for (const piece of ['张三', '13800138000', '新港中路', '海珠区', '广州市']) expect(raw).not.toContain(piece);
    expect(openAddress(stored, 'o-S')).toEqual(address);
    expect(maskedAddress(stored, 'o-S')).toEqual({
      userName: '张*',
      telNumber: '138****8000',
      provinceName: '广东省',
      cityName: '广州市',
      countyName: '海珠区',
      detailInfo: '',
    });
  });

  test("payees' real names have their own sealed slot", () => {
    const sealed = sealPayeeName('王小明', 'o-B');
    expect(sealed).not.toContain('王小明');
    expect(openPayeeName(sealed, 'o-B')).toBe('王小明');
    expect(() => openPayeeName(sealed, 'o-A')).toThrow(UnreadableDataError);
  });

  test('plain addresses of older orders still read; erased ones show the marker', () => {
    expect(openAddress(address, 'o-S')).toEqual(address);
    expect(maskedAddress(address, 'o-S').telNumber).toBe('138****8000');
    expect(openAddress({ erasedAt: 1 }, 'o-S')).toBeNull();
    expect(maskedAddress({ erasedAt: 1 }, 'o-S')).toEqual(ERASED_ADDRESS);
  });
});

describe('masks', () => {
  test('phones, names, nicknames', () => {
    expect(maskPhone('13800130000')).toBe('138****0000');
    expect(maskPhone('123')).toBe('****');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskName('🍵茶')).toBe('🍵*');
    expect(publicNickname('小王同学')).toBe('小*');
    expect(publicNickname(undefined)).toBe('微信用户');
    expect(publicNickname('  ')).toBe('微信用户');
  });
});
