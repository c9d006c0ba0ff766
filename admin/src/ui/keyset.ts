/**
 * A list paged by keyset behind a table: the server hands a `nextCursor` with each page, and the screen keeps the
 * cursors of the pages it came through, so 下一页 goes on from the last row and 上一页 goes back to the cursor that
 * opened the page before. No page number is ever sent, so page 500 costs what page 1 does. Filters changing (or the
 * page size) start again from the first page; `load` reloads the page on screen (after an action on a row).
 */
import { computed, reactive, ref, shallowRef } from 'vue';
import type { KeysetPage, KeysetQuery, PersonSummary } from '../api-types';
import { messageOf } from './errors';

export interface KeysetList<T, F> {
  filters: F;
  items: { value: T[] };
  /** The shoppers the current page names (the answer's `people`), for PersonCell. */
  people: { value: Record<string, PersonSummary> };
  /** Rows matching the filters when the server counts them exactly, else null (no figure is shown). */
  total: { value: number | null };
  /** 1 for the first page, counted as the operator pages. */
  pageNumber: { readonly value: number };
  pageSize: { value: number };
  hasNext: { readonly value: boolean };
  hasPrevious: { readonly value: boolean };
  loading: { value: boolean };
  error: { value: string };
  load(): Promise<void>;
  search(): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  changePageSize(size: number): Promise<void>;
}

export function useKeysetList<T, F extends object>(
  fetchPage: (filters: F, paging: KeysetQuery) => Promise<KeysetPage<T>>,
  initialFilters: F,
  pageSize = 20,
): KeysetList<T, F> {
  const filters = reactive({ ...initialFilters }) as F;
  const items = shallowRef<T[]>([]);
  const people = shallowRef<Record<string, PersonSummary>>({});
  const total = ref<number | null>(null);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref('');
  /** The cursor that opened each page come through; the last one opened the page on screen (undefined: the first). */
  const opened = ref<(string | undefined)[]>([undefined]);
  const nextCursor = ref<string | null>(null);
  // Where the operator is follows from the cursors: the page count, and whether there is a page either side.
  const pageNumber = computed(() => opened.value.length);
  const hasPrevious = computed(() => opened.value.length > 1);
  const hasNext = computed(() => nextCursor.value !== null);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = '';
    const cursor = opened.value[opened.value.length - 1];
    try {
      const answer = await fetchPage({ ...filters } as F, { ...(cursor ? { cursor } : {}), limit: size.value });
      if (ticket !== latest) return;
      items.value = answer.items;
      people.value = answer.people ?? {};
      total.value = answer.total ?? null;
      nextCursor.value = answer.nextCursor;
    } catch (failure) {
      if (ticket !== latest) return;
      items.value = [];
      nextCursor.value = null;
      error.value = messageOf(failure);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  function restart(): Promise<void> {
    opened.value = [undefined];
    return load();
  }

  return {
    filters,
    items,
    people,
    total,
    pageNumber,
    pageSize: size,
    hasNext,
    hasPrevious,
    loading,
    error,
    load,
    search: restart,
    next: () => {
      if (nextCursor.value === null || loading.value) return Promise.resolve();
      opened.value = [...opened.value, nextCursor.value];
      return load();
    },
    previous: () => {
      if (opened.value.length <= 1 || loading.value) return Promise.resolve();
      opened.value = opened.value.slice(0, -1);
      return load();
    },
    changePageSize: (next) => {
      size.value = next;
      return restart();
    },
  };
}
