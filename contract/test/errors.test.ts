import {
  CLIENT_ERROR_CODES,
  ERROR_MESSAGES,
  isErrorCode,
  isServerErrorCode,
  messageFor,
  SERVER_ERROR_CODES,
} from '../src';
import { DOMAIN_ERROR_CODES, messageFor as coreMessageFor } from '../../core/src';

const CHINESE = /[\u4e00-\u9fff]/;

describe('error table', () => {
  it('has a Chinese message for every code, server and client', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      expect(ERROR_MESSAGES[code]).toMatch(CHINESE);
      expect(messageFor(code)).toBe(ERROR_MESSAGES[code]);
    }
  });

  it('has no message for a code nobody answers with', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES].sort());
  });

  it('is the table the core speaks', () => {
    expect([...DOMAIN_ERROR_CODES]).toEqual([...SERVER_ERROR_CODES]);
    for (const code of DOMAIN_ERROR_CODES) expect(coreMessageFor(code)).toBe(ERROR_MESSAGES[code]);
  });

  it('knows its codes', () => {
    expect(isServerErrorCode('OUT_OF_STOCK')).toBe(true);
    expect(isServerErrorCode('NETWORK')).toBe(false);
    expect(isErrorCode('NETWORK')).toBe(true);
    expect(isErrorCode('SOMETHING_ELSE')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
