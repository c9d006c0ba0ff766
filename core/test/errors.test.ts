import { DOMAIN_ERROR_CODES, DomainError, err, isDomainErrorCode, messageFor, ok, unwrap } from '../src';

describe('errors', () => {
  it('has a Chinese message for every code', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      expect(messageFor(code)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('includes the codes the cloud functions rely on', () => {
    for (const code of [
      'INVALID_INPUT',
      'OUT_OF_STOCK',
      'PRODUCT_UNAVAILABLE',
      'ILLEGAL_TRANSITION',
      'NOT_A_DISTRIBUTOR',
      'BINDING_REFUSED',
      'BELOW_WITHDRAWAL_MINIMUM',
      'ABOVE_WITHDRAWAL_MAXIMUM',
      'DAILY_WITHDRAWAL_CAP_REACHED',
      'WITHDRAWAL_BLOCKED_BY_DEBT',
      'INSUFFICIENT_BALANCE',
      'COUPON_NOT_APPLICABLE',
      'REFUND_EXCEEDS_PURCHASE',
      'NOT_FOUND',
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'CONFLICT',
      'IDEMPOTENCY_KEY_REUSED',
      'INTERNAL',
    ]) {
      expect(isDomainErrorCode(code)).toBe(true);
    }
    expect(isDomainErrorCode('SOMETHING_ELSE')).toBe(false);
  });

  it('carries code, shopper message and details, and serialises for the envelope', () => {
    const error = new DomainError('OUT_OF_STOCK', { productId: 'p1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(error.message).toBe('商品库存不足');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'OUT_OF_STOCK',
      message: '商品库存不足',
      details: { productId: 'p1' },
    });
  });

  it('Result helpers', () => {
    expect(unwrap(ok(3))).toBe(3);
    const failed = err('NOT_FOUND');
    expect(failed.ok).toBe(false);
    expect(() => unwrap(failed)).toThrow(DomainError);
  });
});
