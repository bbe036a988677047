// Finding a ticket code in a camera frame. Kept apart from the camera so it can be tested on
// images alone (tests/e2e/qr-decode.test.mjs).

import jsQR from "jsqr";

/** The largest frame side decoded: big enough for a ticket held at arm's length, small enough
 * to decode well above 10 frames a second on a laptop. */
export const DECODE_MAX_SIDE = 640;

function read(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const found = jsQR(rgba, width, height, { inversionAttempts: "dontInvert" });
  return found && found.data.trim() !== "" ? found.data : null;
}

/** A 3×3 box blur of the luminance: sensor noise in a dim hall defeats the binariser, and a
 * light blur removes it while leaving modules of several pixels intact. */
function smoothed(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const i = (yy * width + xx) * 4;
          sum += (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
          n++;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = sum / n;
      out[o + 3] = 255;
    }
  }
  return out;
}

/** The text of the QR code in an RGBA frame, or null. A sharp frame is read as it is; a noisy
 * one is read again after smoothing. */
export function decodeFrame(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  return read(rgba, width, height) ?? read(smoothed(rgba, width, height), width, height);
}

/** The size a frame is scaled to before decoding. */
export function decodeSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, DECODE_MAX_SIDE / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
