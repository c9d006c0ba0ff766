import { DISTRIBUTOR_STATES, type DistributorState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { DISTRIBUTOR_STATES, type DistributorState };
export const DISTRIBUTOR_EVENTS = ['approve', 'reject', 'disable', 'enable', 'reapply'] as const;
export type DistributorEvent = (typeof DISTRIBUTOR_EVENTS)[number];

/**
 * In `open` recruitment a shopper's distributor document is created directly in `approved`
 * (全员分销); the `applied` step only exists in `approval` mode. Becoming a distributor never costs
 * anything and never requires a purchase (入门费 is one of the banned pyramid patterns). A rejected applicant
 * may apply again (`reapply`, the shopper's own step): a rejection is about that application, not the person.
 */
export const distributorMachine: Machine<DistributorState, DistributorEvent> = defineMachine({
  name: 'distributor',
  states: DISTRIBUTOR_STATES,
  events: DISTRIBUTOR_EVENTS,
  initial: 'applied',
  guards: {},
  transitions: [
    { from: 'applied', event: 'approve', to: 'approved' },
    { from: 'applied', event: 'reject', to: 'rejected' },
    { from: 'rejected', event: 'reapply', to: 'applied' },
    { from: 'approved', event: 'disable', to: 'disabled' },
    { from: 'disabled', event: 'enable', to: 'approved' },
  ],
});
