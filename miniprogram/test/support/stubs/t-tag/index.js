// Test stand-in for tdesign-miniprogram's <t-tag>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { theme: { type: String }, variant: { type: String }, size: { type: String }, shape: { type: String } },
});
