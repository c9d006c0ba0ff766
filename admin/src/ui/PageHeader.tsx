/** The title row of a screen: what it is for, and its main actions on the right. */
import { defineComponent, type PropType, type VNodeChild } from 'vue';

export const PageHeader = defineComponent({
  props: {
    title: { type: String, required: true },
    description: { type: String, default: '' },
    actions: { type: Function as PropType<() => VNodeChild>, default: undefined },
  },
  setup(props) {
    return () => (
      <div class="page-header">
        <div>
          <h1 class="page-header__title">{props.title}</h1>
          {props.description ? <p class="page-header__description">{props.description}</p> : null}
        </div>
        {props.actions ? <div class="page-header__actions">{props.actions()}</div> : null}
      </div>
    );
  },
});
