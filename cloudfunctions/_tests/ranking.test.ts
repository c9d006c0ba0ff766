/**
 * The shopper ranking (`distributorCenter` `ranking`) from the maintained `earnedFen` of balance documents: written
 * by every ledger posting (payment, settlement, withdrawal), read from the `earned` index (20 documents, no scan,
 * however many distributors), and audited by check:ledger so that a drifted figure is caught.
 */
import { backfillEarned } from '../_tools/backfill-earned';
import { checkLedger } from '../_tools/check-ledger';
import { TEST_NO_TABLE_SCAN_ABOVE, connectSdk, useEmulator } from '../../emulator/test/support/emulator';
import { emulatorNow } from './support/operator';
import { A, B, S, byId, chainOfThree, expectLedgerClean, paidOrder, settleOrder } from './support/commerce';
import { documents, ok } from './support/shopper';

const emu = useEmulator({}, { resetBeforeEach: false });

beforeEach(async () => {
  await emu.request('POST', '/_emulator/reset', { seed: true });
});

const ranking = (openid: string) => ok(emu, 'distributorCenter', { $url: 'ranking' }, openid);

async function expectEarnedKept(): Promise<void> {
  for (const doc of await documents(emu, 'balances')) {
    expect({ id: doc._id, earnedFen: doc.earnedFen }).toEqual({
      id: doc._id,
      earnedFen: doc.frozen + doc.available + doc.held + doc.withdrawn,
    });
  }
}

test('every posting keeps earnedFen, the ranking reads it, and check:ledger catches a drift', async () => {
  await chainOfThree(emu);
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  await expectEarnedKept();
  expect(await ranking(S)).toEqual([
    { rank: 1, nickname: expect.any(String), earnedFen: 2970, isMe: false },
    { rank: 2, nickname: expect.any(String), earnedFen: 1584, isMe: false },
  ]);

  // Settled, then partly withdrawn: money moves between buckets, what was earned does not change.
  await settleOrder(emu, orderId);
  expect((await byId(emu, 'balances', B)).available).toBe(2970);
  await ok(emu, 'requestWithdrawal', { requestId: 'ranking-0001', amountFen: 2000 }, B);
  expect(await byId(emu, 'balances', B)).toMatchObject({ available: 970, held: 2000, earnedFen: 2970 });
  await expectEarnedKept();
  const mine = await ranking(B);
  expect(mine.map((row: { earnedFen: number; isMe: boolean }) => [row.earnedFen, row.isMe])).toEqual([
    [2970, true],
    [1584, false],
  ]);
  await expectLedgerClean(emu);

  // A figure that drifted from the buckets misranks a distributor: the ledger check names it.
  const balanceOfA = connectSdk(emu.url).database().collection('balances').doc(A);
  await balanceOfA.update({ data: { earnedFen: 99_999 } });
  expect((await ranking(S))[0]).toMatchObject({ earnedFen: 99_999 });
  const report = await checkLedger({ emulatorUrl: emu.url });
  expect(report.violations).toEqual([
    expect.objectContaining({ code: 'EARNED_MISMATCH', distributorId: A, expected: 1584, actual: 99_999 }),
  ]);
  // And a balance document without the figure (written before it was kept) too.
  await balanceOfA.update({ data: { earnedFen: connectSdk(emu.url).database().command.remove() } });
  const withoutFigure = await checkLedger({ emulatorUrl: emu.url });
  expect(withoutFigure.violations.map((violation) => violation.code)).toEqual(['EARNED_MISMATCH']);
  // backfill:earned gives it its figure again, and only once.
  expect(await backfillEarned({ emulatorUrl: emu.url })).toMatchObject({ backfilled: 1 });
  expect(await backfillEarned({ emulatorUrl: emu.url })).toMatchObject({ backfilled: 0 });
  await expectLedgerClean(emu);
}, 120_000);

test('at size: the top 20 by earnedFen (ties by _id) from the index, 20 documents read, no scan', async () => {
  const count = 120;
  expect(count).toBeGreaterThan(TEST_NO_TABLE_SCAN_ABOVE);
  const now = await emulatorNow(emu);
  // Earnings repeat every 40 distributors, so the top places are ties broken by _id.
  const balances = Array.from({ length: count }, (_, i) => {
    const available = (i % 40) * 100;
    return {
      _id: `o-rank-${String(i).padStart(3, '0')}`,
      frozen: 0,
      available,
      held: 0,
      withdrawn: 0,
      debt: 0,
      earnedFen: available,
      updatedAt: now,
    };
  });
  await emu.emulator.services.db.seed('balances', balances);
  await emu.emulator.services.db.seed(
    'users',
    balances.map((balance, i) => ({ _id: balance._id, createdAt: now, nickname: `排名${i}` })),
  );
  const expected = [...balances]
    .sort((a, b) => b.earnedFen - a.earnedFen || (a._id < b._id ? -1 : 1))
    .slice(0, 20)
    .map((balance) => balance.earnedFen);

  await emu.request('POST', '/_emulator/stats/reset');
  const rows = await ranking('o-rank-039');
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  expect(stats.scans.total).toBe(0);
  const balancesRead = (stats.breakdown as Array<{ collection: string; documentsExamined: number }>)
    .filter((row) => row.collection === 'balances')
    .reduce((sum, row) => sum + row.documentsExamined, 0);
  expect(balancesRead).toBeLessThanOrEqual(20);
  expect(rows.map((row: { earnedFen: number }) => row.earnedFen)).toEqual(expected);
  expect(rows.map((row: { rank: number }) => row.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  // o-rank-039, -079 and -119 share the top figure; the caller is the first of them by _id.
  expect(rows.slice(0, 3).map((row: { isMe: boolean }) => row.isMe)).toEqual([true, false, false]);
  expect(rows[0].nickname).toBe('排*');
  expect(JSON.stringify(rows)).not.toContain('o-rank');
});

test('a balance written before earnedFen was kept shows its figure, and takes its place once backfilled', async () => {
  const now = await emulatorNow(emu);
  await emu.emulator.services.db.seed('balances', [
    { _id: 'o-old', frozen: 0, available: 500, held: 0, withdrawn: 100, debt: 0, updatedAt: now },
    { _id: 'o-new', frozen: 0, available: 10, held: 0, withdrawn: 0, debt: 0, earnedFen: 10, updatedAt: now },
  ]);
  expect((await ranking(S)).map((row: { earnedFen: number }) => row.earnedFen)).toEqual([10, 600]);
  expect(await backfillEarned({ emulatorUrl: emu.url })).toEqual({ read: 2, backfilled: 1 });
  expect((await ranking(S)).map((row: { earnedFen: number }) => row.earnedFen)).toEqual([600, 10]);
});
