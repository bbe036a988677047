// Encryption at rest in the real window: a first start asks for the passphrase (twice) and never
// makes a plain file; later starts show nothing until it is typed, and a wrong one is refused.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { byTestId, cliBinary, cliJson, setValueExactly, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 20_000;
// An empty TSUDOI_PASSPHRASE counts as none: the window asks, as it does for a person.
const asAPerson = { env: { TSUDOI_PASSPHRASE: "" } };
const PASSPHRASE = "せんだい 七夕 まつり";

describe("encryption in the window", () => {
  test("the first start asks for a passphrase; later starts open only with it", async () => {
    const db = tempDatabase();
    await withApp(
      db,
      async (browser) => {
        await byTestId(browser, "create-database").waitForDisplayed({ timeout: TIMEOUT });
        assert.equal(existsSync(db), false, "nothing is written before the passphrase");
        await setValueExactly(byTestId(browser, "create-passphrase"), "みじかい");
        await setValueExactly(byTestId(browser, "create-passphrase-again"), "みじかい");
        await byTestId(browser, "create-open").click();
        await waitForText(browser, "create-database", "10文字以上");
        await setValueExactly(byTestId(browser, "create-passphrase"), PASSPHRASE);
        await setValueExactly(byTestId(browser, "create-passphrase-again"), `${PASSPHRASE}!`);
        await byTestId(browser, "create-open").click();
        await waitForText(browser, "create-database", "一致しません");
        await setValueExactly(byTestId(browser, "create-passphrase-again"), PASSPHRASE);
        await byTestId(browser, "create-open").click();
        await byTestId(browser, "load-demo").waitForDisplayed({ timeout: TIMEOUT });
        await byTestId(browser, "load-demo").click();
        await byTestId(browser, "open-roster").waitForDisplayed({ timeout: TIMEOUT });
      },
      asAPerson,
    );
    assert.ok(existsSync(`${db}.key`), "the key file is beside the database");
    const bytes = readFileSync(db);
    assert.ok(!bytes.subarray(0, 16).toString("latin1").startsWith("SQLite format 3"), "the file is encrypted");
    for (const name of ["アトツギ", "株式会社"]) {
      assert.ok(!bytes.includes(Buffer.from(name)), `${name} is not in the file in clear`);
    }

    await withApp(
      db,
      async (browser) => {
        await byTestId(browser, "unlock").waitForDisplayed({ timeout: TIMEOUT });
        const shown = await browser.$("body").getText();
        assert.ok(!shown.includes("アトツギ"), "nothing of the data shows while locked");
        await setValueExactly(byTestId(browser, "unlock-passphrase"), "せんだい 七夕 まつりX");
        await byTestId(browser, "unlock-open").click();
        await waitForText(browser, "unlock", "パスフレーズが違います");
        await setValueExactly(byTestId(browser, "unlock-passphrase"), PASSPHRASE);
        await byTestId(browser, "unlock-open").click();
        await byTestId(browser, "open-roster").waitForDisplayed({ timeout: TIMEOUT });
      },
      asAPerson,
    );
  });

  test("the officer makes an encrypted backup and the half-year security report from the window", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "第1回", "--date", "2026-07-25");
    const added = spawnSync(cliBinary, ["--db", db, "--json", "handler", "add", "--name", "責任 者", "--role", "officer"], {
      encoding: "utf8",
      env: { ...process.env, TSUDOI_NEW_PIN: "2468" },
    });
    assert.equal(added.status, 0, added.stderr);
    const backup = join(dirname(db), "集い_バックアップ.tsudoi");
    const report = join(dirname(db), "セキュリティ対策_非公表用.pdf");
    await withApp(db, async (browser) => {
      const who = byTestId(browser, "sign-in-name");
      await who.waitForDisplayed({ timeout: TIMEOUT });
      await who.selectByAttribute("value", "責任 者");
      await setValueExactly(byTestId(browser, "sign-in-pin"), "2468");
      await browser.keys("Enter");
      await byTestId(browser, "open-roster").click();
      await byTestId(browser, "protection-section").waitForDisplayed({ timeout: TIMEOUT });
      await setValueExactly(byTestId(browser, "backup-path"), backup);
      await byTestId(browser, "backup").click();
      await waitForText(browser, "backup-result", "バックアップを作成しました");
      await setValueExactly(byTestId(browser, "security-from"), "2026-04-01");
      await setValueExactly(byTestId(browser, "security-to"), "2099-09-30");
      await setValueExactly(byTestId(browser, "security-path"), report);
      await byTestId(browser, "security-export").click();
      await waitForText(browser, "security-result", "10 項目");
    });
    assert.ok(existsSync(backup) && existsSync(report));
    const text = spawnSync("pdftotext", [report, "-"], { encoding: "utf8" }).stdout;
    assert.match(text, /非公表用/);
    assert.match(text, /保存データの暗号化/);
    const log = cliJson(db, "audit", "--limit", "5");
    assert.ok(log.some((e) => e.action === "backup" && e.actor === "責任 者"), JSON.stringify(log));
  });
});
