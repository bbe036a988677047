// A photo taken with the webcam in the minutes, in the real window. WebKitGTK's test camera
// stands in for a device (TSUDOI_MOCK_CAMERA), as in the desk's camera tests.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, cliJson, launch, tempDatabase } from "./harness.mjs";

const TIMEOUT = 15_000;

describe("webcam photos", () => {
  test("a frame taken with the camera is stored as a photo of the event", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "撮影の回", "--date", "2026-07-25");
    cliJson(db, "agenda", "add", "--event", String(event.id), "--start", "13:30", "--end", "14:30", "--title", "基調講演");
    const app = await launch({ db, env: { TSUDOI_MOCK_CAMERA: "1" } });
    const { browser } = app;
    try {
      await byTestId(browser, "open-agenda").click();
      await byTestId(browser, "photo-camera").click();
      const shoot = byTestId(browser, "camera-shoot");
      await shoot.waitForDisplayed({ timeout: TIMEOUT });
      await browser.waitUntil(
        async () => browser.execute(() => (document.querySelector(".camera-capture video")?.videoWidth ?? 0) > 0),
        { timeout: TIMEOUT, timeoutMsg: "the camera never showed a frame" },
      );
      await shoot.click();
      await browser.waitUntil(async () => cliJson(db, "photo", "list", "--event", String(event.id)).length === 1, {
        timeout: TIMEOUT,
        timeoutMsg: "the webcam photo was not stored",
      });
    } finally {
      await app.stop();
    }
    const [photo] = cliJson(db, "photo", "list", "--event", String(event.id));
    assert.equal(photo.media_type, "image/jpeg");
    assert.ok(photo.width > 0 && photo.taken_at, "a real image, stamped with the time it was taken");
  });
});
