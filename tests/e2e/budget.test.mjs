// The budget in the real window: with the contract and a subcontract set from the CLI, an expense
// is booked from the keyboard with full-width digits and a receipt file, split over two categories,
// and the budget table, the subcontract ratio (●●.●%) and the warnings follow; the settlement
// summary is written with 非公表用 in its name, and the CLI reads the same figures.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { byTestId, cliJson, setValueExactly, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

describe("budget", () => {
  test("an expense typed in full-width digits updates the budget, the ratio and the warnings", async () => {
    const db = tempDatabase();
    const folder = dirname(db);
    const receipt = join(folder, "会場領収書.pdf");
    writeFileSync(receipt, "%PDF receipt of the hall");
    const out = join(folder, "out");
    mkdirSync(out);
    cliJson(db, "project", "set", "--cap", "5000000", "--overhead-rate", "10");
    cliJson(db, "subcontract", "add", "--name", "配信会社", "--amount-with-tax", "330000", "--scope", "オンライン配信", "--date", "2026-07-20");

    await withApp(db, async (browser) => {
      await byTestId(browser, "open-budget").click();
      const form = byTestId(browser, "expense-form");
      await form.waitForDisplayed({ timeout: TIMEOUT });
      // Only the subcontract so far: all of the total, a warning but never a refusal.
      await waitForText(browser, "subcontract-ratio", "100.0%");
      await waitForText(browser, "budget-warnings", "50%");
      await setValueExactly(form.$('[name="date"]'), "2026-07-25");
      await byTestId(browser, "category").selectByAttribute("value", "venue");
      await setValueExactly(form.$('[name="amount"]'), "３００，０００");
      await setValueExactly(form.$('[name="tax"]'), "３００００");
      await setValueExactly(form.$('[name="payee"]'), "市民会館");
      await setValueExactly(form.$('[name="receipts"]'), receipt);
      // One receipt over two categories: the paper on it is 消耗品費.
      const split = byTestId(browser, "split").$("summary");
      await split.scrollIntoView({ block: "center" });
      await split.click();
      await setValueExactly(form.$('[name="amount2"]'), "５，０００");
      await setValueExactly(form.$('[name="tax2"]'), "500");
      await setValueExactly(form.$('[name="description2"]'), "用紙");
      // Enter in a field books it: no mouse needed.
      const description = form.$('[name="description"]');
      await setValueExactly(description, "第1回 会場使用料");
      await browser.keys("Enter");

      await waitForText(browser, "ledger-table", "第1回 会場使用料");
      // I + II = 305,000 → IV 30,500; subtotal 635,500 (with III 300,000); tax 63,550; total 699,050.
      await waitForText(browser, "budget-total-actual", "¥699,050");
      // 330,000 ÷ 699,050 = 47.20…% → 47.2%.
      await waitForText(browser, "subcontract-ratio", "47.2%");
      await waitForText(browser, "budget-warnings", "領収書");
      assert.equal(await byTestId(browser, "subcontract-ratio").getAttribute("data-over-half"), "false");

      await setValueExactly(byTestId(browser, "budget-export-dir"), out);
      const exportButton = byTestId(browser, "export-settlement");
      // Near the window's lower edge the driver's click can miss: bring it to the middle first.
      await exportButton.scrollIntoView({ block: "center" });
      await exportButton.click();
      // Laying out the PDF takes seconds in a debug build on a loaded machine.
      await waitForText(browser, "budget-export-result", "精算概要_非公表用.pdf", 60_000);
    });

    const pdf = join(out, "精算概要_非公表用.pdf");
    assert.ok(existsSync(pdf) && readFileSync(pdf).subarray(0, 4).toString() === "%PDF", "the summary was written");
    const budget = cliJson(db, "budget", "show");
    assert.equal(budget.total, 699050);
    assert.equal(budget.subcontract_ratio_percent, "47.2");
    const lines = cliJson(db, "expense", "list");
    const venue = lines.find((l) => l.category === "venue");
    assert.equal(venue.amount, 300000, "full-width digits read");
    assert.equal(venue.receipts.length, 1, "the receipt is kept with the line");
    const paper = lines.find((l) => l.category === "consumables");
    assert.equal(paper.voucher_id, venue.voucher_id, "one receipt, one voucher, two lines");
    assert.equal(paper.amount, 5000);
  });
});
