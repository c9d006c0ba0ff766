/**
 * Chooses a distributor by name: the operator types a nickname's beginning, a phone or an invite code, picks a
 * person from what `/distributors?q=` finds, and the screen gets that person's openid. Nobody types an openid.
 */
import { defineComponent, onMounted, ref, shallowRef, watch } from 'vue';
import { Select } from 'tdesign-vue-next/es/select';
import { api } from '../api';
import type { PersonSummary } from '../api-types';
import { personOf, personText } from './PersonCell';

interface PickerOption {
  value: string;
  label: string;
}

/** How many matches the list offers; typing more narrows it. */
const SHOWN = 20;

export const DistributorPicker = defineComponent({
  props: {
    /** The chosen distributor's openid; '' for none. */
    modelValue: { type: String, default: '' },
    placeholder: { type: String, default: '分销员：昵称 / 手机号 / 邀请码' },
    width: { type: String, default: '240px' },
  },
  emits: { 'update:modelValue': (_openid: string) => true, change: (_openid: string) => true },
  setup(props, { emit }) {
    const options = shallowRef<PickerOption[]>([]);
    const loading = ref(false);
    let latest = 0;

    const optionOf = (openid: string, people: Record<string, PersonSummary> | undefined): PickerOption => ({
      value: openid,
      label: personText(personOf(people, openid)),
    });

    async function search(term: string): Promise<void> {
      const ticket = ++latest;
      loading.value = true;
      try {
        const page = await api.distributors({ q: term.trim() || undefined, limit: SHOWN });
        if (ticket !== latest) return;
        options.value = page.items.map((row) => optionOf(row._id, page.people));
      } catch {
        if (ticket === latest) options.value = [];
      } finally {
        if (ticket === latest) loading.value = false;
      }
    }

    /** A distributor chosen elsewhere (a link from the distributors screen) still shows as a person. */
    async function showChosen(openid: string): Promise<void> {
      if (!openid || options.value.some((option) => option.value === openid)) return;
      await search(openid);
    }

    onMounted(() => void showChosen(props.modelValue));
    watch(
      () => props.modelValue,
      (openid) => void showChosen(openid),
    );

    return () => (
      <Select
        value={props.modelValue || undefined}
        options={options.value}
        loading={loading.value}
        filterable
        clearable
        placeholder={props.placeholder}
        data-testid="distributor-picker"
        style={`width:${props.width}`}
        onSearch={(term: string) => void search(term)}
        onFocus={() => {
          if (options.value.length === 0) void search('');
        }}
        onChange={(value) => {
          const openid = typeof value === 'string' ? value : '';
          emit('update:modelValue', openid);
          emit('change', openid);
        }}
      />
    );
  },
});
