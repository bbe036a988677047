// Camera-like frames made from real ticket PNGs: the ticket is warped in perspective, rotated,
// blurred, dimmed, unevenly lit and noised inside a 640×480 frame, as a webcam sees a printout or
// a phone held up at the desk. Deterministic (seeded), so a failure can be replayed.

import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Bundles ui/src/qr-decode.ts (the module the app ships) for node and imports it. */
export async function loadShippedDecoder() {
  const out = join(mkdtempSync(join(tmpdir(), "tsudoi-qr-")), "qr-decode.mjs");
  execFileSync(join(root, "ui/node_modules/.bin/esbuild"), [
    join(root, "ui/src/qr-decode.ts"), "--bundle", "--format=esm", "--platform=node", `--outfile=${out}`, "--log-level=warning",
  ]);
  return import(out);
}

export function readGreyPng(path) {
  const png = PNG.sync.read(readFileSync(path));
  const grey = new Float32Array(png.width * png.height);
  for (let i = 0; i < grey.length; i++) grey[i] = png.data[i * 4];
  return { width: png.width, height: png.height, grey };
}

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** The homography that maps the unit square's corners onto `quad` (four [x, y]). */
function squareToQuad(quad) {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad;
  const dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m) {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/** The distortions a test runs through, mildest first. */
export const DISTORTIONS = [
  { name: "straight, well lit", angle: 0, keystone: 0, size: 220, blur: 0, contrast: 1, noise: 4, gradient: 0 },
  { name: "rotated 25°", angle: 25, keystone: 0, size: 200, blur: 0, contrast: 0.9, noise: 8, gradient: 0.1 },
  { name: "tilted away (perspective)", angle: -8, keystone: 0.28, size: 230, blur: 1, contrast: 0.85, noise: 10, gradient: 0.15 },
  { name: "small and far", angle: 5, keystone: 0.1, size: 120, blur: 1, contrast: 0.8, noise: 10, gradient: 0.1 },
  { name: "out of focus", angle: -15, keystone: 0.12, size: 240, blur: 2, contrast: 0.85, noise: 8, gradient: 0.1 },
  { name: "dim and noisy", angle: 12, keystone: 0.15, size: 210, blur: 1, contrast: 0.45, noise: 22, gradient: 0.35 },
  { name: "upside down, tilted", angle: 170, keystone: 0.2, size: 200, blur: 1, contrast: 0.7, noise: 14, gradient: 0.2 },
];

/** A 640×480 RGBA frame showing `ticket` (from readGreyPng) under `distortion`. */
export function cameraFrame(ticket, distortion, seed = 1) {
  const W = 640, H = 480;
  const random = rng(seed);
  const { angle, keystone, size, blur, contrast, noise, gradient } = distortion;
  const cx = W / 2 + (random() - 0.5) * 120, cy = H / 2 + (random() - 0.5) * 80;
  const rad = (angle * Math.PI) / 180;
  const corners = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([u, v]) => {
    const narrow = v < 0 ? 1 - keystone : 1; // the far edge looks shorter
    const x = (u * narrow * size) / 2, y = (v * size) / 2;
    return [cx + x * Math.cos(rad) - y * Math.sin(rad), cy + x * Math.sin(rad) + y * Math.cos(rad)];
  });
  const toFrame = squareToQuad(corners);
  const toTicket = invert3(toFrame);
  let grey = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const w = toTicket[6] * x + toTicket[7] * y + toTicket[8];
      const u = (toTicket[0] * x + toTicket[1] * y + toTicket[2]) / w;
      const v = (toTicket[3] * x + toTicket[4] * y + toTicket[5]) / w;
      let value = 170 + 40 * Math.sin(x / 37) * Math.cos(y / 53); // a desk, a sleeve, a wall
      if (u >= 0 && u < 1 && v >= 0 && v < 1) {
        const sx = u * (ticket.width - 1), sy = v * (ticket.height - 1);
        const ix = Math.floor(sx), iy = Math.floor(sy), fx = sx - ix, fy = sy - iy;
        const p = (xx, yy) => ticket.grey[Math.min(yy, ticket.height - 1) * ticket.width + Math.min(xx, ticket.width - 1)];
        value = p(ix, iy) * (1 - fx) * (1 - fy) + p(ix + 1, iy) * fx * (1 - fy) + p(ix, iy + 1) * (1 - fx) * fy + p(ix + 1, iy + 1) * fx * fy;
      }
      grey[y * W + x] = value;
    }
  }
  for (let pass = 0; pass < blur; pass++) {
    const next = new Float32Array(W * H);
    for (let y = 1; y < H - 1; y++) {
      for (let x = 1; x < W - 1; x++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += grey[(y + dy) * W + x + dx];
        next[y * W + x] = sum / 9;
      }
    }
    grey = next;
  }
  const rgba = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const x = i % W;
    const light = 1 - gradient * (x / W);
    const value = (128 + (grey[i] - 128) * contrast) * light + (random() - 0.5) * 2 * noise;
    rgba[i * 4] = value;
    rgba[i * 4 + 1] = value * 0.98;
    rgba[i * 4 + 2] = value * 0.95;
    rgba[i * 4 + 3] = 255;
  }
  return { width: W, height: H, rgba };
}

/** Ticket PNGs made by the real CLI for a few people; returns [{ token, png }]. */
export function ticketImages(cliJson, db, eventId, dir) {
  cliJson(db, "ticket", "export", "--event", String(eventId), "--out", dir);
  return cliJson(db, "attendee", "list", "--event", String(eventId)).map((a) => ({
    token: a.ticket,
    png: join(dir, `${String(a.id).padStart(4, "0")}-${a.name.replace(/[\\/:*?"<>| ]/g, "_")}.png`),
  }));
}
