// Test stand-in for tdesign-miniprogram's <t-textarea>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: {
    value: { type: String },
    placeholder: { type: String },
    maxlength: { type: Number },
    indicator: { type: Boolean },
  },
});
