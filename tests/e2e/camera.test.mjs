// The webcam path in the real window: WebKitGTK's media streams enabled, our permission handler
// allowing the app's own page, and the decoding loop running on live frames. The machine has no
// camera, so WebKitGTK's own test camera stands in for the device (TSUDOI_MOCK_CAMERA).

import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, cliJson, launch, tempDatabase } from "./harness.mjs";

const TIMEOUT = 15_000;

test("F5 starts the camera at the desk and frames are decoded continuously", async () => {
  const db = tempDatabase();
  cliJson(db, "event", "create", "--title", "カメラの回", "--date", "2026-07-25");
  const app = await launch({ db, env: { TSUDOI_MOCK_CAMERA: "1" } });
  const { browser } = app;
  try {
    await byTestId(browser, "open-desk").waitForDisplayed({ timeout: TIMEOUT });
    await byTestId(browser, "open-desk").click();
    await byTestId(browser, "scan-input").waitForDisplayed({ timeout: TIMEOUT });
    await browser.keys("F5");
    const video = byTestId(browser, "camera-video");
    await video.waitForExist({ timeout: TIMEOUT, timeoutMsg: "no video element: the camera did not start" });
    const videoWidth = () => browser.execute(() => document.querySelector('[data-testid="camera-video"]')?.videoWidth ?? 0);
    await browser.waitUntil(async () => (await videoWidth()) > 0, {
      timeout: TIMEOUT,
      timeoutMsg: "the camera never delivered a frame",
    });
    const frames = async () => Number((await browser.$(".camera-box").getAttribute("data-frames")) ?? 0);
    await browser.waitUntil(async () => (await frames()) >= 10, {
      timeout: TIMEOUT,
      timeoutMsg: "frames are not being decoded",
    });
    assert.ok(await byTestId(browser, "scan-input").isFocused(), "the scan field keeps the focus beside the camera");
    await browser.keys("F5");
    await video.waitForExist({ reverse: true, timeout: TIMEOUT });
  } finally {
    await app.stop();
  }
});
