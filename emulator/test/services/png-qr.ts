/** Reads the text of a QR code PNG, as a phone camera would. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function readQrText(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
