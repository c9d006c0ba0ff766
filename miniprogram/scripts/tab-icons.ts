/**
 * Draws the tab bar's icons (home, cart, orders, mine) as small PNGs, grey and in the theme's red: 81 × 81 px,
 * as WeChat recommends, each well under its 40 KB limit. Shapes are unions of simple figures, 4 × 4 supersampled
 * for smooth edges. Run `npx tsx miniprogram/scripts/tab-icons.ts` after changing a shape; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
const SAMPLES = 4;
const OUT = path.resolve(__dirname, '..', 'assets', 'tab');
const COLORS = { normal: [0x66, 0x66, 0x66], active: [0xfa, 0x41, 0x26] } as const;

/** A figure in a 0–1 square: true where it covers the point. */
type Figure = (x: number, y: number) => boolean;

const STROKE = 0.07;
const rect =
  (x0: number, y0: number, x1: number, y1: number): Figure =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
const ring =
  (cx: number, cy: number, r: number, width = STROKE): Figure =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= r && d >= r - width;
  };
const disc =
  (cx: number, cy: number, r: number): Figure =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r;
/** A thick segment from (x0, y0) to (x1, y1). */
const line =
  (x0: number, y0: number, x1: number, y1: number, width = STROKE): Figure =>
  (x, y) => {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= width / 2;
  };
const outline = (x0: number, y0: number, x1: number, y1: number): Figure[] => [
  line(x0, y0, x1, y0),
  line(x1, y0, x1, y1),
  line(x1, y1, x0, y1),
  line(x0, y1, x0, y0),
];
const union =
  (...figures: Figure[]): Figure =>
  (x, y) =>
    figures.some((figure) => figure(x, y));

const ICONS: Record<string, Figure> = {
  home: union(
    line(0.12, 0.48, 0.5, 0.14),
    line(0.5, 0.14, 0.88, 0.48),
    line(0.22, 0.42, 0.22, 0.86),
    line(0.78, 0.42, 0.78, 0.86),
    line(0.22, 0.86, 0.78, 0.86),
    rect(0.42, 0.6, 0.58, 0.86),
  ),
  cart: union(
    line(0.08, 0.18, 0.22, 0.18),
    line(0.22, 0.18, 0.32, 0.64),
    line(0.32, 0.64, 0.8, 0.64),
    line(0.8, 0.64, 0.88, 0.3),
    line(0.88, 0.3, 0.26, 0.3),
    disc(0.36, 0.8, 0.065),
    disc(0.74, 0.8, 0.065),
  ),
  orders: union(
    ...outline(0.2, 0.1, 0.8, 0.9),
    line(0.33, 0.32, 0.67, 0.32),
    line(0.33, 0.5, 0.67, 0.5),
    line(0.33, 0.68, 0.55, 0.68),
  ),
  mine: union(ring(0.5, 0.32, 0.18), (x, y) => {
    // The shoulders: the upper half of an ellipse's outline.
    if (y > 0.88) return false;
    const d = Math.hypot((x - 0.5) / 0.36, (y - 0.9) / 0.36);
    return (d <= 1 && d >= 1 - STROKE / 0.36) || (y >= 0.86 && y <= 0.88 && Math.abs(x - 0.5) <= 0.36);
  }),
};

function draw(figure: Figure, [r, g, b]: readonly number[]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++)
          if (figure((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) covered++;
      const at = (py * SIZE + px) * 4;
      png.data[at] = r as number;
      png.data[at + 1] = g as number;
      png.data[at + 2] = b as number;
      png.data[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

mkdirSync(OUT, { recursive: true });
for (const [name, figure] of Object.entries(ICONS)) {
  writeFileSync(path.join(OUT, `${name}.png`), draw(figure, COLORS.normal));
  writeFileSync(path.join(OUT, `${name}-active.png`), draw(figure, COLORS.active));
}
console.log(`tab icons written to ${OUT}`);
