// The reception desk in the real window: scans, name search, walk-ins, full rooms, undo, exits.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  allByTestId,
  byTestId,
  cliJson,
  launch,
  tempDatabase,
  typeAndEnter,
  waitForAttribute,
} from "./harness.mjs";

const TIMEOUT = 15_000;
/** The desk treats a second read of the same code within 2 s as the scanner reading twice. */
const REPEAT_WINDOW_MS = 2_000;

/** A database with one event and these people; returns the path, the event id and the tickets. */
function eventWith(people, { capacity = 70 } = {}) {
  const db = tempDatabase();
  const event = cliJson(db, "event", "create", "--title", "第1回 交流会", "--date", "2026-07-25", "--capacity", String(capacity));
  const tickets = {};
  for (const [name, kana, category, mode = "venue"] of people) {
    const added = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", name, "--kana", kana, "--category", category, "--mode", mode);
    tickets[name] = added.ticket;
  }
  return { db, eventId: event.id, tickets };
}

/** Opens the app on `db`, opens the desk, runs `body`, and always closes the window. */
async function atDesk(db, body) {
  const app = await launch({ db });
  const { browser } = app;
  try {
    const open = byTestId(browser, "open-desk");
    await open.waitForDisplayed({ timeout: TIMEOUT });
    await open.click();
    const scan = byTestId(browser, "scan-input");
    await scan.waitForDisplayed({ timeout: TIMEOUT });
    await browser.waitUntil(async () => (await browser.getActiveElement()) && (await scan.isFocused()), {
      timeout: TIMEOUT,
      timeoutMsg: "the scan field does not have the focus when the desk opens",
    });
    await body(browser, scan);
  } finally {
    await app.stop();
  }
}

async function expectOutcome(browser, outcome) {
  await waitForAttribute(browser, byTestId(browser, "door-result"), "data-outcome", outcome);
}

async function text(browser, testId) {
  return byTestId(browser, testId).getText();
}

describe("scanning", () => {
  test("a scanned ticket shows the name and zone; scanned again, it says already checked in", async () => {
    const { db, tickets } = eventWith([
      ["大友 慎吾", "おおとも しんご", "atotsugi"],
      ["東北 局員", "とうほく きょくいん", "stakeholder"],
    ]);
    await atDesk(db, async (browser, scan) => {
      await typeAndEnter(browser, scan, tickets["大友 慎吾"]);
      await expectOutcome(browser, "ok");
      assert.equal(await text(browser, "result-name"), "大友 慎吾");
      assert.equal(await text(browser, "result-zone"), "一般者席");
      assert.equal(await scan.getValue(), "", "the field is ready for the next scan");
      assert.ok(await scan.isFocused(), "the scan field keeps the focus");
      await browser.waitUntil(async () => (await text(browser, "live-in-room")).startsWith("1 /"), { timeout: TIMEOUT });

      // A scanner reading twice at once is the same check-in, not a second one.
      await typeAndEnter(browser, scan, tickets["大友 慎吾"]);
      await expectOutcome(browser, "repeat");
      await new Promise((resolve) => setTimeout(resolve, REPEAT_WINDOW_MS + 200));
      await typeAndEnter(browser, scan, tickets["大友 慎吾"]);
      await expectOutcome(browser, "duplicate");
      assert.match(await text(browser, "door-result"), /受付済み/);
      assert.match(await text(browser, "result-hint"), /受付1/, "it says at which desk");

      // Full-width input from an active IME reads the same; a stakeholder sits apart.
      const fullWidth = [...tickets["東北 局員"]].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
      await typeAndEnter(browser, scan, fullWidth);
      await expectOutcome(browser, "ok");
      assert.equal(await text(browser, "result-zone"), "関係者席");
      await browser.waitUntil(async () => (await text(browser, "live-in-room")).startsWith("2 /"), { timeout: TIMEOUT });
    });
    const status = cliJson(db, "status", "--event", "1");
    assert.equal(status.checked_in, 2, "the window's check-ins are in the file");
    assert.equal(status.by_zone.stakeholder.checked_in, 1);
  });

  test("a code that is not a ticket is told apart from an unknown ticket", async () => {
    const { db, tickets } = eventWith([["大友 慎吾", "おおとも しんご", "atotsugi"]]);
    const code = tickets["大友 慎吾"];
    const misread = code.slice(0, 5) + (code[5] === "A" ? "B" : "A") + code.slice(6);
    await atDesk(db, async (browser, scan) => {
      await typeAndEnter(browser, scan, misread);
      await expectOutcome(browser, "misread");
      assert.match(await text(browser, "result-hint"), /F3/, "it says what to do next");
      await typeAndEnter(browser, scan, "00000000000000000");
      await expectOutcome(browser, "unknown");
      const look = await byTestId(browser, "door-result").getAttribute("class");
      assert.ok(look.includes("retry") && look.includes("refused"), `“scan again” has its own colour: ${look}`);
    });
  });
});

describe("one vocabulary", () => {
  /** The CLI's answer to a door attempt, refused ones too (they exit non-zero). */
  function cliCheckin(db, eventId, code) {
    try {
      return cliJson(db, "checkin", "--event", String(eventId), code);
    } catch (error) {
      return JSON.parse(error.stdout);
    }
  }

  test("the window and the CLI say the same words for the same outcome", async () => {
    const { db, eventId, tickets } = eventWith([
      ["大友 慎吾", "おおとも しんご", "atotsugi"],
      ["佐々木 健一", "ささき けんいち", "senior"],
    ]);
    const code = tickets["大友 慎吾"];
    const misread = code.slice(0, 5) + (code[5] === "A" ? "B" : "A") + code.slice(6);
    await atDesk(db, async (browser, scan) => {
      const cases = [
        ["misread", misread, misread],
        ["unknown", "00000000000000000", "00000000000000000"],
        ["ok", code, tickets["佐々木 健一"]],
      ];
      for (const [outcome, windowCode, cliCode] of cases) {
        await typeAndEnter(browser, scan, windowCode);
        await expectOutcome(browser, outcome);
        const shown = (await text(browser, "result-title")).replace(/^[✓✕!]\s*/, "");
        const answer = cliCheckin(db, eventId, cliCode);
        assert.equal(answer.result, outcome, `the CLI reads ${cliCode} as ${outcome}`);
        assert.equal(shown, answer.title, `the window and the CLI name the ${outcome} outcome alike`);
      }
    });
  });
});

describe("the other ways in", () => {
  test("a katakana name search finds a hiragana reading and checks in with one key", async () => {
    const { db } = eventWith([
      ["山田 太郎", "やまだ たろう", "atotsugi"],
      ["佐藤 花子", "さとう はなこ", "supporter"],
    ]);
    await atDesk(db, async (browser) => {
      await browser.keys("F3");
      const search = byTestId(browser, "desk-search");
      await search.waitForDisplayed({ timeout: TIMEOUT });
      await search.setValue("ヤマダ");
      await browser.waitUntil(async () => (await allByTestId(browser, "desk-search-result")).length === 1, {
        timeout: TIMEOUT,
        timeoutMsg: "the search did not find exactly one person",
      });
      assert.match(await byTestId(browser, "desk-search-result").getText(), /山田 太郎/);
      await browser.keys("Enter");
      await expectOutcome(browser, "ok");
      assert.equal(await text(browser, "result-name"), "山田 太郎");
      assert.ok(await byTestId(browser, "scan-input").isFocused(), "back to the scan field");
    });
    const [attempt] = cliJson(db, "attempts", "--event", "1");
    assert.equal(attempt.method, "search");
  });

  test("a walk-in is registered, let in and counted", async () => {
    const { db } = eventWith([["大友 慎吾", "おおとも しんご", "atotsugi"]]);
    await atDesk(db, async (browser) => {
      await browser.waitUntil(async () => (await text(browser, "live-checked-in")) === "0 / 1", { timeout: TIMEOUT });
      await browser.keys("F4");
      const name = byTestId(browser, "name");
      await name.waitForDisplayed({ timeout: TIMEOUT });
      await name.setValue("当日 太郎");
      await byTestId(browser, "kana").setValue("とうじつ たろう");
      await browser.keys("Enter");
      await expectOutcome(browser, "ok");
      assert.equal(await text(browser, "result-name"), "当日 太郎");
      await browser.waitUntil(async () => (await text(browser, "live-checked-in")) === "1 / 2", {
        timeout: TIMEOUT,
        timeoutMsg: "the walk-in is not in the counts",
      });
      assert.match(await text(browser, "live-walk-ins"), /1/);
    });
  });
});

describe("mistakes and limits", () => {
  test("a full room refuses; an override with a reason lets in and is recorded", async () => {
    const { db, tickets } = eventWith(
      [
        ["一 一郎", "いち いちろう", "atotsugi"],
        // Registered online (so never waiting for a place), but comes to the venue.
        ["二 二郎", "に じろう", "atotsugi", "online"],
      ],
      { capacity: 1 },
    );
    await atDesk(db, async (browser, scan) => {
      await typeAndEnter(browser, scan, tickets["一 一郎"]);
      await expectOutcome(browser, "ok");
      await typeAndEnter(browser, scan, tickets["二 二郎"]);
      await expectOutcome(browser, "full");
      assert.ok((await byTestId(browser, "door-result").getAttribute("class")).includes("full"), "a full room has its own colour");
      await byTestId(browser, "live-warning").waitForDisplayed({ timeout: TIMEOUT });
      await browser.keys("F6");
      const reason = byTestId(browser, "reason");
      await reason.waitForDisplayed({ timeout: TIMEOUT });
      await reason.setValue("登壇者の同行者");
      await browser.keys("Enter");
      await expectOutcome(browser, "ok");
      assert.match(await text(browser, "result-hint"), /登壇者の同行者/);
    });
    const [overridden, refused] = cliJson(db, "attempts", "--event", "1");
    assert.equal(overridden.override_reason, "登壇者の同行者");
    assert.equal(refused.outcome, "full", "the refusal stays in the log");
  });

  test("a mistaken check-in is undone, and an exit frees the place", async () => {
    const { db, tickets } = eventWith([
      ["大友 慎吾", "おおとも しんご", "atotsugi"],
      ["熊谷 一", "くまがい はじめ", "supporter"],
    ]);
    await atDesk(db, async (browser, scan) => {
      await typeAndEnter(browser, scan, tickets["大友 慎吾"]);
      await expectOutcome(browser, "ok");
      await browser.keys(["Control", "z"]);
      const reason = byTestId(browser, "reason");
      await reason.waitForDisplayed({ timeout: TIMEOUT });
      await browser.keys("Enter");
      await expectOutcome(browser, "undone");
      await browser.waitUntil(async () => (await text(browser, "live-checked-in")) === "0 / 2", { timeout: TIMEOUT });

      await typeAndEnter(browser, scan, tickets["熊谷 一"]);
      await expectOutcome(browser, "ok");
      await browser.keys("F2");
      await typeAndEnter(browser, scan, tickets["熊谷 一"]);
      await expectOutcome(browser, "ok");
      assert.match(await text(browser, "result-title"), /退場/);
      await browser.waitUntil(async () => (await text(browser, "live-in-room")).startsWith("0 /"), { timeout: TIMEOUT });
    });
    const attempts = cliJson(db, "attempts", "--event", "1");
    assert.ok(attempts.some((a) => a.undone_at && a.undo_reason === "誤って受付"), "the undo is in the log with its reason");
  });
});

describe("seating zones", () => {
  test("a zone's own capacity is set in the window and enforced at the desk", async () => {
    const { db, tickets } = eventWith([
      ["局員 一郎", "きょくいん いちろう", "stakeholder"],
      ["局員 二郎", "きょくいん じろう", "stakeholder"],
      ["大友 慎吾", "おおとも しんご", "atotsugi"],
    ]);
    const app = await launch({ db });
    const { browser } = app;
    try {
      await byTestId(browser, "edit-zones").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "edit-zones").click();
      const capacity = byTestId(browser, "zone-capacity-stakeholder");
      await capacity.waitForDisplayed({ timeout: TIMEOUT });
      await capacity.setValue("1");
      await byTestId(browser, "zone-of-supporter").selectByAttribute("value", "stakeholder");
      await byTestId(browser, "save-zones").click();
      await browser.waitUntil(async () => (await byTestId(browser, "zones-result").getText()) !== "", { timeout: TIMEOUT });

      await byTestId(browser, "open-desk").click();
      const scan = byTestId(browser, "scan-input");
      await scan.waitForDisplayed({ timeout: TIMEOUT });
      await typeAndEnter(browser, scan, tickets["局員 一郎"]);
      await expectOutcome(browser, "ok");
      assert.equal(await text(browser, "result-zone"), "関係者席");
      await typeAndEnter(browser, scan, tickets["局員 二郎"]);
      await expectOutcome(browser, "full");
      assert.match(await text(browser, "result-hint"), /関係者席が満席/, "it says which seats are full");
      await typeAndEnter(browser, scan, tickets["大友 慎吾"]);
      await expectOutcome(browser, "ok");
      assert.equal(await text(browser, "result-zone"), "一般者席", "the general seats still have places");
      assert.match(await text(browser, "live-by-zone"), /定員 1/);
    } finally {
      await app.stop();
    }
    const zones = cliJson(db, "zone", "list", "--event", "1");
    assert.equal(zones.zones.stakeholder.capacity, 1);
    assert.equal(zones.mapping.find((m) => m.category === "supporter").zone, "stakeholder");
  });

  test("a person is moved to another zone only with a written reason", async () => {
    const { db } = eventWith([["登壇 者", "とうだん しゃ", "stakeholder"]]);
    const app = await launch({ db });
    const { browser } = app;
    try {
      await byTestId(browser, "edit-attendee").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "edit-attendee").click();
      await byTestId(browser, "zone_override").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "zone_override").selectByAttribute("value", "general");
      await byTestId(browser, "save").click();
      await byTestId(browser, "form-error").waitForDisplayed({ timeout: TIMEOUT });
      assert.match(await text(browser, "form-error"), /理由/);
      await byTestId(browser, "zone_reason").setValue("一般参加として申込み直し");
      await byTestId(browser, "save").click();
      await byTestId(browser, "attendee-table").waitForDisplayed({ timeout: TIMEOUT });
    } finally {
      await app.stop();
    }
    const [person] = cliJson(db, "attendee", "list", "--event", "1");
    assert.equal(person.zone_override, "general");
  });
});

describe("nothing lost", () => {
  test("a check-in shown at the desk survives the app being killed at once", async () => {
    const { db, tickets } = eventWith([["大友 慎吾", "おおとも しんご", "atotsugi"]]);
    const app = await launch({ db });
    const { browser } = app;
    try {
      await byTestId(browser, "open-desk").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "open-desk").click();
      const scan = byTestId(browser, "scan-input");
      await scan.waitForDisplayed({ timeout: TIMEOUT });
      await typeAndEnter(browser, scan, tickets["大友 慎吾"]);
      await expectOutcome(browser, "ok");
      // As a power cut would: no shutdown, no flush, the process is simply gone.
      await app.kill();
    } finally {
      await app.stop();
    }
    const status = cliJson(db, "status", "--event", "1");
    assert.equal(status.checked_in, 1, "the check-in the desk showed is on disk");
    const [attempt] = cliJson(db, "attempts", "--event", "1");
    assert.equal(attempt.outcome, "ok");
  });
});
