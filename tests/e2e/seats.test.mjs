// The optional seat plan in the real window: set per zone, a seat offered at the desk and
// changed by the operator, and the printable chart.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { byTestId, cliJson, tempDatabase, typeAndEnter, waitForAttribute, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

describe("seat plan", () => {
  test("seats set per zone are offered at the desk, changed on request, and printed", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "座席の回", "--date", "2026-07-25");
    const otomo = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "大友 慎吾", "--category", "atotsugi");
    const press = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "河北 記者", "--category", "stakeholder");
    await withApp(db, async (browser) => {
      await byTestId(browser, "edit-seats").click();
      await byTestId(browser, "seat-blocks-general").setValue("A:3、B:3");
      await byTestId(browser, "seat-blocks-stakeholder").setValue("S:2");
      await byTestId(browser, "save-seats").click();
      await waitForText(browser, "seat-counts", "6");
      assert.equal(await byTestId(browser, "seat-blocks-general").getValue(), "A:3, B:3", "stored in one spelling");

      await byTestId(browser, "open-desk").click();
      const scan = byTestId(browser, "scan-input");
      await scan.waitForDisplayed({ timeout: TIMEOUT });
      await typeAndEnter(browser, scan, otomo.ticket);
      await waitForAttribute(browser, byTestId(browser, "door-result"), "data-outcome", "ok");
      await waitForText(browser, "result-seat", "A-1");
      await typeAndEnter(browser, scan, press.ticket);
      await waitForText(browser, "result-seat", "S-1");
      await waitForText(browser, "result-zone", "関係者席");
      const choice = byTestId(browser, "seat-choice");
      await choice.setValue("s-2");
      await browser.keys("Enter");
      await waitForText(browser, "result-seat", "S-2");
    });
    const chart = cliJson(db, "seat", "chart", "--event", String(event.id));
    const seated = Object.fromEntries(chart.filter((s) => s.name).map((s) => [s.seat, s.name]));
    assert.deepEqual(seated, { "A-1": "大友 慎吾", "S-2": "河北 記者" });

    const pdf = join(dirname(db), "座席表.pdf");
    await withApp(db, async (browser) => {
      await byTestId(browser, "edit-seats").click();
      const path = byTestId(browser, "seat-chart-path");
      await browser.waitUntil(async () => (await path.getValue()).endsWith("座席表_非公表用.pdf"), {
        timeout: TIMEOUT,
        timeoutMsg: "the offered file name carries 非公表用",
      });
      await path.setValue(pdf);
      await byTestId(browser, "export-seat-chart").click();
      await waitForText(browser, "seat-chart-result", "2 名");
    });
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    assert.match(text, /非公表用/, "every page is marked internal");
    assert.match(text, /大友 慎吾/);
    assert.match(text, /河北 記者/);
    assert.equal(cliJson(db, "audit")[0].action, "seat_chart_export", "the printed names are in the privacy log");
  });
});
