// Test stand-in for tdesign-miniprogram's <t-count-down>: the same properties and events, TDesign's DOM class names.
Component({
  options: { multipleSlots: true },
  externalClasses: ['t-class'],
  properties: { time: { type: Number }, format: { type: String }, size: { type: String }, theme: { type: String } },
  observers: {
    time(ms) {
      const s = Math.floor((ms || 0) / 1000);
      const pad = (n) => String(n).padStart(2, '0');
      const d = Math.floor(s / 86400),
        h = Math.floor((s % 86400) / 3600),
        m = Math.floor((s % 3600) / 60),
        sec = s % 60;
      const f = this.data.format || 'HH:mm:ss';
      this.setData({
        text: f
          .replace('DD', pad(d))
          .replace('HH', pad(f.includes('DD') ? h : h + d * 24))
          .replace('mm', pad(f.includes('HH') ? m : m + (h + d * 24) * 60))
          .replace('ss', pad(sec)),
      });
    },
  },
  data: { text: '' },
});
