// Test stand-in for tdesign-miniprogram's <t-tab-panel>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { label: { type: String }, value: { type: null } },
  relations: { '../t-tabs/index': { type: 'ancestor' } },
  observers: {
    'label, value'() {
      const parent = (this.getRelationNodes('../t-tabs/index') || [])[0];
      if (parent) parent.refresh();
    },
  },
});
