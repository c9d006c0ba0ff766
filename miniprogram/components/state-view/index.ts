/** Loading, empty and error states in one place; `retry` fires from the error state's button. */
Component({
  options: { addGlobalClass: true },
  properties: {
    /** loading | empty | error | ready */
    status: { type: String, value: 'loading' },
    emptyText: { type: String, value: '暂无内容' },
    errorText: { type: String, value: '加载失败' },
    loadingText: { type: String, value: '加载中…' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
