// The handler roster in the real window: once the roster has people, a person signs in with
// their name and PIN; a 業務従事者 cannot export, a wrong PIN is refused, and the privacy log
// names the person who exported.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
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
      // The roster has people: the window opens on the sign-in alone, nothing personal on it.
      await byTestId(browser, "lock-screen").waitForDisplayed({ timeout: TIMEOUT });
      assert.equal(await byTestId(browser, "attendee-row").isExisting(), false, "no attendee on a locked window");
      assert.doesNotMatch(await browser.$("body").getText(), /大友/);

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

  test("the first person registered in the window is the officer, who signs in, adds the others and prints the roster", async () => {
    const db = tempDatabase();
    const pdf = join(dirname(db), "情報取扱者名簿_非公表用.pdf");
    cliJson(db, "event", "create", "--title", "第1回", "--date", "2026-07-25");
    await withApp(db, async (browser) => {
      await byTestId(browser, "open-roster").click();
      const form = byTestId(browser, "roster-form");
      await form.waitForDisplayed({ timeout: TIMEOUT });
      await form.$('[name="name"]').setValue("責任 者");
      await byTestId(browser, "roster-pin").setValue("2468");
      await byTestId(browser, "roster-pin-again").setValue("2468");
      await byTestId(browser, "save").click();
      // From the first person on, the window asks who is there.
      await byTestId(browser, "lock-screen").waitForDisplayed({ timeout: TIMEOUT });
      await signIn(browser, "責任 者", "2468");
      await waitForText(browser, "signed-in-as", "情報管理責任者");
      await byTestId(browser, "open-roster").click();
      await byTestId(browser, "roster-form").$('[name="name"]').waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "roster-form").$('[name="name"]').setValue("従事 者");
      await byTestId(browser, "roster-pin").setValue("1357");
      await byTestId(browser, "roster-pin-again").setValue("1357");
      await byTestId(browser, "roster-form").$('[data-testid="save"]').click();
      await waitForText(browser, "roster-table", "従事 者");
      // The officer makes the staff member a manager, with a sensitive column only they see.
      const rows = await browser.$$('[data-testid="roster-row"]');
      await rows[1].$('[data-testid="roster-edit"]').click();
      const edit = byTestId(browser, "roster-edit-form");
      await edit.waitForDisplayed({ timeout: TIMEOUT });
      await edit.$('[name="role"]').selectByAttribute("value", "manager");
      await edit.$('[name="passport_number"]').setValue("TK1234567");
      await edit.$('[data-testid="save"]').click();
      await waitForText(browser, "roster-table", "情報取扱管理者");
      // The officer prints the roster: 非公表用 on the page, with the chart of who reports to whom.
      await byTestId(browser, "roster-export-path").setValue(pdf);
      await byTestId(browser, "roster-export").click();
      await waitForText(browser, "roster-export-result", "2 名");
      // The register of external services, with the day the bureau approved each.
      const service = byTestId(browser, "service-form");
      await service.$('[name="name"]').setValue("Microsoft Forms");
      await service.$('[name="approved_on"]').setValue("２０２６／０６／０１");
      await service.$('[data-testid="save"]').click();
      await waitForText(browser, "services-table", "2026-06-01");
    });
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    assert.match(text, /非公表用/);
    assert.match(text, /従事 者/);
    assert.match(text, /情報管理体制図/);
    assert.match(text, /TK1234567/, "the officer's printout has the sensitive columns");
    assert.ok(cliJson(db, "audit").some((e) => e.action === "handler_change" && /staff → manager/.test(e.detail)), "the role change is logged");
    const roster = cliAs(db, { TSUDOI_OPERATOR: "責任 者", TSUDOI_PIN: "2468" }, "handler", "list");
    assert.deepEqual(roster.map((h) => [h.name, h.role]), [["責任 者", "officer"], ["従事 者", "manager"]]);
  });

  test("an idle window locks; the desk stays open for the queue until someone signs in to leave it", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "第1回", "--date", "2026-07-25");
    const person = cliJson(db, "attendee", "add", "--event", "1", "--name", "大友 慎吾");
    cliAs(db, { TSUDOI_NEW_PIN: "2468" }, "handler", "add", "--name", "責任 者", "--role", "officer");
    cliAs(db, { TSUDOI_OPERATOR: "責任 者", TSUDOI_PIN: "2468" }, "setting", "idle-lock", "3");
    await withApp(db, async (browser) => {
      await signIn(browser, "責任 者", "2468");
      await byTestId(browser, "attendee-row").waitForDisplayed({ timeout: TIMEOUT });
      // Idle on the event page: locked, and the names are gone from the page.
      await byTestId(browser, "lock-screen").waitForDisplayed({ timeout: TIMEOUT });
      assert.doesNotMatch(await browser.$("body").getText(), /大友/);

      await signIn(browser, "責任 者", "2468");
      await byTestId(browser, "open-desk").click();
      const scan = byTestId(browser, "scan-input");
      await scan.waitForDisplayed({ timeout: TIMEOUT });
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      // Desk-only mode: the desk still checks people in.
      await scan.setValue(person.ticket);
      await browser.keys("Enter");
      await waitForText(browser, "result-name", "大友 慎吾");
      await byTestId(browser, "close-desk").click();
      await byTestId(browser, "lock-screen").waitForDisplayed({ timeout: TIMEOUT });
    });
  });
});
