// Files in and out in the real window: a registration export previewed, mapped and imported; a
// Teams report marking online attendance; the attendance file written and logged.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { allByTestId, byTestId, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;
const samples = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "samples");

describe("registration import", () => {
  test("a Forms export with an unknown header and category is previewed, mapped, decided and imported", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "取り込みの回", "--date", "2026-07-25");
    // The sample with its organisation header renamed to something no rule knows, and one
    // category word no rule knows: the person maps and decides in the preview.
    const file = join(dirname(db), "申込.csv");
    const original = readFileSync(join(samples, "registrations-msforms-utf8bom.csv"), "utf8");
    writeFileSync(file, original.replace("ご所属", "お勤め先の名称").replace("6,2026/06/06 10:05,2026/06/06 10:08,p05@sample.example.jp,小野寺 蓮,おのでら れん,株式会社小野寺鉄工,取締役,アトツギ", "6,2026/06/06 10:05,2026/06/06 10:08,p05@sample.example.jp,小野寺 蓮,おのでら れん,株式会社小野寺鉄工,取締役,行政職員"));
    await withApp(db, async (browser) => {
      await byTestId(browser, "import-registrations").click();
      await byTestId(browser, "import-path").setValue(file);
      await byTestId(browser, "import-preview").click();
      await waitForText(browser, "import-plan", "新規 30 名");
      const organisationColumn = byTestId(browser, "map-6");
      assert.equal(await organisationColumn.getValue(), "", "お勤め先の名称 is not guessed");
      await organisationColumn.selectByAttribute("value", "organization");
      await browser.waitUntil(async () => (await byTestId(browser, "map-6").getValue()) === "organization", { timeout: TIMEOUT });
      await waitForText(browser, "unmatched-categories", "行政職員");
      // An unknown word is never guessed (その他 would seat an official among the public): the
      // import waits for a person's decision.
      assert.equal(await byTestId(browser, "category-choice").getValue(), "", "no category is preselected");
      assert.equal(await byTestId(browser, "import-apply").isEnabled(), false, "the import waits for the decision");
      await waitForText(browser, "import-undecided", "1");
      await byTestId(browser, "category-choice").selectByAttribute("value", "stakeholder");
      await browser.waitUntil(
        async () => (await byTestId(browser, "category-choice").getValue()) === "stakeholder",
        { timeout: TIMEOUT },
      );
      assert.equal(cliJson(db, "attendee", "list", "--event", String(event.id)).length, 0, "a preview changes nothing");
      await browser.waitUntil(async () => byTestId(browser, "import-apply").isEnabled(), { timeout: TIMEOUT });
      await byTestId(browser, "import-apply").click();
      await browser.waitUntil(async () => (await allByTestId(browser, "attendee-row")).length === 30, {
        timeout: TIMEOUT,
        timeoutMsg: "the 30 imported people never appeared in the list",
      });
    });
    const people = cliJson(db, "attendee", "list", "--event", String(event.id));
    assert.equal(people.length, 30);
    const onodera = people.find((p) => p.name === "小野寺 蓮");
    assert.equal(onodera.category, "stakeholder", "the person's decision for 行政職員");
    assert.equal(onodera.organization, "株式会社小野寺鉄工", "the column the person mapped");
    // The mapping is remembered: the CLI reads the same headers the same way without --map.
    const again = cliJson(db, "attendee", "import", "--event", String(event.id), file, "--dry-run");
    assert.equal(again.mapping[6], "organization", "the confirmed mapping is remembered for these headers");
    assert.equal(again.imported, 0);
    assert.equal(again.updated, 0, "the same file twice changes nothing");
  });

  test("a broken file is refused with a message and nothing changes", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "壊れたファイルの回", "--date", "2026-07-25");
    const file = join(dirname(db), "broken.csv");
    writeFileSync(file, '氏名,メールアドレス\n大友 慎吾,"p00@sample.example.jp');
    await withApp(db, async (browser) => {
      await byTestId(browser, "import-registrations").click();
      await byTestId(browser, "import-path").setValue(file);
      await byTestId(browser, "import-preview").click();
      const panel = byTestId(browser, "import-panel");
      const error = await panel.$(".form-error");
      await error.waitForDisplayed({ timeout: TIMEOUT });
      assert.match(await error.getText(), /何も取り込んでいません.*閉じていません/s);
      assert.equal((await allByTestId(browser, "import-apply")).length, 0, "nothing to apply");
    });
  });
});

describe("online attendance and the attendance file", () => {
  test("a Teams report marks online attendees; the export is written, summarised and logged", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "書き出しの回", "--date", "2026-07-25");
    cliJson(db, "attendee", "import", "--event", String(event.id), join(samples, "registrations-msforms-utf8bom.csv"));
    const report = join(dirname(db), "teams.csv");
    copyFileSync(join(samples, "teams-attendance-report.csv"), report);
    const out = join(dirname(db), "出欠.xlsx");
    await withApp(db, async (browser) => {
      await byTestId(browser, "import-online").click();
      await byTestId(browser, "online-path").setValue(report);
      await byTestId(browser, "online-preview").click();
      await waitForText(browser, "online-plan", "4 名を照合");
      await waitForText(browser, "online-unmatched", "運営 事務局");
      await byTestId(browser, "online-apply").click();
      await waitForText(browser, "sum-general-online", "4 / 7");

      await byTestId(browser, "export-attendance").click();
      const path = byTestId(browser, "attendance-path");
      await browser.waitUntil(async () => (await path.getValue()).endsWith(".xlsx"), {
        timeout: TIMEOUT,
        timeoutMsg: "no default file was offered",
      });
      await path.setValue(out);
      await byTestId(browser, "attendance-export-now").click();
      await waitForText(browser, "attendance-result", "30 名分");

      await byTestId(browser, "privacy-log").click();
      await waitForText(browser, "privacy-log-entries", "出欠の書き出し");
    });
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 2).toString(), "PK", "an XLSX workbook");
    const log = cliJson(db, "audit");
    assert.deepEqual(
      log.map((e) => e.action),
      ["attendance_export", "online_attendance_import", "registration_import"],
      "the import, the report and the export are each in the privacy log",
    );
    assert.equal(log[0].n_people, 30);
  });
});
