// The minutes typed without a pause survive the app being killed: in the real window, a person
// types steadily (about 40 characters a second) into a note or a minutes text, the app is killed
// by its process id at a random moment 1.5–3.5 s in, started again on the same database, and what
// the window shows must be what was typed, missing at most the last second. The same with an IME
// composition (events as WebKit sends them, values changed as an IME does): only committed text
// is saved, nothing half-converted, nothing twice. And a save that fails says so plainly.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { allByTestId, byTestId, cliJson, launch, plainDatabase, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;
/** Rounds of each kind (plain typing, IME); the issue asks for at least ten. */
const ROUNDS = Number(process.env.TSUDOI_AUTOSAVE_ROUNDS ?? 10);
/** Keystrokes per second: a fast, steady note-taker. */
const KEYS_PER_SECOND = 40;
/** The promise: killing the app loses at most about a second of typing. */
const MAX_LOSS_MS = 1_000;
const FIELDS = ["note-input", "minutes-talk_summary", "minutes-decisions", "minutes-follow_ups"];
/** Typed in the plain rounds: no spaces (the list trims them) and no Enter (it finishes a note). */
const SENTENCE = "承継の十年を振り返り金融機関との関係づくりと次の世代への引き継ぎについて話があった。";
/** Words as an IME converts them: the kana typed, the kanji committed. */
const WORDS = [
  ["かいぎ", "会議"], ["ぎじろく", "議事録"], ["しつもん", "質問"], ["けってい", "決定"], ["じかい", "次回"],
  ["よさん", "予算"], ["しょうけい", "承継"], ["じぎょう", "事業"], ["しきん", "資金"], ["ゆうし", "融資"],
];

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A small seeded generator: a failing round can be run again with the seed it printed. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const pad = (n) => String(n).padStart(2, "0");

/** A database with one event and one programme item per round (each round types into its own). */
function eventWithItems(n, { plain = false } = {}) {
  const db = plain ? plainDatabase() : tempDatabase();
  const event = cliJson(db, "event", "create", "--title", "議事録の回", "--date", "2026-07-25", "--start", "09:00", "--end", "18:00");
  for (let i = 0; i < n; i++) {
    const start = 9 * 60 + i * 5;
    const at = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
    cliJson(db, "agenda", "add", "--event", String(event.id), "--start", at(start), "--end", at(start + 5), "--title", itemTitle(i));
  }
  return { db, eventId: event.id };
}

const itemTitle = (i) => `区切り${pad(i + 1)}`;
const tagOf = (i) => `〔${pad(i + 1)}〕`;

async function openItem(browser, i) {
  const page = byTestId(browser, "agenda-page");
  if (!(await page.isExisting())) {
    await byTestId(browser, "open-agenda").click();
    await page.waitForDisplayed({ timeout: TIMEOUT });
  }
  await browser.waitUntil(async () => (await allByTestId(browser, "agenda-item")).length > i, { timeout: TIMEOUT, timeoutMsg: "the programme was not listed" });
  await (await allByTestId(browser, "agenda-item"))[i].click();
  await waitForText(browser, "minutes-title", itemTitle(i));
}

/** What the minutes pane shows for round `i`: from its tag to the end of the note or text. */
async function shownText(browser, i) {
  await openItem(browser, i);
  const texts = await browser.execute(() => [
    ...[...document.querySelectorAll('[data-testid="notes"] li')].map((li) => li.textContent ?? ""),
    ...[...document.querySelectorAll("textarea")].map((area) => area.value),
  ]);
  const tag = tagOf(i);
  const found = texts.filter((text) => text.includes(tag));
  assert.ok(found.length <= 1, `round ${i + 1} was saved once, not as ${found.length} notes: ${JSON.stringify(found)}`);
  return found.length ? found[0].slice(found[0].indexOf(tag)) : "";
}

/** Types `text` into the focused field at KEYS_PER_SECOND in small key actions, never pausing;
 *  `log` gets [time, characters in the field] after every action (until the app is killed). */
async function typeSteadily(browser, text, log, killed) {
  const started = Date.now();
  log.push([started, 0]);
  let n = 0;
  while (n < text.length && !killed()) {
    const due = Math.min(text.length, Math.floor(((Date.now() - started) * KEYS_PER_SECOND) / 1000));
    if (due <= n) {
      await sleep(started + ((n + 1) * 1000) / KEYS_PER_SECOND - Date.now());
      continue;
    }
    await browser.keys(text.slice(n, due));
    n = due;
    if (!killed()) log.push([Date.now(), n]);
  }
}

/** What an IME sends for the words typed after `tag`, one step per keystroke: kana composed,
 *  converted, the IME's Enter, committed. Returns the steps and the committed text they make. */
function imePlan(tag, length) {
  const steps = [["direct", "", tag]];
  let committed = tag;
  for (let w = 0; committed.length < length; w++) {
    const [kana, kanji] = WORDS[w % WORDS.length];
    steps.push(["start", committed, ""]);
    for (let k = 1; k <= kana.length; k++) steps.push(["update", committed, kana.slice(0, k)]);
    steps.push(["update", committed, kanji], ["enter", committed, ""], ["end", committed, kanji]);
    committed += kanji;
  }
  return { steps, committed };
}

/** Plays the IME's `steps` into the focused field at KEYS_PER_SECOND, never pausing; `log` gets
 *  [time, committed characters in the field] after every step (until the app is killed). */
async function typeWithIme(browser, steps, log, killed) {
  const started = Date.now();
  log.push([started, 0]);
  let done = 0;
  for (const [kind, base, text] of steps) {
    if (killed()) return;
    await sleep(started + (done * 1000) / KEYS_PER_SECOND - Date.now());
    await browser.execute(
      (kind, base, text) => {
        const field = document.activeElement;
        const fire = (event) => field.dispatchEvent(event);
        if (kind === "start") fire(new CompositionEvent("compositionstart", { data: "", bubbles: true }));
        if (kind === "update") {
          field.value = base + text;
          fire(new CompositionEvent("compositionupdate", { data: text, bubbles: true }));
          fire(new InputEvent("input", { data: text, inputType: "insertCompositionText", isComposing: true, bubbles: true }));
        }
        // The Enter that confirms a conversion belongs to the IME: it must not finish the note.
        if (kind === "enter") fire(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
        if (kind === "end" || kind === "direct") {
          field.value = base + text;
          if (kind === "end") fire(new CompositionEvent("compositionend", { data: text, bubbles: true }));
          fire(new InputEvent("input", { data: text, inputType: kind === "end" ? "insertFromComposition" : "insertText", bubbles: true }));
        }
      },
      kind,
      base,
      text,
    );
    done += 1;
    if (!killed()) log.push([Date.now(), kind === "end" || kind === "direct" ? base.length + text.length : base.length]);
  }
}

/** How long ago, at the kill, the first character that was not saved had been typed (an upper
 *  bound: it was typed after the last moment the field held no more than what was saved). */
function lossMs(log, savedLength, killedAt) {
  const before = log.filter(([, n]) => n <= savedLength);
  const typedAll = log.at(-1)[1] <= savedLength;
  return typedAll ? 0 : killedAt - before.at(-1)[0];
}

/** One round: the app started on `db`, round `i - 1` read back, round `i` typed and killed. */
async function round(db, i, ime, rand, previous) {
  const app = await launch({ db });
  const { browser } = app;
  const log = [];
  let killedAt = null;
  const plan = ime ? imePlan(tagOf(i), 300) : null;
  const typed = plan ? plan.committed : tagOf(i) + SENTENCE.repeat(4);
  try {
    if (previous) previous.saved = await shownText(browser, previous.i);
    await openItem(browser, i);
    const field = byTestId(browser, FIELDS[i % FIELDS.length]);
    await field.click();
    const killAfter = 1_500 + rand() * 2_000;
    const killed = () => killedAt !== null;
    const typing = (plan ? typeWithIme(browser, plan.steps, log, killed) : typeSteadily(browser, typed, log, killed)).catch((error) => {
      if (!killed()) throw error;
    });
    const [[started]] = log;
    await Promise.race([sleep(started + killAfter - Date.now()), typing]);
    killedAt = Date.now();
    await app.kill();
    await typing;
  } finally {
    await app.stop();
  }
  return { i, ime, field: FIELDS[i % FIELDS.length], typed, log, killedAt };
}

function judge(r) {
  const { i, saved, typed, log, killedAt } = r;
  assert.ok(typed.startsWith(saved), `round ${i + 1}: what was saved is what was typed, in order, nothing twice\n saved: ${saved}\n typed: ${typed}`);
  if (r.ime) assert.doesNotMatch(saved, /[ぁ-ん]/, `round ${i + 1}: no half-converted kana was saved: ${saved}`);
  const typedAtKill = log.at(-1)[1];
  r.loss = lossMs(log, saved.length, killedAt);
  r.keysPerSecond = (typedAtKill / (killedAt - log[0][0])) * 1000;
  assert.ok(
    r.loss <= MAX_LOSS_MS,
    `round ${i + 1} (${r.ime ? "IME" : "plain"}, ${r.field}): ${typedAtKill - saved.length} of ${typedAtKill} characters lost, typed up to ${r.loss} ms before the kill`,
  );
}

describe("minutes typed without a pause", () => {
  test(`survive the app being killed at a random moment, ${ROUNDS} rounds plain and ${ROUNDS} with an IME`, async () => {
    const seed = Number(process.env.TSUDOI_AUTOSAVE_SEED ?? Date.now() % 100_000);
    const rand = random(seed);
    console.log(`seed ${seed} (TSUDOI_AUTOSAVE_SEED=${seed} repeats these kill moments)`);
    const { db } = eventWithItems(2 * ROUNDS);
    const rounds = [];
    let previous = null;
    for (let i = 0; i < 2 * ROUNDS; i++) {
      previous = await round(db, i, i >= ROUNDS, rand, previous);
      rounds.push(previous);
    }
    // The last round read back in the window, started once more.
    const app = await launch({ db });
    try {
      previous.saved = await shownText(app.browser, previous.i);
    } finally {
      await app.stop();
    }
    const summary = rounds.map((r) => {
      judge(r);
      return `${r.ime ? "IME  " : "plain"} ${r.field.padEnd(22)} killed ${String(r.killedAt - r.log[0][0]).padStart(4)} ms in, ${r.keysPerSecond.toFixed(0)} keys/s, lost ${String(r.loss).padStart(3)} ms`;
    });
    const worst = (ime) => Math.max(...rounds.filter((r) => r.ime === ime).map((r) => r.loss));
    console.log(`${summary.join("\n")}\nworst loss: plain ${worst(false)} ms, IME ${worst(true)} ms`);
  });
});

describe("the save line", () => {
  test("says when the text was saved, and plainly when the database could not be written", async (t) => {
    if (spawnSync("sqlite3", ["-version"]).status !== 0) {
      t.skip("the sqlite3 command is not installed: it holds the database's write lock for this test");
      return;
    }
    // Plain, so that the sqlite3 shell can hold its lock.
    const { db } = eventWithItems(1, { plain: true });
    await withApp(db, async (browser) => {
      await openItem(browser, 0);
      const decisions = byTestId(browser, "minutes-decisions");
      await decisions.click();
      await browser.keys("継続して検討する");
      await waitForText(browser, "minutes-save-status", "保存しました");
      assert.match(await byTestId(browser, "minutes-save-status").getText(), /^保存しました \d\d:\d\d:\d\d$/);

      // Another program holds the database's write lock: the app's save waits its 5 s, then fails.
      const locker = spawn("sqlite3", [db], { stdio: ["pipe", "pipe", "inherit"] });
      try {
        locker.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n");
        await new Promise((locked) => locker.stdout.on("data", (chunk) => String(chunk).includes("locked") && locked()));
        await browser.keys("。次回");
        await waitForText(browser, "minutes-save-status", "保存できませんでした", 20_000);
        const line = await byTestId(browser, "minutes-save-status").getText();
        assert.match(line, /保存できませんでした: .+/, "the store's message says what happened");
        assert.equal(await decisions.getValue(), "継続して検討する。次回", "the text stays on the screen");
      } finally {
        locker.stdin.end("ROLLBACK;\n.quit\n");
        await new Promise((r) => (locker.exitCode !== null ? r() : locker.once("exit", r)));
      }
      // The next change saves everything again.
      await browser.keys("も");
      await waitForText(browser, "minutes-save-status", "保存しました", 20_000);
    });
    const restarted = await launch({ db });
    try {
      await openItem(restarted.browser, 0);
      assert.equal(await byTestId(restarted.browser, "minutes-decisions").getValue(), "継続して検討する。次回も");
    } finally {
      await restarted.stop();
    }
  });
});

describe("closing the window", () => {
  test("saves what was typed a moment ago before the window goes", async () => {
    const { db } = eventWithItems(1);
    const app = await launch({ db });
    try {
      await openItem(app.browser, 0);
      await byTestId(app.browser, "minutes-follow_ups").click();
      await app.browser.keys("資料を送る");
      // The window's close button, as the desktop shell reports it to the page (the same event
      // tauri sends): well inside the quiet time after the last keystroke.
      await app.browser.execute(() => {
        void window.__TAURI_INTERNALS__.invoke("plugin:event|emit_to", {
          target: { kind: "Window", label: "main" },
          event: "tauri://close-requested",
          payload: null,
        });
      });
      await app.exited(TIMEOUT);
    } finally {
      await app.stop();
    }
    const restarted = await launch({ db });
    try {
      await openItem(restarted.browser, 0);
      assert.equal(await byTestId(restarted.browser, "minutes-follow_ups").getValue(), "資料を送る", "the text typed just before closing was saved");
    } finally {
      await restarted.stop();
    }
  });
});
