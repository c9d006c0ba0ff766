// Test stand-in for tdesign-miniprogram's <t-empty>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { icon: { type: String }, description: { type: String }, image: { type: String } },
});
