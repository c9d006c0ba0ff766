// Test stand-in for tdesign-miniprogram's <t-cell>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: {
    title: { type: String },
    note: { type: String },
    description: { type: String },
    arrow: { type: Boolean },
    hover: { type: Boolean },
  },
});
