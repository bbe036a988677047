// The autosave's timing and ordering (ui/src/autosave.ts, as shipped) on node's mocked clock:
// continuous typing is saved at least every max-wait, a slow earlier save never lands after a
// later one, a composition saves only committed text, a failed save is sent again. The real
// window's tests (minutes-autosave.test.mjs) kill the app while typing; these reach the orders of
// events a window cannot be made to produce on purpose.

import { afterEach, before, beforeEach, mock, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let Autosave;
let AUTOSAVE_TIMING;

before(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "tsudoi-autosave-")), "autosave.mjs");
  execFileSync(join(root, "ui/node_modules/.bin/esbuild"), [
    join(root, "ui/src/autosave.ts"), "--bundle", "--format=esm", "--platform=node", `--outfile=${out}`, "--log-level=warning",
  ]);
  ({ Autosave, AUTOSAVE_TIMING } = await import(out));
});

let now = 0;
beforeEach(() => {
  mock.timers.enable({ apis: ["setTimeout"] });
  now = 0;
});
afterEach(() => mock.timers.reset());

/** Lets the mocked clock run `ms`, one millisecond at a time, settling promises in between. */
async function advance(ms) {
  for (let i = 0; i < ms; i++) {
    mock.timers.tick(1);
    now += 1;
    await new Promise((r) => setImmediate(r));
  }
}

/** Flushes the field while the mocked clock runs (the writes take mocked time). */
async function flushed(field) {
  let done = false;
  const flushing = field.flush().then(() => (done = true));
  while (!done) await advance(1);
  await flushing;
}

/** A store that takes `delay(n)` ms for its n-th write and records what it holds, and when. */
function slowStore(delay = () => 5) {
  const store = { text: "", writes: [], inFlight: 0, maxInFlight: 0, failNext: 0 };
  store.write = (text) => {
    const n = store.writes.length;
    store.writes.push({ text, at: now });
    store.inFlight += 1;
    store.maxInFlight = Math.max(store.maxInFlight, store.inFlight);
    return new Promise((ok, fail) =>
      setTimeout(() => {
        store.inFlight -= 1;
        if (store.failNext > 0) {
          store.failNext -= 1;
          fail(new Error("database is locked"));
        } else {
          store.text = text;
          ok();
        }
      }, delay(n)),
    );
  };
  return store;
}

test("continuous typing is saved at least every max-wait, never only after a pause", async () => {
  const store = slowStore();
  const field = new Autosave(store.write, "");
  const typedAt = [];
  let text = "";
  // 40 characters a second for 3 s, never pausing as long as the quiet time.
  for (let i = 0; i < 120; i++) {
    text += String.fromCharCode(0x3042 + (i % 80));
    field.typed(text);
    typedAt.push(now);
    await advance(25);
    // Everything typed more than max-wait plus one commit ago is in the store.
    const due = typedAt.filter((at) => now - at > AUTOSAVE_TIMING.maxWaitMs + 5).length;
    assert.ok(store.text.length >= due, `at ${now} ms only ${store.text.length} of ${due} due characters are stored`);
  }
  assert.ok(AUTOSAVE_TIMING.maxWaitMs < 1000 && AUTOSAVE_TIMING.quietMs < AUTOSAVE_TIMING.maxWaitMs);
  assert.ok(store.writes.length >= 5, `${store.writes.length} saves in 3 s of typing`);
  await advance(AUTOSAVE_TIMING.quietMs + 10);
  assert.equal(store.text, text, "a pause saves the rest");
});

test("a slow earlier save never lands after a later one: one save in flight, the latest queued", async () => {
  // The first write takes 2 s, the others 5 ms.
  const store = slowStore((n) => (n === 0 ? 2000 : 5));
  const field = new Autosave(store.write, "");
  field.typed("一");
  await advance(AUTOSAVE_TIMING.quietMs + 1);
  assert.equal(store.writes.length, 1, "the pause started the first save");
  for (const text of ["一二", "一二三", "一二三四"]) {
    field.typed(text);
    await advance(AUTOSAVE_TIMING.quietMs + 1);
  }
  assert.equal(store.writes.length, 1, "nothing else is sent while the first save is in flight");
  await flushed(field);
  assert.equal(store.maxInFlight, 1, "saves of a field never overlap");
  assert.deepEqual(store.writes.map((w) => w.text), ["一", "一二三四"], "the texts typed meanwhile wait as one latest value");
  assert.equal(store.text, "一二三四");
});

test("an open composition saves the committed text only, and the converted words once it ends", async () => {
  const store = slowStore();
  const field = new Autosave(store.write, "");
  field.typed("議事録");
  field.compositionStart("議事録");
  for (const kana of ["か", "かい", "かいぎ"]) {
    field.typed(`議事録${kana}`);
    await advance(AUTOSAVE_TIMING.maxWaitMs);
  }
  assert.equal(store.text, "議事録", "the committed text is saved during the composition");
  field.compositionEnd("議事録会議");
  field.typed("議事録会議"); // WebKit's input event after compositionend
  await flushed(field);
  assert.equal(store.text, "議事録会議");
  assert.ok(store.writes.every((w) => !/[ぁ-ん]/.test(w.text)), `no half-converted kana was written: ${JSON.stringify(store.writes)}`);
  assert.equal(store.writes.filter((w) => w.text === "議事録会議").length, 1, "the converted words are saved once");
});

test("a failed save keeps the text and goes again on the next change", async () => {
  const store = slowStore();
  const events = [];
  const listener = {
    changed: () => events.push("changed"),
    saved: () => events.push("saved"),
    failed: (_field, error) => events.push(`failed: ${error.message}`),
  };
  const field = new Autosave(store.write, "", listener);
  store.failNext = 1;
  field.typed("決定事項");
  await advance(AUTOSAVE_TIMING.quietMs + 10);
  assert.ok(events.includes("failed: database is locked"), `the failure was reported: ${events}`);
  assert.equal(store.text, "", "nothing was stored");
  // The same text once more (a blur) is sent again, not skipped as already sent.
  field.typed("決定事項");
  await flushed(field);
  assert.equal(store.text, "決定事項");
  assert.equal(events.at(-1), "saved");
});
