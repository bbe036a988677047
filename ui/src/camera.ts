// The webcam as a second scanner: frames from getUserMedia are decoded as they come (at most
// ~15 a second, well above the 10 the desk needs) and each new code is handed to the desk like
// a scanner's. The same code is not handed again while it stays in view.

import { t } from "./i18n";
import { h } from "./dom";
import { decodeFrame, decodeSize } from "./qr-decode";

export interface CameraHandle {
  stop(): void;
}

const FRAME_INTERVAL_MS = 66;
/** A code seen again after this long counts as a new scan (the person came back). */
const SAME_CODE_MS = 3000;

/**
 * Why the camera cannot be used, in words an office worker can act on (the browser's error names,
 * such as OverconstrainedError, mean nothing to them).
 */
export function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return t("cameraNotAllowed");
    case "NotFoundError":
    case "OverconstrainedError":
    case "DevicesNotFoundError":
      return t("cameraNotFound");
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return t("cameraBusy");
    default:
      return t("cameraNotFound");
  }
}

export async function startCamera(container: HTMLElement, onCode: (code: string) => void): Promise<CameraHandle> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error("getUserMedia is not available");
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
  const video = h("video", { class: "camera-video", "data-testid": "camera-video", autoplay: true, muted: true, playsinline: true });
  video.srcObject = stream;
  container.replaceChildren(video);
  await video.play().catch(() => undefined);

  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let running = true;
  let lastCode = "";
  let lastSeen = 0;
  let lastFrame = 0;

  function tick(now: number): void {
    if (!running) return;
    if (context && now - lastFrame >= FRAME_INTERVAL_MS && video.videoWidth > 0) {
      lastFrame = now;
      const size = decodeSize(video.videoWidth, video.videoHeight);
      canvas.width = size.width;
      canvas.height = size.height;
      context.drawImage(video, 0, 0, size.width, size.height);
      const frame = context.getImageData(0, 0, size.width, size.height);
      const started = performance.now();
      const code = decodeFrame(frame.data, size.width, size.height);
      // For the desk benchmark (BENCHMARKS.md): how long the last frame took to decode.
      container.dataset.decodeMs = (performance.now() - started).toFixed(1);
      if (code && (code !== lastCode || now - lastSeen > SAME_CODE_MS)) onCode(code);
      if (code) {
        lastCode = code;
        lastSeen = now;
      }
      container.dataset.frames = String(Number(container.dataset.frames ?? "0") + 1);
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);

  return {
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      container.replaceChildren();
    },
  };
}
