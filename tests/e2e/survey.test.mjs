// The survey in the real window: the results of the real Microsoft Forms export, a paper sheet
// typed with the number keys, and the kiosk: an answer sent, the screen reset for the next
// person, and no way out without a handler's sign-in (a wrong PIN keeps it locked). Then the
// questions edited in the window (the built-in ones, with prefecture and company size) and shared
// by both gatherings, the results per gathering and together with their cross-tables, and the
// kiosk's optional ticket: one answer per ticket, anonymous without one.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { allByTestId, byTestId, cliBinary, cliJson, setValueExactly, tempDatabase, typeAndEnter, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;
const sample = join(dirname(fileURLToPath(import.meta.url)), "../../crates/app/tests/fixtures/survey-msforms-utf8bom.csv");

function cliAs(db, env, ...args) {
  const run = spawnSync(cliBinary, ["--db", db, "--json", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe("the survey", () => {
  test("results, a paper sheet, and the kiosk that resets and cannot be left without a sign-in", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "第2回 交流会", "--date", "2026-10-24");
    cliJson(db, "survey", "import", "--event", "1", sample);
    cliAs(db, { TSUDOI_NEW_PIN: "2468" }, "handler", "add", "--name", "責任 者", "--role", "officer");

    await withApp(db, async (browser) => {
      const who = byTestId(browser, "sign-in-name");
      await who.waitForDisplayed({ timeout: TIMEOUT });
      await who.selectByAttribute("value", "責任 者");
      await byTestId(browser, "sign-in-pin").setValue("2468");
      await browser.keys("Enter");

      await byTestId(browser, "open-survey").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "open-survey").click();
      await waitForText(browser, "survey-responses", "25");

      // A paper sheet: 満足度 5, 区分 the 2nd choice, programmes 1 and 3, 交流 4, no comment.
      const cells = await allByTestId(browser, "paper-answer");
      assert.equal(cells.length, 5);
      for (const [i, value] of ["5", "2", "1,3", "4"].entries()) await cells[i].setValue(value);
      await cells[4].click();
      await browser.keys("Enter");
      await waitForText(browser, "paper-status", "1 番");

      await byTestId(browser, "open-kiosk").click();
      await byTestId(browser, "kiosk").waitForDisplayed({ timeout: TIMEOUT });
      const choices = await allByTestId(browser, "kiosk-choice");
      await choices[4].click(); // 5 大変満足
      assert.equal(await choices[4].getAttribute("aria-pressed"), "true");
      await byTestId(browser, "kiosk-send").click();
      await byTestId(browser, "kiosk-thanks").waitForDisplayed({ timeout: TIMEOUT });
      // Reset for the next person: the questions again, nothing chosen.
      await byTestId(browser, "kiosk").waitForDisplayed({ timeout: TIMEOUT });
      const fresh = await allByTestId(browser, "kiosk-choice");
      for (const choice of fresh) assert.equal(await choice.getAttribute("aria-pressed"), "false", "the last answer is not on screen");

      // Leaving needs a sign-in: a wrong PIN keeps the kiosk.
      await byTestId(browser, "kiosk-leave").click();
      await byTestId(browser, "kiosk-sign-in-pin").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "kiosk-sign-in-pin").setValue("0000");
      await byTestId(browser, "kiosk-sign-in").click();
      // A PIN is checked with argon2id, slow in a debug build: wait for the answer itself.
      await byTestId(browser, "kiosk-sign-in-error").waitForDisplayed({ timeout: 60_000 });
      assert.equal(await byTestId(browser, "survey-page").isExisting(), false, "still in the kiosk");
      await byTestId(browser, "kiosk-sign-in-pin").setValue("2468");
      await byTestId(browser, "kiosk-sign-in").click();
      await waitForText(browser, "survey-responses", "27", 60_000);
    });

    const anonymous = spawnSync(cliBinary, ["--db", db, "--json", "survey", "results", "--event", "1"], { encoding: "utf8" });
    assert.notEqual(anonymous.status, 0, "once the roster has people, the results need a sign-in");
    const results = cliAs(db, { TSUDOI_OPERATOR: "責任 者", TSUDOI_PIN: "2468" }, "survey", "results", "--event", "1");
    assert.equal(results.responses, 27, "25 from Forms, one paper sheet, one kiosk answer");
    const sources = Object.fromEntries(results.by_source.map((c) => [c.label, c.n]));
    assert.deepEqual(sources, { Forms: 25, 紙: 1, キオスク: 1 });
    assert.equal(results.questions[0].counts["5 大変満足"] >= 2, true);
  });

  test("questions edited and shared by both gatherings, cross-tables, and the kiosk's optional ticket", async () => {
    const db = tempDatabase();
    const first = cliJson(db, "event", "create", "--title", "第1回 交流会", "--date", "2026-07-25");
    const second = cliJson(db, "event", "create", "--title", "第2回 交流会", "--date", "2026-10-24");
    const sato = cliJson(db, "attendee", "add", "--event", String(first.id), "--name", "佐藤 花子");

    await withApp(db, async (browser) => {
      await byTestId(browser, "open-survey").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "open-survey").click();
      await byTestId(browser, "questions-panel").waitForDisplayed({ timeout: TIMEOUT });

      // The built-in questions, edited: the first question's words changed, one question removed.
      await byTestId(browser, "load-standard").click();
      await browser.waitUntil(async () => (await allByTestId(browser, "question-editor")).length === 7, {
        timeout: TIMEOUT,
        timeoutMsg: "the seven built-in questions are shown",
      });
      let editors = await allByTestId(browser, "question-editor");
      const texts = [];
      for (const editor of editors) texts.push(await editor.$('[data-testid="question-text"]').getValue());
      assert.ok(texts.some((text) => text.includes("都道府県")), `the about-you questions are among them: ${texts}`);
      await setValueExactly(editors[0].$('[data-testid="question-text"]'), "本日の交流会の満足度を教えてください。");
      await editors[2].$('[data-testid="question-remove"]').click();
      editors = await allByTestId(browser, "question-editor");
      assert.equal(editors.length, 6);
      await byTestId(browser, "save-shared-questions").click();
      await byTestId(browser, "survey-shared-note").waitForDisplayed({ timeout: TIMEOUT });
    });

    const shared = cliJson(db, "survey", "questionnaire", "--shared");
    assert.equal(shared.event_id, null, "kept for both gatherings");
    assert.equal(shared.questions.length, 6);
    assert.equal(shared.questions[0].text, "本日の交流会の満足度を教えてください。");
    assert.equal(cliJson(db, "survey", "questionnaire", "--event", String(second.id)).id, shared.id, "the second gathering answers it too");
    // Sheets typed at both gatherings: satisfaction, then prefecture and company size by number.
    for (const [event, cells] of [
      [first, ["5", "", "", "", "4", "2"]],
      [first, ["4", "", "", "", "4", "2"]],
      [first, ["4", "", "", "", "4", "6"]],
      [second, ["2", "", "", "", "13", "2"]],
      [second, ["3", "", "", "", "13", "1"]],
      [second, ["3", "", "", "", "13", "2"]],
    ]) {
      cliJson(db, "survey", "paper", "--event", String(event.id), "--", ...cells);
    }

    await withApp(db, async (browser) => {
      await byTestId(browser, "open-survey").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "open-survey").click();
      await waitForText(browser, "survey-responses", "3");
      await byTestId(browser, "cross-prefecture").waitForDisplayed({ timeout: TIMEOUT });
      assert.ok((await byTestId(browser, "cross-prefecture").getText()).includes("宮城県"), "by prefecture, this gathering");
      await byTestId(browser, "survey-view-together").click();
      await waitForText(browser, "survey-responses", "6");
      const together = await byTestId(browser, "cross-prefecture").getText();
      assert.ok(together.includes("宮城県") && together.includes("東京都"), "both gatherings together, by prefecture");
      await byTestId(browser, "cross-company-size").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "survey-view-event").click();
      await waitForText(browser, "survey-responses", "3");

      // The kiosk: a ticket scanned first answers once; without one, anonymous.
      await byTestId(browser, "open-kiosk").click();
      await byTestId(browser, "kiosk").waitForDisplayed({ timeout: TIMEOUT });
      await typeAndEnter(browser, byTestId(browser, "kiosk-ticket"), sato.ticket);
      await waitForText(browser, "kiosk-ticket-status", "受付票を確認しました");
      assert.ok(!(await byTestId(browser, "kiosk").getText()).includes("佐藤"), "never the name");
      await (await allByTestId(browser, "kiosk-choice"))[3].click(); // 4 満足
      await byTestId(browser, "kiosk-send").click();
      await byTestId(browser, "kiosk-thanks").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "kiosk").waitForDisplayed({ timeout: TIMEOUT });
      await typeAndEnter(browser, byTestId(browser, "kiosk-ticket"), sato.ticket);
      await byTestId(browser, "kiosk").$('[role="alert"]').waitForDisplayed({ timeout: TIMEOUT });
      assert.ok((await byTestId(browser, "kiosk").$('[role="alert"]').getText()).includes("回答済み"), "one answer per ticket");
      await (await allByTestId(browser, "kiosk-choice"))[4].click();
      await byTestId(browser, "kiosk-send").click(); // anonymous
      await byTestId(browser, "kiosk-thanks").waitForDisplayed({ timeout: TIMEOUT });
    });

    const results = cliJson(db, "survey", "results", "--event", String(first.id));
    assert.equal(results.responses, 5, "three sheets and two kiosk answers");
    const together = cliJson(db, "survey", "results", "--together");
    assert.equal(together.responses, 8);
    assert.ok(together.by_prefecture.length > 0 && together.by_company_size.length > 0);
  });
});
