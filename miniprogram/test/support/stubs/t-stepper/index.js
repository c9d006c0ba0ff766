// Test stand-in for tdesign-miniprogram's <t-stepper>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: {
    value: { type: Number },
    min: { type: Number },
    max: { type: Number },
    size: { type: String },
    theme: { type: String },
    disabled: { type: Boolean },
  },
});
