// Incident records in the real window: an incident recorded with times typed in full-width digits
// (the Japanese IME on) is listed in the stored form, closed with what was done and printed, and the
// CLI lists it the same. An empty database (no roster yet) needs no sign-in.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { byTestId, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

describe("incident records", () => {
  test("an incident is recorded with full-width times, listed, and closed; the CLI lists it", async () => {
    const db = tempDatabase();
    const pdf = join(dirname(db), "インシデント報告_非公表用.pdf");
    await withApp(db, async (browser) => {
      await byTestId(browser, "open-incidents").click();
      const form = byTestId(browser, "incident-form");
      await form.waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "incidents-empty").waitForDisplayed({ timeout: TIMEOUT });
      await form.$('[name="title"]').setValue("案内メールを宛先が見える形で送信");
      await byTestId(browser, "kind").selectByAttribute("value", "misdirected_mail");
      await form.$('[name="happened_at"]').setValue("２０２６－０７－０１　０９：３０");
      await form.$('[name="noticed_at"]').setValue("２０２６／０７／０１　１０：００");
      await form.$('[name="data_involved"]').setValue("氏名・メールアドレス");
      await form.$('[name="n_people"]').setValue("１２０");
      await byTestId(browser, "save").click();
      await waitForText(browser, "incidents-table", "2026-07-01 10:00");
      await waitForText(browser, "incident-status", "対応中");

      await byTestId(browser, "edit-incident").click();
      await waitForText(browser, "incident-form", "#1");
      // The page was drawn again for the chosen record: its form is a new one.
      const edit = byTestId(browser, "incident-form");
      assert.equal(await edit.$('[name="happened_at"]').getValue(), "2026-07-01 09:30", "kept in one form");
      await byTestId(browser, "status").selectByAttribute("value", "closed");
      await edit.$('[name="bureau_contact"]').setValue("総務課 山田");
      await edit.$('[name="bureau_told_at"]').setValue("2026-07-01 11:00");
      await edit.$('[name="actions_taken"]').setValue("全員にお詫びと削除のお願いを送信");
      await byTestId(browser, "save").click();
      await waitForText(browser, "incident-status", "対応済み");

      // The report for the bureau, as saved.
      await byTestId(browser, "edit-incident").click();
      await byTestId(browser, "incident-pdf-path").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "incident-pdf-path").setValue(pdf);
      await byTestId(browser, "print-incident").click();
      await waitForText(browser, "incident-print-result", "インシデント報告_非公表用.pdf");
    });
    assert.ok(existsSync(pdf) && readFileSync(pdf).subarray(0, 4).toString() === "%PDF", "the report was written");
    const incidents = cliJson(db, "incident", "list");
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0].status, "closed");
    assert.equal(incidents[0].n_people, 120);
    assert.equal(incidents[0].happened_at, "2026-07-01 09:30");
    assert.equal(incidents[0].bureau_told_at, "2026-07-01 11:00");
    const log = cliJson(db, "audit");
    assert.deepEqual(log.map((e) => e.action), ["incident_print", "incident_record", "incident_record"], "recording, closing and printing are logged");
  });
});
