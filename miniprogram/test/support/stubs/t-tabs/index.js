// Test stand-in for tdesign-miniprogram's <t-tabs>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { value: { type: null }, spaceEvenly: { type: Boolean } },
  relations: {
    '../t-tab-panel/index': {
      type: 'descendant',
      linked() {
        this.refresh();
      },
      unlinked() {
        this.refresh();
      },
    },
  },
  observers: {
    value() {
      this.refresh();
    },
  },
  data: { tabs: [] },
  methods: {
    refresh() {
      const panels = this.getRelationNodes('../t-tab-panel/index') || [];
      this.setData({
        tabs: panels.map((p) => ({
          label: p.data.label,
          value: p.data.value,
          active: String(p.data.value) === String(this.data.value),
        })),
      });
    },
  },
});
