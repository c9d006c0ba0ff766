import bench, { runCommissionOrders } from '../bench/commission.bench';

describe('commission bench', () => {
  it('runs the full order path (the figure itself is printed by the bench runner, never asserted)', () => {
    let tick = 0;
    const result = runCommissionOrders(200, () => tick++);
    expect(result.orders).toBe(200);
    // 5 lines × 2 levels accrued + 2 reversals for the partial refund of line 3
    expect(result.entries).toBe(200 * 12);
    expect(typeof bench).toBe('function');
  });
});
