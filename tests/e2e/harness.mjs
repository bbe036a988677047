// Starts the real desktop app through tauri-driver (which drives WebKitWebDriver) and hands the
// tests a WebdriverIO browser bound to its window. Each test gets its own database file, its own
// driver and its own app process, and ends exactly the processes it started, by their ids: never
// by name, which would also end a person's own Tsudoi running on the same machine.

import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, existsSync, readdirSync, readFileSync } from "node:fs";
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

/** One tauri-driver; `env` reaches the app it starts. */
async function startDriver(env = {}) {
  if (!existsSync(desktopBinary)) {
    throw new Error(`${desktopBinary} is missing: build it with \`cargo build --workspace --all-targets\` (as scripts/test.sh does)`);
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
    pid: driver.pid,
    async stop() {
      driver.kill("SIGTERM");
      await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
    },
  };
}

/** A fresh temporary folder, and the database path inside it. */
/**
 * The passphrase every test database is encrypted with: the CLI and the app read it from the
 * environment, as scripts do, so the whole suite runs on encrypted files. A test that must reach
 * the file with another tool (the sqlite3 shell) makes a plain one with `plainDatabase()`.
 */
export const TEST_PASSPHRASE = "e2e のための長いパスフレーズ";
process.env.TSUDOI_PASSPHRASE ??= TEST_PASSPHRASE;

/** A fresh temporary database made plain (an empty passphrase counts as none). */
export function plainDatabase() {
  const db = tempDatabase();
  execFileSync(cliBinary, ["--db", db, "--json", "info"], {
    encoding: "utf8",
    env: { ...process.env, TSUDOI_PASSPHRASE: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return db;
}

export function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "tsudoi-e2e-"));
  return join(dir, "tsudoi.sqlite3");
}

/** Starts the app on `dbPath` and returns the WebdriverIO browser for its window. */
async function openApp(driver, dbPath) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: "error",
    connectionRetryCount: 0,
    // A session that has not started in a minute will not start (see `launch`).
    connectionRetryTimeout: 60_000,
    capabilities: {
      "tauri:options": { application: desktopBinary, args: ["--db", dbPath] },
    },
  });
  await browser.setTimeout({ implicit: 0 });
  // WebKitWebDriver clicks at an element's centre even when that point lies under the window's
  // lower edge, and the click then lands on nothing: every click first brings its element to the
  // middle of the view, as a person would scroll to it.
  browser.overwriteCommand(
    "click",
    async function (click, options) {
      await this.scrollIntoView({ block: "center", inline: "nearest" });
      return click(options);
    },
    true,
  );
  return browser;
}

/** The parent of every process, read from /proc (the field after the parenthesised name). */
function parentsByPid() {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(ppid));
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/** Every process below `ancestor` (its children, theirs, and so on). */
function descendants(ancestor) {
  const parents = parentsByPid();
  const descends = (pid) => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === ancestor) return true;
    return false;
  };
  return [...parents.keys()].filter(descends);
}

/** The app process under this driver (tauri-driver → WebKitWebDriver → the app) running on `dbPath`:
 *  a descendant of the driver we started whose command line is our binary with our database. */
export function appPid(driverPid, dbPath) {
  const found = descendants(driverPid).filter((pid) => {
    const args = commandLine(pid);
    return args[0] === desktopBinary && args.includes(dbPath);
  });
  if (found.length !== 1) throw new Error(`expected one app on ${dbPath} under tauri-driver ${driverPid}, found ${found.length}`);
  return found[0];
}

/** Whether the process runs; a zombie has ended (only its parent has not collected it yet). */
export function isRunning(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/**
 * Starts tauri-driver and the app on `db` (a fresh temporary database unless given), with `env`
 * reaching the app. Returns the WebdriverIO `browser`, the `db` path, the app's `pid`, `kill()`
 * (SIGKILL to exactly that process, as a crash), `exited(ms)` (waits for the app to end on its
 * own) and `stop()` (closes the window and ends the driver; safe after `kill()` and twice).
 */
export async function launch({ db = tempDatabase(), env = {} } = {}) {
  // The ports are chosen free, but another process can take one before the driver binds it
  // (WebKitWebDriver then cannot listen and no session starts): the second try takes new ports.
  let driver;
  let browser;
  for (let attempt = 1; ; attempt++) {
    driver = await startDriver(env);
    try {
      browser = await openApp(driver, db);
      break;
    } catch (error) {
      await driver.stop();
      if (attempt >= 2) throw error;
    }
  }
  let pid;
  let started = [];
  try {
    pid = appPid(driver.pid, db);
    // WebKitWebDriver, the app and the app's web processes: each ended by its id if it outlives the driver.
    started = descendants(driver.pid);
  } catch (error) {
    await browser.deleteSession().catch(() => undefined);
    await driver.stop();
    throw error;
  }
  let stopped = false;
  return {
    browser,
    db,
    pid,
    /** Waits until the app has ended on its own (its window closed); fails after `timeoutMs`. */
    async exited(timeoutMs) {
      if (!(await waitForExit(pid, timeoutMs))) throw new Error(`the app (pid ${pid}) was still running after ${timeoutMs} ms`);
    },
    async kill() {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await browser.deleteSession().catch(() => undefined);
      await driver.stop();
      // The window closes with the session; whatever of ours outlived it is ended, by its id.
      for (const child of [pid, ...started]) {
        if (!(await waitForExit(child, 3_000))) {
          process.kill(child, "SIGKILL");
          await waitForExit(child, 3_000);
        }
      }
    },
  };
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

/**
 * Types `text` into a field and checks it arrived whole: under a loaded machine WebKitWebDriver
 * now and then drops a keystroke, which would test the driver rather than the app. Retries twice.
 */
export async function setValueExactly(element, text) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await element.setValue(text);
    if ((await element.getValue()) === text) return;
  }
  assert.equal(await element.getValue(), text, "the field holds what was typed");
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

/** Starts the app on `db`, runs `body(browser, app)`, and always ends what it started. */
export async function withApp(db, body, { env = {} } = {}) {
  const app = await launch({ db, env });
  try {
    await body(app.browser, app);
  } finally {
    await app.stop();
  }
}
