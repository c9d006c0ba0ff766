/**
 * The commission-line and distributor CSV exports over real shop activity (orders paid through the functions):
 * yuan from integer fen, the filters, the roles, and text that would run as a formula in a spreadsheet.
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, ownerToken, seedShop } from './support/admin-http';
import { A, B, chainOfThree, expectLedgerClean, paidOrder, S } from './support/commerce';

const emu = useEmulator();
let owner: string;

afterEach(async () => {
  await expectLedgerClean(emu);
});

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
});

/** Header and rows of a CSV answer, each row keyed by its column names. */
function parseCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  // fetch's text() drops the byte-order mark that csv.ts writes for Excel.
  const [headerLine, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const header = headerLine!.split(',');
  const rows = lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ''));
    return Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').replace(/^"|"$/g, '')]));
  });
  return { header, rows };
}

async function csv(path: string, token = owner) {
  const answer = await api(emu, 'GET', path, { token });
  expect(answer.status).toBe(200);
  expect(answer.contentType).toBe('text/csv; charset=utf-8');
  return parseCsv(answer.text);
}

test('GET /commissions.csv: one line per commission with its terms, yuan and status; filters by distributor and status', async () => {
  await chainOfThree(emu);
  const nuts = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  const { rows } = await csv('/commissions.csv');
  expect(rows).toHaveLength(2);
  const ofB = rows.find((row) => row['分销员'] === B)!;
  expect(ofB).toMatchObject({
    订单号: nuts,
    层级: '1',
    买家: S,
    数量: '2',
    '计佣金额(元)': '198.00',
    佣金规则: '15%',
    '佣金(元)': '29.70',
    '已冲回(元)': '0.00',
    '实得(元)': '29.70',
    状态: '冻结中',
  });
  expect(rows.find((row) => row['分销员'] === A)).toMatchObject({ 层级: '2', 佣金规则: '8%', '佣金(元)': '15.84' });

  expect((await csv(`/commissions.csv?distributor=${A}`)).rows.map((row) => row['分销员'])).toEqual([A]);
  expect((await csv('/commissions.csv?status=settled')).rows).toEqual([]);
  expect((await csv(`/commissions.csv?order=${nuts}&status=frozen`)).rows).toHaveLength(2);
  for (const bad of ['?status=lost', '?distributor=', '?from=yesterday', '?openid=x']) {
    expect((await api(emu, 'GET', `/commissions.csv${bad}`, { token: owner })).status).toBe(400);
  }
});

test('GET /distributors.csv: every distributor with status, freeze and balances; a formula in a reason is defused', async () => {
  await chainOfThree(emu);
  await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  await apiOk(emu, 'POST', `/distributors/${A}/freeze`, { token: owner, body: { reason: '=HYPERLINK("http://x")' } });
  const { header, rows } = await csv('/distributors.csv');
  expect(header).toContain('可提现(元)');
  expect(rows.map((row) => row['分销员']).sort()).toEqual([A, B].sort());
  expect(rows.find((row) => row['分销员'] === B)).toMatchObject({
    状态: '正常',
    风控冻结: '否',
    '待结算(元)': '29.70',
    '可提现(元)': '0.00',
  });
  const frozenRow = rows.find((row) => row['分销员'] === A)!;
  expect(frozenRow['风控冻结']).toBe('是');
  // Quoted (it has a comma-free quote pair) and prefixed so a spreadsheet shows it as text.
  expect(frozenRow['冻结原因']!.startsWith("'=HYPERLINK")).toBe(true);
  expect((await csv('/distributors.csv?status=disabled')).rows).toEqual([]);
});

test('as an attacker: no session gets nothing; unknown query fields are refused', async () => {
  for (const path of ['/commissions.csv', '/distributors.csv']) {
    const answer = await api(emu, 'GET', path);
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain('分销员');
    expect((await api(emu, 'GET', `${path}?limit=99999`, { token: owner })).status).toBe(400);
  }
});
