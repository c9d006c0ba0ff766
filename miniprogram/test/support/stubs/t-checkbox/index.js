// Test stand-in for tdesign-miniprogram's <t-checkbox>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { checked: { type: Boolean }, label: { type: String }, disabled: { type: Boolean } },
});
