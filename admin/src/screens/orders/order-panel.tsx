/**
 * The order detail drawer and its ship dialog, as every screen that lists orders or refers to them opens them:
 * shipping from the drawer or from a row behaves the same everywhere (success toast, drawer closed, list reloaded).
 */
import { ref } from 'vue';
import type { OrderDoc } from '../../api-types';
import { showSuccess } from '../../ui/notify';
import { OrderDetailDrawer } from './OrderDetailDrawer';
import { ShipDialog } from './ShipDialog';

export function useOrderPanel(onChanged: () => void) {
  const viewing = ref<string | null>(null);
  const shipping = ref<OrderDoc | null>(null);

  const render = () => (
    <>
      <OrderDetailDrawer
        orderId={viewing.value}
        onClose={() => (viewing.value = null)}
        onShip={(order) => (shipping.value = order)}
        onChanged={onChanged}
      />
      <ShipDialog
        order={shipping.value}
        onClose={() => (shipping.value = null)}
        onShipped={(order) => {
          shipping.value = null;
          showSuccess(`订单 ${order._id} 已发货`);
          if (viewing.value === order._id) viewing.value = null;
          onChanged();
        }}
      />
    </>
  );

  return {
    view: (orderId: string) => (viewing.value = orderId),
    ship: (order: OrderDoc) => (shipping.value = order),
    render,
  };
}
