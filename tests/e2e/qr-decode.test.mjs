// The webcam's decoder (ui/src/qr-decode.ts, as shipped) against real ticket images as a camera
// sees them: warped, rotated, blurred, dim and noisy.

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliJson, tempDatabase } from "./harness.mjs";
import { DISTORTIONS, cameraFrame, loadShippedDecoder, readGreyPng, ticketImages } from "./qr-frames.mjs";

let decoder;
let tickets;

before(async () => {
  decoder = await loadShippedDecoder();
  const db = tempDatabase();
  const event = cliJson(db, "event", "create", "--title", "読み取りの回", "--date", "2026-07-25");
  for (const name of ["大友 慎吾", "熊谷 一", "Sarah Kimura"]) {
    cliJson(db, "attendee", "add", "--event", String(event.id), "--name", name);
  }
  tickets = ticketImages(cliJson, db, event.id, mkdtempSync(join(tmpdir(), "tsudoi-tickets-")));
});

for (const distortion of DISTORTIONS) {
  test(`a ticket is read from a camera frame: ${distortion.name}`, () => {
    for (const [index, { token, png }] of tickets.entries()) {
      for (const seed of [1, 2, 3]) {
        const frame = cameraFrame(readGreyPng(png), distortion, index * 7 + seed);
        const decoded = decoder.decodeFrame(frame.rgba, frame.width, frame.height);
        assert.equal(decoded, token, `ticket ${index + 1}, placement ${seed}, under “${distortion.name}”`);
      }
    }
  });
}

test("a frame without a code reads as nothing, not as a code", () => {
  const blank = new Uint8ClampedArray(640 * 480 * 4).fill(200);
  assert.equal(decoder.decodeFrame(blank, 640, 480), null);
});

test("large camera frames are scaled down before decoding", () => {
  assert.deepEqual(decoder.decodeSize(1280, 720), { width: 640, height: 360 });
  assert.deepEqual(decoder.decodeSize(320, 240), { width: 320, height: 240 });
});
