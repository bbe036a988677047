// The handler roster in the real window: once the roster has people, a person signs in with
// their name and PIN; a 業務従事者 cannot export, a wrong PIN is refused, and the privacy log
// names the person who exported.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { byTestId, cliBinary, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

function cliAs(db, env, ...args) {
  const run = spawnSync(cliBinary, ["--db", db, "--json", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

async function signIn(browser, name, pin) {
  const who = byTestId(browser, "sign-in-name");
  await who.waitForDisplayed({ timeout: TIMEOUT });
  await who.selectByAttribute("value", name);
  await byTestId(browser, "sign-in-pin").setValue(pin);
  await browser.keys("Enter");
}

async function exportAttendance(browser, file) {
  const panel = byTestId(browser, "attendance-path");
  if (!(await panel.isDisplayed())) await byTestId(browser, "export-attendance").click();
  await panel.waitForDisplayed({ timeout: TIMEOUT });
  await panel.setValue(file);
  await byTestId(browser, "attendance-export-now").click();
}

describe("the handler roster", () => {
  test("a staff member cannot export, a wrong PIN is refused, a manager exports and is logged", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "第1回", "--date", "2026-07-25");
    cliJson(db, "attendee", "add", "--event", "1", "--name", "大友 慎吾");
    cliAs(db, { TSUDOI_NEW_PIN: "2468" }, "handler", "add", "--name", "責任 者", "--role", "officer");
    const officer = { TSUDOI_OPERATOR: "責任 者", TSUDOI_PIN: "2468" };
    cliAs(db, { ...officer, TSUDOI_NEW_PIN: "1357" }, "handler", "add", "--name", "従事 者", "--role", "staff");
    cliAs(db, { ...officer, TSUDOI_NEW_PIN: "9753" }, "handler", "add", "--name", "管理 者", "--role", "manager");
    const file = join(dirname(db), "出欠.csv");
    await withApp(db, async (browser) => {
      await exportAttendance(browser, file);
      await waitForText(browser, "attendance-error", "サインイン");

      await signIn(browser, "従事 者", "0000");
      await waitForText(browser, "sign-in-error", "暗証番号が違います");
      await signIn(browser, "従事 者", "1357");
      await waitForText(browser, "signed-in-as", "業務従事者");
      await exportAttendance(browser, file);
      await waitForText(browser, "attendance-error", "情報取扱管理者以上");
      assert.equal(existsSync(file), false, "nothing was written");

      await byTestId(browser, "sign-out").click();
      await signIn(browser, "管理 者", "9753");
      await waitForText(browser, "signed-in-as", "情報取扱管理者");
      await exportAttendance(browser, file);
      await waitForText(browser, "attendance-result", "1 名");
    });
    const log = cliJson(db, "audit");
    assert.equal(log[0].action, "attendance_export");
    assert.equal(log[0].actor, "管理 者", "the log names the signed-in person");
    assert.ok(log.some((e) => e.action === "sign_in_failed" && e.actor === "従事 者"), "the wrong PIN is logged");
  });

  test("the first person registered in the window is the officer, who signs in and adds the others", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "第1回", "--date", "2026-07-25");
    await withApp(db, async (browser) => {
      await byTestId(browser, "open-roster").click();
      const form = byTestId(browser, "roster-form");
      await form.waitForDisplayed({ timeout: TIMEOUT });
      await form.$('[name="name"]').setValue("責任 者");
      await byTestId(browser, "roster-pin").setValue("2468");
      await byTestId(browser, "roster-pin-again").setValue("2468");
      await byTestId(browser, "save").click();
      await waitForText(browser, "roster-table", "情報管理責任者");

      // Adding someone needs the officer signed in.
      await byTestId(browser, "roster-form").$('[name="name"]').setValue("従事 者");
      await byTestId(browser, "roster-pin").setValue("1357");
      await byTestId(browser, "roster-pin-again").setValue("1357");
      await byTestId(browser, "save").click();
      await waitForText(browser, "form-error", "サインイン");
      await signIn(browser, "責任 者", "2468");
      await waitForText(browser, "signed-in-as", "情報管理責任者");
      await byTestId(browser, "open-roster").click();
      await byTestId(browser, "roster-form").$('[name="name"]').waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "roster-form").$('[name="name"]').setValue("従事 者");
      await byTestId(browser, "roster-pin").setValue("1357");
      await byTestId(browser, "roster-pin-again").setValue("1357");
      await byTestId(browser, "save").click();
      await waitForText(browser, "roster-table", "従事 者");
    });
    const roster = cliAs(db, { TSUDOI_OPERATOR: "責任 者", TSUDOI_PIN: "2468" }, "handler", "list");
    assert.deepEqual(roster.map((h) => [h.name, h.role]), [["責任 者", "officer"], ["従事 者", "staff"]]);
  });
});
