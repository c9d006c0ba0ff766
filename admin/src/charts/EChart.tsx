/** One chart: drawn on mount, redrawn when its option changes, resized with its box, disposed on unmount. */
import { defineComponent, onBeforeUnmount, onMounted, ref, watch, type PropType } from 'vue';
import { init, type EChartsCoreOption, type EChartsType } from './echarts';

export const EChart = defineComponent({
  props: {
    option: { type: Object as PropType<EChartsCoreOption>, required: true },
    label: { type: String, required: true },
  },
  setup(props) {
    const box = ref<HTMLDivElement>();
    const rendered = ref(false);
    let chart: EChartsType | undefined;
    let observer: ResizeObserver | undefined;

    onMounted(() => {
      if (!box.value) return;
      chart = init(box.value, undefined, { renderer: 'canvas' });
      chart.on('finished', () => (rendered.value = true));
      chart.setOption(props.option);
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(box.value);
    });
    watch(
      () => props.option,
      (option) => chart?.setOption(option, { notMerge: true }),
    );
    onBeforeUnmount(() => {
      observer?.disconnect();
      chart?.dispose();
    });

    return () => (
      <div
        ref={box}
        class="chart"
        role="img"
        aria-label={props.label}
        data-testid="chart"
        data-rendered={String(rendered.value)}
      />
    );
  },
});
