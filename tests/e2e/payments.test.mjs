// Speakers' fees and travel in the real window: a payee added in the form, a payment typed with
// full-width digits whose figures (gross, tax withheld, amount transferred) the Rust side computes
// as it is typed, its warning (a fee with no talk in the programme) shown as it is typed and again
// before the save, which waits for a confirmation; the travel line's receipt file kept with the
// payment; the statement written under its 非公表用 name, and the CLI answers the same figures.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { byTestId, cliJson, setValueExactly, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

describe("speakers' fees and travel", () => {
  test("a payment's figures follow the typing, it is saved with its warning, and its statement is written", async () => {
    const db = tempDatabase();
    const folder = dirname(db);
    const event = cliJson(db, "event", "create", "--title", "第1回 交流会", "--date", "2026-07-25");
    const speaker = cliJson(db, "speaker", "add", "--name", "山田 太郎");
    const yamada = cliJson(db, "payee", "add", "--name", "山田 太郎", "--kind", "individual", "--speaker", String(speaker.id));
    const receipt = join(folder, "新幹線の領収書.pdf");
    writeFileSync(receipt, "%PDF-1.4 a fare receipt");
    await withApp(db, async (browser) => {
      await byTestId(browser, "open-payments").click();
      await byTestId(browser, "payees-table").waitForDisplayed({ timeout: TIMEOUT });

      // A company added in the window.
      const payeeForm = byTestId(browser, "payee-form");
      await setValueExactly(payeeForm.$('[name="name"]'), "株式会社講演企画");
      await payeeForm.$('[name="kind"]').selectByAttribute("value", "company");
      await payeeForm.$('[data-testid="save"]').click();
      await waitForText(browser, "payees-table", "株式会社講演企画");

      const paymentForm = byTestId(browser, "payment-form");
      await paymentForm.waitForDisplayed({ timeout: TIMEOUT });
      await paymentForm.$('[name="payee_id"]').selectByAttribute("value", String(yamada.id));
      await setValueExactly(paymentForm.$('[name="paid_on"]'), "2026-07-31");
      await setValueExactly(paymentForm.$('[name="fee"]'), "１００，０００");
      await setValueExactly(paymentForm.$('[name="travel_amount"]'), "23000");
      await waitForText(browser, "figure-withholding", "¥12,558");
      await waitForText(browser, "figure-net_paid", "¥110,442");
      assert.equal(await byTestId(browser, "figure-gross").getText(), "¥123,000", "reimbursed travel is paid and in the base");

      // Paid to the carrier instead: out of the base, and out of the payment.
      await paymentForm.$('[name="travel_paid_to"]').selectByAttribute("value", "carrier");
      await waitForText(browser, "figure-withholding", "¥10,210");
      await waitForText(browser, "figure-direct_travel", "¥23,000");
      await paymentForm.$('[name="travel_paid_to"]').selectByAttribute("value", "payee");
      await waitForText(browser, "figure-withholding", "¥12,558");

      // The warning shows as the payment is typed, before anything is saved.
      await byTestId(browser, "preview-warning").waitForDisplayed({ timeout: TIMEOUT });
      assert.equal(await byTestId(browser, "preview-warning").getAttribute("data-code"), "payment.no_talk_in_programme");
      await setValueExactly(paymentForm.$('[name="travel_receipt"]'), receipt);

      // Saving asks for a confirmation first, listing the warning; nothing is saved until then.
      await paymentForm.$('[data-testid="save"]').click();
      await byTestId(browser, "payment-confirm").waitForDisplayed({ timeout: TIMEOUT });
      assert.equal(await byTestId(browser, "confirm-warning").getAttribute("data-code"), "payment.no_talk_in_programme");
      assert.equal(cliJson(db, "payment", "list").length, 0, "not saved before the confirmation");
      await byTestId(browser, "confirm-payment").click();
      await waitForText(browser, "payments-table", "¥110,442");
      const warning = byTestId(browser, "payment-warning");
      assert.equal(await warning.getAttribute("data-code"), "payment.no_talk_in_programme", "never silent");
      await waitForText(browser, "payment-receipt", "領収書あり");

      await setValueExactly(byTestId(browser, "payment-document-path"), folder);
      await byTestId(browser, "document_payee").selectByAttribute("value", String(yamada.id));
      await byTestId(browser, "print-statement").click();
      await waitForText(browser, "payment-document-result", "支払明細_非公表用_山田_太郎.pdf");
      await waitForText(browser, "tax-withheld", "¥12,558");
      await waitForText(browser, "record-needed", "要（5万円超）");
    });
    const pdf = join(folder, "支払明細_非公表用_山田_太郎.pdf");
    assert.ok(existsSync(pdf) && readFileSync(pdf).subarray(0, 4).toString() === "%PDF", "the statement was written");
    const payments = cliJson(db, "payment", "list", "--event", String(event.id));
    assert.equal(payments.length, 1);
    assert.deepEqual(
      [payments[0].gross, payments[0].withholding_base, payments[0].withholding, payments[0].net_paid],
      [123000, 123000, 12558, 110442],
      "the CLI answers the figures the window showed",
    );
    assert.equal(cliJson(db, "audit")[0].action, "payment_statement");
    assert.equal(payments[0].terms.travel[0].receipt_sha256.length, 64, "the travel line keeps its receipt");
    assert.ok(cliJson(db, "audit").some((line) => line.action === "payee_change"), "the payee added in the window is logged");
  });
});
