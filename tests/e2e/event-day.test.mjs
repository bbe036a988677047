// The event day under real hands (issue 11), in the real window: a scanner's code lands wherever
// the focus is, one desk's double read is not another desk's copy, the waiting list opens at its
// time, an online registrant at the venue is told of, walk-ins search first, the attendee list
// says where people stand and checks them in, duplicates merge, a person is deleted on request,
// typed full-width numbers read, the privacy log reads in Japanese, and every screen works at
// 1024×640.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  allByTestId,
  byTestId,
  cliBinary,
  cliJson,
  setValueExactly,
  tempDatabase,
  waitForAttribute,
  waitForText,
  withApp,
} from "./harness.mjs";

const TIMEOUT = 15_000;

/** Today on this computer's clock, as the app reads an event's date. */
function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** A database with one event (extra CLI flags in `eventArgs`) and these people. */
function eventWith(people, eventArgs = []) {
  const db = tempDatabase();
  const event = cliJson(db, "event", "create", "--title", "当日の回", "--date", today(), ...eventArgs);
  const added = {};
  for (const [name, ...args] of people) {
    added[name] = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", name, ...args);
  }
  return { db, eventId: event.id, people: added };
}

/** The CLI's JSON answer even when it exits non-zero (a refusal at the door). */
function cliAnswer(db, ...args) {
  const run = spawnSync(cliBinary, ["--db", db, "--json", ...args], { encoding: "utf8" });
  return JSON.parse(run.stdout);
}

async function openDesk(browser) {
  await byTestId(browser, "open-desk").click();
  const scan = byTestId(browser, "scan-input");
  await scan.waitForDisplayed({ timeout: TIMEOUT });
  await browser.waitUntil(async () => scan.isFocused(), { timeout: TIMEOUT });
  return scan;
}

/**
 * Types like a keyboard-wedge scanner: the code's characters and Enter in one burst, into whatever
 * has the focus. (Each key goes down and up explicitly: `browser.keys` merges a doubled letter.)
 */
async function scannerTypes(browser, code) {
  let keys = browser.action("key");
  for (const c of [...code, "\uE007"]) keys = keys.down(c).up(c);
  await keys.perform();
}

async function outcome(browser, expected) {
  await waitForAttribute(browser, byTestId(browser, "door-result"), "data-outcome", expected);
}

describe("the desk under a scanner", () => {
  test("a scan lands from every focusable element of the desk, and never presses a button", async () => {
    const names = Array.from({ length: 14 }, (_, i) => `受付 ${String.fromCharCode(0x30a2 + i * 2)}`);
    const { db, eventId, people } = eventWith(names.map((n) => [n]));
    await withApp(db, async (browser) => {
      await openDesk(browser);
      // Every element of the desk that takes the focus and is not a text field a person types in.
      const focusables = async () =>
        browser.execute(() =>
          [...document.querySelectorAll(".desk button, .desk select, .desk [tabindex]")]
            .filter((e) => e.offsetParent !== null && !e.disabled && e.dataset.testid)
            .map((e) => e.dataset.testid),
        );
      const seen = new Set();
      let n = 0;
      for (let round = 0; round < 3; round++) {
        for (const testId of await focusables()) {
          if (seen.has(testId)) continue;
          seen.add(testId);
          const name = names[n++];
          await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`).focus(), testId);
          await scannerTypes(browser, people[name].ticket);
          await browser.waitUntil(
            async () => (await byTestId(browser, "door-result").getText()).includes(name),
            {
              timeout: TIMEOUT,
              timeoutMsg: `a scan with ${testId} focused was lost: the desk shows “${await byTestId(browser, "door-result").getText()}”`,
            },
          );
          await outcome(browser, "ok");
          assert.ok(await byTestId(browser, "scan-input").isDisplayed(), `the desk is still open after a scan with ${testId} focused`);
          const label = await browser.execute(() => document.querySelector(".desk").classList.contains("exit-mode"));
          assert.equal(label, false, `a scan with ${testId} focused did not switch the desk to exits`);
        }
      }
      for (const expected of ["direction-entry", "direction-exit", "desk-name", "close-desk", "open-search", "open-walk-in", "camera-toggle", "undo"]) {
        assert.ok(seen.has(expected), `${expected} was tried (tried: ${[...seen].join(", ")})`);
      }
      const status = cliJson(db, "status", "--event", String(eventId));
      assert.equal(status.checked_in, n, "every scan was recorded once");
    });
  });

  test("the same code at another desk within two seconds is a duplicate, at the same desk a repeat", async () => {
    const { db, eventId, people } = eventWith([["大友 慎吾"], ["東北 花子"]]);
    await withApp(db, async (browser) => {
      const scan = await openDesk(browser);
      // A copy of the ticket used at desk B, then the original at this desk (受付1) at once.
      const atB = cliAnswer(db, "checkin", "--event", String(eventId), "--desk", "受付B", people["大友 慎吾"].ticket);
      assert.equal(atB.result, "ok");
      await scan.setValue(people["大友 慎吾"].ticket);
      await browser.keys("Enter");
      await outcome(browser, "duplicate");
      await waitForText(browser, "result-hint", "受付B");
      // This desk's scanner reading twice is still the same check-in.
      await scan.setValue(people["東北 花子"].ticket);
      await browser.keys("Enter");
      await outcome(browser, "ok");
      await scan.setValue(people["東北 花子"].ticket);
      await browser.keys("Enter");
      await outcome(browser, "repeat");
    });
  });

  test("a refused seat change keeps the person and their pass on screen", async () => {
    const { db, eventId, people } = eventWith([["大友 慎吾"]]);
    cliJson(db, "seat", "plan", "--event", String(eventId), "--general", "A:2");
    await withApp(db, async (browser) => {
      const scan = await openDesk(browser);
      await scan.setValue(people["大友 慎吾"].ticket);
      await browser.keys("Enter");
      await waitForText(browser, "result-seat", "A-1");
      await byTestId(browser, "seat-choice").setValue("Z-9");
      await browser.keys("Enter");
      await byTestId(browser, "seat-error").waitForDisplayed({ timeout: TIMEOUT });
      assert.match(await byTestId(browser, "seat-error").getText(), /受付は完了/);
      assert.equal(await byTestId(browser, "result-name").getText(), "大友 慎吾", "the person stays on screen");
      assert.equal(await byTestId(browser, "door-result").getAttribute("data-outcome"), "ok", "the pass stays");
    });
  });
});

describe("the waiting list and online registrants at the door", () => {
  test("from its time a waiting person is let in while there are places; an online registrant is counted at the venue", async () => {
    const { db, eventId, people } = eventWith(
      [["一 席あり"], ["二 席あり"], ["三 待ち"], ["四 遠方", "--mode", "online"]],
      ["--capacity", "2", "--start", "00:00", "--waitlist-opens", "00:00"],
    );
    assert.ok(people["三 待ち"].waitlist_position, "the third venue registration waits");
    await withApp(db, async (browser) => {
      const scan = await openDesk(browser);
      await scan.setValue(people["四 遠方"].ticket);
      await browser.keys("Enter");
      await outcome(browser, "ok");
      await waitForText(browser, "result-notice", "オンライン参加で申し込まれた方");
      await scan.setValue(people["三 待ち"].ticket);
      await browser.keys("Enter");
      await outcome(browser, "ok");
      await waitForText(browser, "result-notice", "キャンセル待ち");
    });
    const status = cliJson(db, "status", "--event", String(eventId));
    assert.equal(status.by_mode.venue.checked_in, 2, "both counted at the venue");
    assert.equal(status.by_mode.online.checked_in, 0);
  });

  test("before its time a waiting person is told when to come back", async () => {
    const { db, people } = eventWith([["一 席あり"], ["二 待ち"]], ["--capacity", "1", "--start", "23:58", "--end", "23:59", "--waitlist-opens", "23:59"]);
    await withApp(db, async (browser) => {
      const scan = await openDesk(browser);
      await scan.setValue(people["二 待ち"].ticket);
      await browser.keys("Enter");
      await outcome(browser, "waitlisted");
      await waitForText(browser, "result-hint", "23:59から");
    });
  });
});

describe("one record per person", () => {
  test("a walk-in searches first; a namesake needs a second Enter; duplicates are merged in the window", async () => {
    const { db, eventId } = eventWith([["大友 慎吾", "--kana", "おおとも しんご", "--email", "otomo@example.jp"], ["山田 花子"]]);
    await withApp(db, async (browser) => {
      await openDesk(browser);
      await browser.keys("F4");
      const name = byTestId(browser, "walk-in-form").$('[name="name"]');
      await name.waitForDisplayed({ timeout: TIMEOUT });
      await name.setValue("大友慎吾");
      await byTestId(browser, "walk-in-use-match").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "walk-in-use-match").click();
      await outcome(browser, "ok");
      assert.equal(await byTestId(browser, "result-name").getText(), "大友 慎吾", "the registered person was checked in");
      assert.equal(cliJson(db, "attendee", "list", "--event", String(eventId)).length, 2, "no second record");

      // A namesake: warned once, registered on the second Enter.
      await browser.keys("F4");
      await name.waitForDisplayed({ timeout: TIMEOUT });
      await name.setValue("山田 花子");
      await byTestId(browser, "walk-in-match").waitForDisplayed({ timeout: TIMEOUT });
      await browser.keys("Enter");
      await waitForText(browser, "form-error", "もう一度 Enter");
      await browser.keys("Enter");
      await outcome(browser, "ok");
      await byTestId(browser, "close-desk").click();

      // The organizer finds the two 山田 花子 and merges them.
      const rows = async () => allByTestId(browser, "attendee-row");
      await browser.waitUntil(async () => (await rows()).length === 3, { timeout: TIMEOUT });
      const walkIn = cliJson(db, "attendee", "list", "--event", String(eventId)).find((p) => p.name === "山田 花子" && p.source === "walk_in");
      await browser.$(`[data-testid="attendee-row"][data-id="${walkIn.id}"] [data-testid="edit-attendee"]`).click();
      await byTestId(browser, "duplicate-warning").waitForDisplayed({ timeout: TIMEOUT });
      const choice = byTestId(browser, "merge-choice");
      await browser.waitUntil(async () => (await choice.$$("option")).length === 2, { timeout: TIMEOUT });
      const options = await choice.$$("option");
      await choice.selectByAttribute("value", await options[1].getAttribute("value"));
      await byTestId(browser, "care-reason").setValue("当日参加で二重登録");
      await byTestId(browser, "merge-attendee").click();
      await browser.waitUntil(async () => (await rows()).length === 2, { timeout: TIMEOUT, timeoutMsg: "the merged record is still listed" });
    });
    const people = cliJson(db, "attendee", "list", "--event", String(eventId));
    assert.equal(people.length, 2);
    assert.equal(cliJson(db, "status", "--event", String(eventId)).checked_in, 2, "the merged person keeps the check-in");
    assert.equal(cliJson(db, "audit")[0].action, "attendee_merge");
  });

  test("the attendee form starts unticked, warns of a likely duplicate, and deletes on request", async () => {
    const { db, eventId, people } = eventWith([["大友 慎吾", "--email", "otomo@example.jp", "--phone", "090-1234-5678"]]);
    cliJson(db, "checkin", "--event", String(eventId), people["大友 慎吾"].ticket);
    const before = cliJson(db, "status", "--event", String(eventId));
    await withApp(db, async (browser) => {
      await byTestId(browser, "add-attendee").click();
      const consent = byTestId(browser, "consent");
      await consent.waitForExist({ timeout: TIMEOUT });
      assert.equal(await consent.isSelected(), false, "consent is never assumed");
      await setValueExactly(byTestId(browser, "attendee-form").$('[name="email"]'), "OTOMO@example.jp");
      await browser.keys("Tab");
      await waitForText(browser, "duplicate-warning", "大友 慎吾");
      await byTestId(browser, "attendee-form").$('[name="name"]').setValue("大友 慎吾（別）");
      await byTestId(browser, "save").click();
      await waitForText(browser, "form-error", "もう一度保存");
      await byTestId(browser, "cancel").click();

      await browser.$(`[data-testid="attendee-row"][data-id="${people["大友 慎吾"].id}"] [data-testid="edit-attendee"]`).click();
      await byTestId(browser, "care-reason").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "care-reason").setValue("本人からの削除依頼（メール）");
      await byTestId(browser, "erase-attendee").click();
      await waitForText(browser, "attendee-form", "もう一度押すと削除");
      await byTestId(browser, "erase-attendee").click();
      await byTestId(browser, "attendee-empty").waitForDisplayed({ timeout: TIMEOUT });
    });
    assert.equal(cliJson(db, "attendee", "list", "--event", String(eventId)).length, 0, "the person is gone from every list");
    assert.deepEqual(cliJson(db, "status", "--event", String(eventId)), before, "the anonymous counts stay");
    const line = cliJson(db, "audit")[0];
    assert.equal(line.action, "attendee_erase");
    assert.ok(!JSON.stringify(line).includes("大友"), "the log line does not name the person");
  });
});

describe("the attendee list on the day", () => {
  test("shows and filters where people stand, and checks in or undoes from a row", async () => {
    const { db, eventId, people } = eventWith([["一 来た"], ["二 未着"], ["三 遠方", "--mode", "online"]], ["--capacity", "10"]);
    cliJson(db, "checkin", "--event", String(eventId), people["一 来た"].ticket);
    await withApp(db, async (browser) => {
      const row = (name) => browser.$(`[data-testid="attendee-row"][data-id="${people[name].id}"]`);
      await row("一 来た").waitForDisplayed({ timeout: TIMEOUT });
      assert.equal(await row("一 来た").$('[data-testid="presence"]').getAttribute("data-presence"), "in_room");
      assert.equal(await row("二 未着").$('[data-testid="presence"]').getAttribute("data-presence"), "not_checked_in");

      await byTestId(browser, "filter-presence").selectByAttribute("value", "not_checked_in");
      await browser.waitUntil(async () => (await allByTestId(browser, "attendee-row")).length === 2, { timeout: TIMEOUT });
      await byTestId(browser, "filter-mode").selectByAttribute("value", "online");
      await browser.waitUntil(async () => (await allByTestId(browser, "attendee-row")).length === 1, { timeout: TIMEOUT });
      await byTestId(browser, "filter-mode").selectByAttribute("value", "");
      await byTestId(browser, "filter-presence").selectByAttribute("value", "");

      await row("二 未着").$('[data-testid="row-check-in"]').click();
      await browser.waitUntil(async () => (await row("二 未着").$('[data-testid="presence"]').getAttribute("data-presence")) === "in_room", { timeout: TIMEOUT });
      await row("二 未着").$('[data-testid="row-undo"]').click();
      await byTestId(browser, "row-reason").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "row-reason-ok").click();
      await browser.waitUntil(async () => (await row("二 未着").$('[data-testid="presence"]').getAttribute("data-presence")) === "not_checked_in", { timeout: TIMEOUT });
    });
    const attempts = cliJson(db, "attempts", "--event", String(eventId));
    assert.ok(attempts.some((a) => a.attendee_name === "二 未着" && a.undone_at), "the list's check-in and its undo are in the desk's log");
  });
});

describe("words and numbers as people type them", () => {
  test("full-width digits and times are read; the privacy log reads in Japanese with the person's name", async () => {
    const { db, eventId } = eventWith([["大友 慎吾"]]);
    cliJson(db, "setting", "desk", "--operator", "佐藤 受付");
    cliJson(db, "attendance", "export", "--event", String(eventId), "--out", `${db}.csv`);
    await withApp(db, async (browser) => {
      await byTestId(browser, "edit-event").click();
      const form = byTestId(browser, "event-form");
      await setValueExactly(form.$('[name="start_time"]'), "１３：３０");
      await setValueExactly(form.$('[name="end_time"]'), "１７：００");
      await setValueExactly(byTestId(browser, "capacity"), "１２０");
      await byTestId(browser, "save").click();
      await byTestId(browser, "event-detail").waitForDisplayed({ timeout: TIMEOUT });

      await byTestId(browser, "open-agenda").click();
      await byTestId(browser, "add-item").click();
      await setValueExactly(byTestId(browser, "item-start"), "１３：３０");
      await setValueExactly(byTestId(browser, "item-end"), "１４：００");
      await byTestId(browser, "item-title").setValue("開会");
      await byTestId(browser, "save-item").click();
      await waitForText(browser, "agenda-page", "開会");
      assert.ok(!(await byTestId(browser, "agenda-page").getText()).includes("invalid args"), "no developer text");
      await byTestId(browser, "back-to-event").click();

      await byTestId(browser, "privacy-log").click();
      const when = byTestId(browser, "privacy-log-when");
      await when.waitForDisplayed({ timeout: TIMEOUT });
      assert.match(await when.getText(), /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/, "Japanese date and time");
      assert.equal(await byTestId(browser, "privacy-log-who").getText(), "佐藤 受付");
      assert.match(await byTestId(browser, "privacy-log-entry").getText(), /CSV/);
      assert.doesNotMatch(await byTestId(browser, "privacy-log-entry").getText(), /with email|kind/);
    });
    const event = cliJson(db, "event", "show", String(eventId));
    assert.equal(event.start_time, "13:30");
    assert.equal(event.capacity, 120);
    const agenda = cliJson(db, "agenda", "list", "--event", String(eventId));
    assert.equal(agenda.items[0].starts_at, "13:30");
  });
});

describe("a small screen", () => {
  test("the event page, the desk and the programme work at 1024×640", async () => {
    const db = tempDatabase();
    cliJson(db, "demo");
    await withApp(db, async (browser) => {
      await browser.setWindowSize(1024, 640);
      await browser.waitUntil(async () => (await allByTestId(browser, "attendee-row")).length > 0, { timeout: TIMEOUT });
      // The window's page at this size: nothing wider than the window, no button broken over lines,
      // the title readable, every row's buttons reachable without scrolling sideways.
      const check = () =>
        browser.execute(() => {
          const width = document.documentElement.clientWidth;
          const problems = [];
          if (document.documentElement.scrollWidth > width + 1) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in ${width}px`);
          for (const button of document.querySelectorAll("button")) {
            // The event list's entries and the programme's rows hold several lines by design.
            if (button.offsetParent === null || button.closest(".event-item, .agenda-item, .event-list li")) continue;
            const style = getComputedStyle(button);
            const lines = (button.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / parseFloat(style.lineHeight);
            if (lines > 1.6) problems.push(`button “${button.textContent}” wraps over ${lines.toFixed(1)} lines`);
            const box = button.getBoundingClientRect();
            if (box.right > width + 1) problems.push(`button “${button.textContent}” ends at ${box.right}px, past ${width}px`);
          }
          const title = document.querySelector('[data-testid="event-title"], .desk-title, [data-testid="agenda-page"] h1');
          if (title && title.getBoundingClientRect().width < 200) problems.push(`the title is ${title.getBoundingClientRect().width}px wide`);
          return problems;
        });
      const size = await browser.execute(() => [window.innerWidth, window.innerHeight]);
      assert.ok(size[0] <= 1024, `the window is ${size}`);
      assert.deepEqual(await check(), [], "the event page");
      await byTestId(browser, "open-desk").click();
      await byTestId(browser, "scan-input").waitForDisplayed({ timeout: TIMEOUT });
      assert.deepEqual(await check(), [], "the desk");
      await byTestId(browser, "close-desk").click();
      await byTestId(browser, "open-agenda").click();
      await byTestId(browser, "agenda-page").waitForDisplayed({ timeout: TIMEOUT });
      assert.deepEqual(await check(), [], "the programme");
    });
  });
});
