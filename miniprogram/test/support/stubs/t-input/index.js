// Test stand-in for tdesign-miniprogram's <t-input>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: {
    label: { type: String },
    placeholder: { type: String },
    value: { type: String },
    type: { type: String },
    maxlength: { type: Number },
    borderless: { type: Boolean },
  },
});
