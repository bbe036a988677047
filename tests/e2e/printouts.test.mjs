// The event day's printouts in the real window: the reception roster and the name badges written
// from the event page under their labelled names, read back from the PDF's text layer, replaced
// only when the person confirms, and logged.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { allByTestId, byTestId, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

const pdfText = (file) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });

describe("printouts", () => {
  test("the roster and badges are written from the event page, labelled 非公表用 and logged", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "印刷の回", "--date", "2026-07-25");
    const id = String(event.id);
    const otomo = cliJson(db, "attendee", "add", "--event", id, "--name", "大友 慎吾", "--kana", "オオトモ シンゴ");
    cliJson(db, "attendee", "add", "--event", id, "--name", "河北 記者", "--kana", "カワキタ キシャ", "--category", "stakeholder");
    const gone = cliJson(db, "attendee", "add", "--event", id, "--name", "取消 太郎", "--kana", "アアア");
    cliJson(db, "attendee", "update", String(gone.id), "--status", "cancelled");
    const roster = join(dirname(db), "受付名簿_非公表用.pdf");
    const badges = join(dirname(db), "名札_非公表用.pdf");

    await withApp(db, async (browser) => {
      await byTestId(browser, "open-printouts").click();
      const rosterPath = byTestId(browser, "roster-path");
      await browser.waitUntil(async () => (await rosterPath.getValue()).endsWith("受付名簿_非公表用.pdf"), {
        timeout: TIMEOUT,
        timeoutMsg: "the roster's default place carries its label",
      });
      assert.ok((await byTestId(browser, "badges-path").getValue()).endsWith("名札_非公表用.pdf"));
      await rosterPath.setValue(roster);
      await byTestId(browser, "print-roster").click();
      await waitForText(browser, "printout-result", "2 名");
      assert.ok(existsSync(roster), "the roster is written where the person said");

      // Again: the window asks before replacing the file. WebKitWebDriver sees no alert for
      // window.confirm here, so the page's confirm records the question and answers as a person
      // would: first no (the file stays), then yes (it is replaced).
      const firstWritten = statSync(roster).mtimeMs;
      const answer = (yes) =>
        browser.execute((yes) => {
          window.__asked = [];
          window.confirm = (message) => (window.__asked.push(message), yes);
        }, yes);
      await answer(false);
      await byTestId(browser, "print-roster").click();
      await browser.waitUntil(async () => (await browser.execute(() => window.__asked.length)) === 1, {
        timeout: TIMEOUT,
        timeoutMsg: "no question before replacing",
      });
      assert.match((await browser.execute(() => window.__asked[0])), /すでにあります/);
      assert.equal(statSync(roster).mtimeMs, firstWritten, "not replaced when the person says no");
      await answer(true);
      await byTestId(browser, "print-roster").click();
      await browser.waitUntil(() => statSync(roster).mtimeMs > firstWritten, { timeout: TIMEOUT, timeoutMsg: "replaced once confirmed" });

      // Badges for one person chosen from the list.
      await byTestId(browser, "badges-path").setValue(badges);
      await byTestId(browser, "badges-chosen").click();
      await browser.waitUntil(async () => (await allByTestId(browser, "badge-person")).length === 2, {
        timeout: TIMEOUT,
        timeoutMsg: "the two registrations that stand are offered, not the cancelled one",
      });
      // A reading typed in hiragana finds the katakana one.
      await byTestId(browser, "badge-filter").setValue("おおとも");
      await browser.waitUntil(async () => (await allByTestId(browser, "badge-person")).length === 1, {
        timeout: TIMEOUT,
        timeoutMsg: "the filter leaves 大友 alone",
      });
      await browser.$(`[data-testid="badge-person"][data-id="${otomo.id}"]`).click();
      await byTestId(browser, "print-badges").click();
      await waitForText(browser, "printout-result", "1 名分");
    });

    const rosterText = pdfText(roster);
    assert.match(rosterText, /非公表用/, "every page is marked internal");
    assert.match(rosterText, /大友 慎吾/);
    assert.match(rosterText, /河北 記者/);
    assert.doesNotMatch(rosterText, /取消 太郎/, "a cancelled registration is left out");
    const badgeText = pdfText(badges);
    assert.match(badgeText, /非公表用/);
    assert.match(badgeText, /大友 慎吾/);
    assert.doesNotMatch(badgeText, /河北 記者/, "only the person chosen");
    const actions = cliJson(db, "audit").map((entry) => entry.action);
    assert.deepEqual(actions, ["badge_print", "roster_print", "roster_print"], "every printout is in the privacy log");
  });
});
