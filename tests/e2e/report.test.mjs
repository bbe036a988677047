// The project report (事業報告書) in the real window: the organizer's outline typed and saved as
// typed, a paragraph naming an attendee flagged and rewritten, then one click writes both
// editions as PDF and DOCX, each page headed with its edition.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { allByTestId, byTestId, cliJson, setValueExactly, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 20_000;

describe("project report", () => {
  test("a flagged paragraph is rewritten and both editions are written with one click", async () => {
    const db = tempDatabase();
    cliJson(db, "demo");
    const out = join(dirname(db), "report-out");
    mkdirSync(out, { recursive: true });
    await withApp(db, async (browser) => {
      await byTestId(browser, "open-report").click();
      const outline = byTestId(browser, "report-text-outline");
      await outline.waitForDisplayed({ timeout: TIMEOUT });
      await browser.waitUntil(async () => (await outline.getValue()).includes("東北6県"), {
        timeout: TIMEOUT,
        timeoutMsg: "the demo's outline is shown",
      });
      // One paragraph: WebKitWebDriver does not type a newline into a textarea.
      await setValueExactly(outline, "交流会を2回開催した。大内啓介さんの質問が印象に残った。");
      // Leaving the field saves it at once and reads the flags again.
      await byTestId(browser, "report-dir").click();
      await browser.waitUntil(async () => (await allByTestId(browser, "report-flag")).length === 1, {
        timeout: TIMEOUT,
        timeoutMsg: "the paragraph naming an attendee is flagged",
      });
      await setValueExactly(byTestId(browser, "flag-rewrite"), "参加者の質問が印象に残った。");
      await byTestId(browser, "flag-rewrite-save").click();
      await browser.waitUntil(
        async () => (await byTestId(browser, "report-flag").getAttribute("data-state")) === "decided",
        { timeout: TIMEOUT, timeoutMsg: "the decision is stored" },
      );
      await setValueExactly(byTestId(browser, "report-dir"), out);
      await byTestId(browser, "export-report").click();
      await waitForText(browser, "report-result", "事業報告書_公表用.pdf", 120_000);
    });
    for (const name of ["事業報告書_公表用.pdf", "事業報告書_公表用.docx", "事業報告書_非公表用.pdf", "事業報告書_非公表用.docx"]) {
      assert.ok(existsSync(join(out, name)), `${name} was written`);
    }
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [join(out, "事業報告書_公表用.pdf")], { encoding: "utf8" }))[1]);
    for (let page = 1; page <= pages; page += 1) {
      const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), join(out, "事業報告書_公表用.pdf"), "-"], { encoding: "utf8" });
      assert.match(text, /公表用/, `page ${page} carries its edition`);
      assert.doesNotMatch(text, /大内/, `page ${page} names no attendee`);
    }
    const saved = cliJson(db, "report", "text");
    assert.match(saved.outline, /大内啓介さんの質問/, "the internal text is kept as typed");
    assert.equal(cliJson(db, "audit").filter((l) => l.action === "project_report_export").length, 2, "both editions logged");
  });
});
