// Starts the real desktop app through tauri-driver (which drives WebKitWebDriver) and hands the
// tests a WebdriverIO browser bound to its window. Each test gets its own database file.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { remote } from "webdriverio";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, "target");
export const desktopBinary = process.env.TSUDOI_DESKTOP_BIN ?? join(targetDir, "debug", "tsudoi-desktop");
export const cliBinary = process.env.TSUDOI_CLI_BIN ?? join(targetDir, "debug", "tsudoi");

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited early with ${child.exitCode}`);
    const open = await new Promise((ok) => {
      const socket = net.connect(port, "127.0.0.1", () => { socket.end(); ok(true); });
      socket.on("error", () => ok(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${deadlineMs} ms`);
}

/** One tauri-driver for a test file; `env` reaches the app it starts. */
export async function startDriver(env = {}) {
  if (!existsSync(desktopBinary)) {
    throw new Error(`${desktopBinary} is missing: build it with \`cargo build -p tsudoi-desktop\``);
  }
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "inherit", "pipe"],
    env: { ...process.env, ...env },
  });
  // The app's own messages stay visible; the sound system's complaints on a machine without a
  // sound card (CI, Xvfb) do not.
  driver.stderr.setEncoding("utf8");
  let pending = "";
  driver.stderr.on("data", (chunk) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    const shown = lines.filter((line) => line.trim() !== "" && !/^(ALSA lib|AL lib)/.test(line));
    if (shown.length) process.stderr.write(shown.join("\n") + "\n");
  });
  // tauri-driver listens at once, but its child WebKitWebDriver takes a moment: wait for both.
  await waitForPort(port, driver, 20_000);
  await waitForPort(nativePort, driver, 20_000);
  return {
    port,
    async stop() {
      driver.kill("SIGTERM");
      await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
    },
  };
}

/** A fresh temporary folder, and the database path inside it. */
export function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "tsudoi-e2e-"));
  return join(dir, "tsudoi.sqlite3");
}

/** Starts the app on `dbPath` and returns the WebdriverIO browser for its window. */
export async function openApp(driver, dbPath) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: "error",
    connectionRetryCount: 0,
    capabilities: {
      "tauri:options": { application: desktopBinary, args: ["--db", dbPath] },
    },
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

/** Runs the compiled CLI on the same database, as a second door, and returns its JSON. */
export function cliJson(dbPath, ...args) {
  const output = execFileSync(cliBinary, ["--db", dbPath, "--json", ...args], { encoding: "utf8" });
  return JSON.parse(output);
}

/** The element with this data-testid (first of several). */
export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

export function allByTestId(browser, id) {
  return browser.$$(`[data-testid="${id}"]`);
}

/** Types `text` into the element and presses Enter, as a USB scanner does. */
export async function typeAndEnter(browser, element, text) {
  await element.setValue(text);
  await browser.keys("Enter");
}

/** Waits until the element's attribute has the value, and says what it had instead. */
export async function waitForAttribute(browser, element, name, expected, timeout = 15_000) {
  await browser.waitUntil(async () => (await element.getAttribute(name)) === expected, {
    timeout,
    timeoutMsg: `${name} never became “${expected}”; it is “${await element.getAttribute(name)}”`,
  });
}

/** Waits until the element with this data-testid shows `expected`, and says what it showed. */
export async function waitForText(browser, testId, expected, timeout = 15_000) {
  const element = byTestId(browser, testId);
  await element.waitForDisplayed({ timeout });
  await browser.waitUntil(async () => (await element.getText()).includes(expected), {
    timeout,
    timeoutMsg: `[data-testid=${testId}] never showed “${expected}”; it shows “${await element.getText()}”`,
  });
}

/** Opens the app on `dbPath`, runs `body`, and always closes the window. */
export async function withApp(driver, dbPath, body) {
  const browser = await openApp(driver, dbPath);
  try {
    await body(browser);
  } finally {
    await browser.deleteSession();
  }
}
