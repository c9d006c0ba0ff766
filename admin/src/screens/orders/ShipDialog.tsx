/** Shipping a paid order: carrier and tracking number, checked here as the server checks them. */
import { defineComponent, reactive, ref, watch, type PropType } from 'vue';
import { Dialog } from 'tdesign-vue-next/es/dialog';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Select } from 'tdesign-vue-next/es/select';
import { api } from '../../api';
import type { OrderDoc } from '../../api-types';
import { messageOf } from '../../ui/errors';
import { ApiError } from '../../api';
import { navigate } from '../../hash-location';
import { textField } from '../../ui/fields';

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', '邮政 EMS', '极兔速递'];
const TRACKING_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

export const ShipDialog = defineComponent({
  props: {
    order: { type: Object as PropType<OrderDoc | null>, default: null },
    onClose: { type: Function as PropType<() => void>, required: true },
    onShipped: { type: Function as PropType<(order: OrderDoc) => void>, required: true },
  },
  setup(props) {
    const form = reactive({ carrier: CARRIERS[0] as string, trackingNo: '' });
    const busy = ref(false);
    const failure = ref('');
    /** Set when an open after-sale refused the shipment: the dialog links to it. */
    const blockedBy = ref('');
    const trackingError = ref('');

    watch(
      () => props.order?._id,
      () => {
        form.trackingNo = '';
        failure.value = '';
        trackingError.value = '';
      },
    );

    async function submit(): Promise<void> {
      const order = props.order;
      if (!order) return;
      const trackingNo = form.trackingNo.trim();
      trackingError.value = TRACKING_PATTERN.test(trackingNo) ? '' : '运单号为 4–40 位字母、数字或 -';
      if (trackingError.value || !form.carrier.trim()) return;
      busy.value = true;
      failure.value = '';
      blockedBy.value = '';
      try {
        props.onShipped(await api.shipOrder(order._id, form.carrier.trim(), trackingNo));
      } catch (error) {
        failure.value = messageOf(error);
        if (error instanceof ApiError && error.code === 'AFTER_SALE_OPEN') blockedBy.value = order._id;
      } finally {
        busy.value = false;
      }
    }

    return () => (
      <Dialog
        visible={props.order !== null}
        header={`发货 · 订单 ${props.order?._id ?? ''}`}
        confirmBtn={{ content: '确认发货', loading: busy.value }}
        cancelBtn="取消"
        onConfirm={() => void submit()}
        onClose={() => props.onClose()}
        width="520px"
      >
        {props.order ? (
          <Form labelWidth="90px" colon={false}>
            <FormItem label="收货人">
              <span>
                {props.order.address.userName} {props.order.address.telNumber}
                <br />
                <span class="muted">
                  {props.order.address.provinceName}
                  {props.order.address.cityName}
                  {props.order.address.countyName}
                  {props.order.address.detailInfo}
                </span>
              </span>
            </FormItem>
            <FormItem label="快递公司">
              <Select
                value={form.carrier}
                filterable
                creatable
                options={CARRIERS.map((name) => ({ label: name, value: name }))}
                onChange={(value) => (form.carrier = String(value ?? ''))}
                onCreate={(value) => (form.carrier = String(value))}
              />
            </FormItem>
            <FormItem label="运单号" status={trackingError.value ? 'error' : undefined} tips={trackingError.value}>
              <Input {...textField(form, 'trackingNo')} placeholder="例如 SF1234567890" maxlength={40} />
            </FormItem>
            {failure.value ? (
              <p class="dialog-error" role="alert">
                {failure.value}
                {blockedBy.value ? (
                  <a
                    href="javascript:void 0"
                    class="dialog-link"
                    onClick={() => {
                      const orderId = blockedBy.value;
                      props.onClose();
                      navigate('/refunds', { orderId });
                    }}
                  >
                    {' '}
                    去处理售后
                  </a>
                ) : null}
              </p>
            ) : null}
          </Form>
        ) : null}
      </Dialog>
    );
  },
});
