// Encryption at rest in the real window: a first start asks for the passphrase (twice) and never
// makes a plain file; later starts show nothing until it is typed, and a wrong one is refused.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { TEST_PASSPHRASE, byTestId, cliBinary, cliJson, setValueExactly, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 20_000;
// An empty TSUDOI_PASSPHRASE counts as none: the window asks, as it does for a person.
const asAPerson = { env: { TSUDOI_PASSPHRASE: "" } };
const PASSPHRASE = "せんだい 七夕 まつり";

/** The 情報管理責任者 on the roster, with the PIN the tests sign in with. */
function addOfficer(db) {
  const added = spawnSync(cliBinary, ["--db", db, "--json", "handler", "add", "--name", "責任 者", "--role", "officer"], {
    encoding: "utf8",
    env: { ...process.env, TSUDOI_NEW_PIN: "2468" },
  });
  assert.equal(added.status, 0, added.stderr);
}

async function signInAndOpenRoster(browser) {
  const who = byTestId(browser, "sign-in-name");
  await who.waitForDisplayed({ timeout: TIMEOUT });
  await who.selectByAttribute("value", "責任 者");
  await setValueExactly(byTestId(browser, "sign-in-pin"), "2468");
  await browser.keys("Enter");
  await byTestId(browser, "open-roster").click();
}

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
        // Remembered in the OS keychain (the kernel's keyutils here), asked for by ticking.
        await byTestId(browser, "unlock-remember").waitForDisplayed({ timeout: TIMEOUT });
        await byTestId(browser, "unlock-remember").click();
        await byTestId(browser, "unlock-open").click();
        await byTestId(browser, "open-roster").waitForDisplayed({ timeout: TIMEOUT });
      },
      asAPerson,
    );

    // The next start opens without asking, until the passphrase is forgotten.
    await withApp(
      db,
      async (browser) => {
        await byTestId(browser, "open-roster").waitForDisplayed({ timeout: TIMEOUT });
        await byTestId(browser, "open-roster").click();
        await waitForText(browser, "keychain-status", "記憶されています");
        await byTestId(browser, "forget-passphrase").click();
        await waitForText(browser, "keychain-status", "記憶されていません");
      },
      asAPerson,
    );
    await withApp(
      db,
      async (browser) => {
        await byTestId(browser, "unlock").waitForDisplayed({ timeout: TIMEOUT });
      },
      asAPerson,
    );
  });

  test("the officer makes an encrypted backup and the half-year security report from the window", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "第1回", "--date", "2026-07-25");
    addOfficer(db);
    const backup = join(dirname(db), "集い_バックアップ.tsudoi");
    const report = join(dirname(db), "セキュリティ対策_非公表用.pdf");
    await withApp(db, async (browser) => {
      await signInAndOpenRoster(browser);
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

  test("backups on a schedule into a stick, the officer erases everything, and a backup restores at the next first start", async () => {
    const db = tempDatabase();
    cliJson(db, "demo");
    addOfficer(db);
    const root = dirname(dirname(db));
    const stick = join(root, `USB メモリ ${Date.now()}`);
    const certificates = join(root, `証明書 ${Date.now()}`);
    mkdirSync(stick);
    mkdirSync(certificates);
    const backupsOnStick = () => readdirSync(stick).filter((name) => name.startsWith("tsudoi-backup-"));
    const elsewhere = join(root, `another-laptop-${Date.now()}.tsudoi`);
    await withApp(db, async (browser) => {
      await signInAndOpenRoster(browser);
      await byTestId(browser, "schedule-section").waitForDisplayed({ timeout: TIMEOUT });
      await setValueExactly(byTestId(browser, "schedule-folder"), stick);
      await setValueExactly(byTestId(browser, "schedule-keep"), "2");
      await byTestId(browser, "schedule-save").click();
      // A new schedule is due at once.
      await waitForText(browser, "schedule-state", "前回", TIMEOUT);
      assert.equal(backupsOnStick().length, 1);
      // Two more by hand: three made, the newest two kept.
      await byTestId(browser, "schedule-now").click();
      await browser.waitUntil(async () => backupsOnStick().length === 2, { timeout: TIMEOUT, timeoutMsg: "the second" });
      const second = backupsOnStick().sort();
      await byTestId(browser, "schedule-now").click();
      await browser.waitUntil(async () => backupsOnStick().sort().join() !== second.join(), { timeout: TIMEOUT, timeoutMsg: "the third" });
      assert.equal(backupsOnStick().length, 2, "the oldest was removed");
      // The newest is the one the second look did not see (two made within a second sort by counter, not by name).
      const newest = backupsOnStick().find((name) => !second.includes(name));
      copyFileSync(join(stick, newest), elsewhere);

      // The erasure: the word must be typed; then everything goes and the certificate is written.
      await setValueExactly(byTestId(browser, "erase-certificate-dir"), certificates);
      await setValueExactly(byTestId(browser, "erase-confirmation"), "けす");
      await byTestId(browser, "erase-all-run").click();
      await waitForText(browser, "erase-error", "一致しない");
      assert.ok(existsSync(db), "a wrong word erases nothing");
      await setValueExactly(byTestId(browser, "erase-confirmation"), "消去");
      await byTestId(browser, "erase-all-run").click();
      await waitForText(browser, "erase-result", "消去証明書を作成しました", TIMEOUT);
      assert.equal(existsSync(db), false);
      assert.equal(existsSync(`${db}.key`), false);
      assert.deepEqual(backupsOnStick(), [], "the stick's backups are erased too");
      assert.ok(readdirSync(certificates).some((name) => name.endsWith(".pdf")));

      // Back at the first start, the copy kept elsewhere restores and opens.
      await byTestId(browser, "erase-finish").click();
      await byTestId(browser, "restore").waitForDisplayed({ timeout: TIMEOUT });
      await setValueExactly(byTestId(browser, "restore-file"), elsewhere);
      await setValueExactly(byTestId(browser, "restore-passphrase"), TEST_PASSPHRASE);
      await byTestId(browser, "restore-run").click();
      await byTestId(browser, "sign-in-name").waitForDisplayed({ timeout: TIMEOUT });
    });
    assert.ok(existsSync(db), "restored");
    // The restored copy was made before its own log line: it holds the two backups made before it.
    const log = cliJson(db, "audit", "--limit", "50");
    assert.equal(log.filter((e) => e.action === "backup" && e.actor === "責任 者").length, 2, JSON.stringify(log));
  });
});
