// Test stand-in for tdesign-miniprogram's <t-loading>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { theme: { type: String }, size: { type: String }, text: { type: String }, layout: { type: String } },
});
