// Test stand-in for tdesign-miniprogram's <t-button>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: {
    theme: { type: String },
    variant: { type: String },
    size: { type: String },
    shape: { type: String },
    block: { type: Boolean },
    disabled: { type: Boolean },
    loading: { type: Boolean },
    openType: { type: String },
    content: { type: String },
  },
});
