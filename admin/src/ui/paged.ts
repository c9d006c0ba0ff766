/**
 * A paged list behind a table: its filters, the current page, loading and the last error (shown in place of the
 * rows, with a retry). Filters changing start again from page 1.
 */
import { reactive, ref, shallowRef } from 'vue';
import type { Page, PersonSummary } from '../api-types';
import { messageOf } from './errors';

export interface PagedList<T, F> {
  filters: F;
  items: { value: T[] };
  /** The shoppers the current page names (the answer's `people`), for PersonCell. */
  people: { value: Record<string, PersonSummary> };
  total: { value: number };
  page: { value: number };
  pageSize: { value: number };
  loading: { value: boolean };
  error: { value: string };
  load(): Promise<void>;
  search(): Promise<void>;
  changePage(page: number, pageSize: number): Promise<void>;
}

export function usePagedList<T, F extends object>(
  fetchPage: (filters: F, paging: { page: number; pageSize: number }) => Promise<Page<T>>,
  initialFilters: F,
  pageSize = 20,
): PagedList<T, F> {
  const filters = reactive({ ...initialFilters }) as F;
  const items = shallowRef<T[]>([]);
  const people = shallowRef<Record<string, PersonSummary>>({});
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref('');
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = '';
    try {
      const answer = await fetchPage({ ...filters } as F, { page: page.value, pageSize: size.value });
      if (ticket !== latest) return;
      items.value = answer.items;
      people.value = answer.people ?? {};
      total.value = answer.total;
    } catch (failure) {
      if (ticket !== latest) return;
      items.value = [];
      total.value = 0;
      error.value = messageOf(failure);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  return {
    filters,
    items,
    people,
    total,
    page,
    pageSize: size,
    loading,
    error,
    load,
    search: () => {
      page.value = 1;
      return load();
    },
    changePage: (next, nextSize) => {
      page.value = next;
      size.value = nextSize;
      return load();
    },
  };
}
