/** Shows an amount of integer fen as ¥ with a small symbol and decimals (starter-retail's `price`, fed fen only). */
import { formatFen } from '@shop/contract';

function parts(fen: number | null | undefined) {
  const text = formatFen(fen);
  const match = /^(-?)¥(\d+)(\.\d{2})$/.exec(text);
  return match
    ? { minus: match[1], integer: match[2], decimal: match[3], text }
    : { minus: '', integer: text, decimal: '', text };
}

Component({
  options: { addGlobalClass: true },
  properties: {
    fen: { type: Number, value: 0 },
    /** large | medium | small */
    size: { type: String, value: 'medium' },
    /** A list price, struck through and grey. */
    strike: { type: Boolean, value: false },
  },
  data: { minus: '', integer: '0', decimal: '.00', text: '¥0.00' },
  observers: {
    fen(fen: number) {
      this.setData(parts(fen));
    },
  },
  lifetimes: {
    attached() {
      this.setData(parts(this.data.fen as number));
    },
  },
});
