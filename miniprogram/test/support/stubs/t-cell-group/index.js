// Test stand-in for tdesign-miniprogram's <t-cell-group>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { theme: { type: String }, title: { type: String } },
});
