import * as contract from '../src';
import {
  afterSaleMachine,
  commissionMachine,
  distributorMachine,
  orderMachine,
  withdrawalMachine,
  type Machine,
} from '../../core/src';

const CHINESE = /[\u4e00-\u9fff]/;

function textOf(label: string | contract.Label | { label: string }): string {
  if (typeof label === 'string') return label;
  return 'text' in label ? label.text : label.label;
}

function expectCovers(table: Readonly<Record<string, unknown>>, values: readonly (string | number)[]): void {
  expect(Object.keys(table).sort()).toEqual(values.map(String).sort());
  for (const value of values) expect(textOf(table[String(value)] as string)).toMatch(CHINESE);
}

function statesOf(machine: Machine<string, string>): readonly string[] {
  return machine.states;
}

describe('labels cover every state of every machine in core/src/machines', () => {
  it.each([
    ['order (merchant)', contract.ORDER_STATUS, orderMachine],
    ['order (shopper)', contract.ORDER_STATUS_FOR_SHOPPER, orderMachine],
    ['after-sale (merchant)', contract.AFTER_SALE_STATUS, afterSaleMachine],
    ['after-sale (shopper)', contract.AFTER_SALE_STATUS_FOR_SHOPPER, afterSaleMachine],
    ['withdrawal (merchant)', contract.WITHDRAWAL_STATUS, withdrawalMachine],
    ['withdrawal (distributor)', contract.WITHDRAWAL_STATUS_FOR_DISTRIBUTOR, withdrawalMachine],
    ['distributor (merchant)', contract.DISTRIBUTOR_STATUS, distributorMachine],
    ['commission (merchant)', contract.COMMISSION_STATUS, commissionMachine],
  ] as const)('%s', (_name, table, machine) => {
    expectCovers(table, statesOf(machine as unknown as Machine<string, string>));
  });

  it('the distributor center labels every distributor state, and "none" before any', () => {
    expectCovers(contract.CENTER_STATUS_TEXT, [
      'none',
      ...statesOf(distributorMachine as unknown as Machine<string, string>),
    ]);
    // An applicant waiting for review is told so (the server writes `applied`; there is no `pending`).
    expect(contract.CENTER_STATUS_TEXT.applied).toContain('审核中');
  });

  it('other enumerations', () => {
    expectCovers(contract.ROLE_LABEL, contract.ADMIN_ROLES);
    expectCovers(contract.BINDING_SOURCE_LABEL, contract.BINDING_SOURCES);
    expectCovers(contract.MATERIAL_KIND_LABEL, contract.MATERIAL_KINDS);
    expectCovers(contract.RECRUITMENT_MODE_LABEL, contract.RECRUITMENT_MODES);
    expectCovers(contract.BINDING_MODE_LABEL, contract.BINDING_MODES);
    expectCovers(contract.BUCKET_LABEL, contract.BUCKETS);
    expectCovers(contract.LEDGER_KIND_TEXT, contract.LEDGER_ENTRY_KINDS);
    expectCovers(contract.TIMELINE_TEXT, contract.TIMELINE_EVENTS);
    expectCovers(contract.TEAM_LEVEL_TEXT, contract.TEAM_LEVELS);
    expectCovers(contract.STOCK_STATE_FOR_SHOPPER, contract.STOCK_STATES);
  });

  it("the machines are built over the contract's state lists", () => {
    expect(orderMachine.states).toEqual(contract.ORDER_STATES);
    expect(afterSaleMachine.states).toEqual(contract.AFTER_SALE_STATES);
    expect(withdrawalMachine.states).toEqual(contract.WITHDRAWAL_STATES);
    expect(distributorMachine.states).toEqual(contract.DISTRIBUTOR_STATES);
    expect(commissionMachine.states).toEqual(contract.COMMISSION_STATES);
  });

  it('optionsOf lists a table in order for selects and tabs', () => {
    expect(contract.optionsOf(contract.ORDER_STATUS)[0]).toEqual({ value: 'unpaid', label: '待支付' });
    expect(contract.optionsOf(contract.ORDER_STATUS_FOR_SHOPPER)[2]).toEqual({ value: 'shipped', label: '待收货' });
  });
});

describe('role groups', () => {
  it('only name roles that exist, and only the owner is in every group', () => {
    for (const group of Object.values(contract.ROLE_GROUPS)) {
      for (const role of group) expect(contract.ADMIN_ROLES).toContain(role);
      expect(group).toContain('owner');
    }
    expect(contract.ROLE_GROUPS.finance).not.toContain('operator');
    expect(contract.ROLE_GROUPS.shop).not.toContain('finance');
  });
});
