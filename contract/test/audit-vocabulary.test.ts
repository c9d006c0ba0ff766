/**
 * The audit log's one vocabulary covers what the admin API records: every action it writes has a Chinese name,
 * every kind of object a name and a screen; a target becomes `提现单` with a link, changed fields become labels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_LABEL, AUDIT_OBJECTS, changedAuditFields, describeAuditTarget } from '../src/audit-vocabulary';

const ADMIN_API = join(__dirname, '../../cloudfunctions/adminApi');

function adminSources(): string {
  const files = [
    ...readdirSync(ADMIN_API).map((name) => join(ADMIN_API, name)),
    ...readdirSync(join(ADMIN_API, 'routes')).map((name) => join(ADMIN_API, 'routes', name)),
  ].filter((file) => file.endsWith('.ts'));
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

test('every action and object kind the admin API audits has its Chinese name', () => {
  const source = adminSources();
  const actions = new Set(
    [
      ...source.matchAll(
        /'((?:product|category|order|refund|distributor|withdrawal|material|member|reconciliation|settings|operator|session)\.[a-zA-Z]+)'/g,
      ),
    ].map((match) => match[1] as string),
  );
  // The target beside an action: `recordChange(actor, 'order.ship', `orders/${id}`, …)`.
  const kinds = new Set(
    [...source.matchAll(/'[a-z]+\.[a-zA-Z]+',\s*`([a-zA-Z]+)\//g)].map((match) => match[1] as string),
  );
  expect(kinds.size).toBeGreaterThan(5);
  expect(actions.size).toBeGreaterThan(10);
  expect([...actions].filter((action) => !(action in AUDIT_ACTION_LABEL))).toEqual([]);
  expect([...kinds].filter((kind) => !(kind in AUDIT_OBJECTS))).toEqual([]);
});

test('a target is named and linked to its screen; an unknown one keeps its code and no link', () => {
  expect(describeAuditTarget('withdrawals/wd-123')).toEqual({
    objectName: '提现单',
    id: 'wd-123',
    link: '/withdrawals?q=wd-123',
  });
  expect(describeAuditTarget('settings/rules:v3')).toEqual({ objectName: '设置', id: 'rules:v3', link: '/settings' });
  expect(describeAuditTarget('mystery/x')).toEqual({ objectName: 'mystery', id: 'x', link: null });
  expect(describeAuditTarget('orders/<b>x</b>').link).toBe('/orders?q=%3Cb%3Ex%3C%2Fb%3E');
});

test('changed fields come back labelled in Chinese, unknown ones under their own name', () => {
  expect(
    changedAuditFields(
      { status: 'requested', amountFen: 100, same: 1 },
      { status: 'rejected', rejectReason: '资料不全', decidedAt: 1, amountFen: 100, same: 1, oddField: true },
    ),
  ).toEqual([
    { field: 'status', label: '状态' },
    { field: 'rejectReason', label: '拒绝原因' },
    { field: 'decidedAt', label: '处理时间' },
    { field: 'oddField', label: 'oddField' },
  ]);
  expect(changedAuditFields(null, { status: 'x' })).toEqual([]);
});
