/** A state shown as a coloured tag, from one of the contract's merchant label tables (`ORDER_STATUS`…). */
import { defineComponent, type PropType } from 'vue';
import { Tag } from 'tdesign-vue-next/es/tag';
import type { Label } from '../../../contract/src/labels';

export const StatusTag = defineComponent({
  props: {
    labels: { type: Object as PropType<Record<string, Label>>, required: true },
    value: { type: String as PropType<string | null | undefined>, default: undefined },
  },
  setup(props) {
    return () => {
      const label = props.value ? props.labels[props.value] : undefined;
      return (
        <Tag theme={label?.theme ?? 'default'} variant="light" data-status={props.value ?? ''}>
          {label?.text ?? props.value ?? '—'}
        </Tag>
      );
    };
  },
});
