// The survey in the real window: the results of the real Microsoft Forms export, a paper sheet
// typed with the number keys, and the kiosk: an answer sent, the screen reset for the next
// person, and no way out without a handler's sign-in (a wrong PIN keeps it locked).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { allByTestId, byTestId, cliBinary, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

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
});
