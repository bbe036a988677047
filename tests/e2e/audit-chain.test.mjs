// The privacy log's tamper check in the real window: 「改ざんの確認」 says the log is whole, and after
// a line is edited in the file by hand (as someone with the file would, dropping the trigger),
// it says from which line and to report it.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { byTestId, cliJson, plainDatabase, waitForText, withApp } from "./harness.mjs";

describe("privacy log chain", () => {
  test("the button says the log is intact, and where it was tampered with", async () => {
    // Plain, so that the sqlite3 shell can edit it.
    const db = plainDatabase();
    const event = cliJson(db, "event", "create", "--title", "改ざん確認の回", "--date", "2026-07-25");
    cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "大友 慎吾");
    for (const name of ["a.csv", "b.csv"]) {
      cliJson(db, "attendance", "export", "--event", String(event.id), "--out", join(dirname(db), name));
    }
    await withApp(db, async (browser) => {
      await byTestId(browser, "privacy-log").click();
      await waitForText(browser, "privacy-log-entries", "出欠の書き出し");
      await byTestId(browser, "verify-audit-chain").click();
      await waitForText(browser, "audit-chain-result", "監査ログは改ざんされていません（2 行）");
    });

    // The sqlite3 shell stands in for whoever edits the file by hand.
    execFileSync("sqlite3", [
      db,
      "DROP TRIGGER audit_log_chained_no_update; UPDATE audit_log SET n_people = 0 WHERE id = 1;",
    ]);
    await withApp(db, async (browser) => {
      await byTestId(browser, "privacy-log").click();
      await byTestId(browser, "verify-audit-chain").click();
      await waitForText(browser, "audit-chain-result", "1 行目以降が改ざんされています");
      const said = await byTestId(browser, "audit-chain-result").getText();
      assert.match(said, /情報管理責任者/, "the message says whom to report it to");
    });
  });
});
