// The real Tsudoi window, clicked and typed into as a person does.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { allByTestId, byTestId, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

async function rowCount(browser) {
  return (await allByTestId(browser, "attendee-row")).length;
}

describe("first start", () => {
  test("an empty database offers the demo, which shows both events and their attendees", async () => {
    const db = tempDatabase();
    await withApp(db, async (browser) => {
      const welcome = byTestId(browser, "welcome");
      await welcome.waitForDisplayed({ timeout: TIMEOUT });
      assert.match(await welcome.getText(), /デモデータ/, "the welcome speaks Japanese by default");
      await byTestId(browser, "load-demo").click();

      await waitForText(browser, "event-title", "第1回");
      const events = await allByTestId(browser, "event-item");
      assert.equal(events.length, 2, "the project's two gatherings are listed");
      await browser.waitUntil(async () => (await rowCount(browser)) >= 70, {
        timeout: TIMEOUT,
        timeoutMsg: "the first event's attendees were not listed",
      });
      await waitForText(browser, "toast", "デモデータを読み込みました");

      await events[1].click();
      await waitForText(browser, "event-title", "第2回");
    });
    const listed = cliJson(db, "event", "list");
    assert.equal(listed.length, 2, "the window wrote the demo into the file the CLI reads");
  });
});

describe("attendees", () => {
  test("a katakana search finds an attendee whose reading was typed in hiragana", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "検索の回", "--date", "2026-07-25");
    cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "山田 太郎", "--kana", "やまだ たろう");
    cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "佐藤 花子", "--kana", "さとう はなこ");
    await withApp(db, async (browser) => {
      await browser.waitUntil(async () => (await rowCount(browser)) === 2, { timeout: TIMEOUT });
      await byTestId(browser, "attendee-search").setValue("ヤマダ");
      await browser.waitUntil(async () => (await rowCount(browser)) === 1, {
        timeout: TIMEOUT,
        timeoutMsg: "the search did not narrow the list to one person",
      });
      assert.match(await byTestId(browser, "attendee-row").getText(), /山田 太郎/);
      await byTestId(browser, "attendee-search").setValue("該当なし");
      await waitForText(browser, "attendee-empty", "該当なし");
    });
  });

  test("a new attendee is saved, listed, counted and readable from the CLI", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "登録の回", "--date", "2026-07-25");
    await withApp(db, async (browser) => {
      await waitForText(browser, "event-title", "登録の回");
      await byTestId(browser, "add-attendee").click();
      const form = byTestId(browser, "attendee-form");
      await form.waitForDisplayed({ timeout: TIMEOUT });

      // A save without a name is refused with a message, and nothing is stored.
      await byTestId(browser, "save").click();
      await waitForText(browser, "form-error", "氏名");

      await byTestId(browser, "name").setValue("大友 慎吾");
      await byTestId(browser, "kana").setValue("おおとも しんご");
      await byTestId(browser, "organization").setValue("大友醤油株式会社");
      await byTestId(browser, "email").setValue("p00@sample.example.jp");
      await byTestId(browser, "phone").setValue("022-123-4567");
      await byTestId(browser, "category").selectByAttribute("value", "supporter");
      await byTestId(browser, "mode").selectByAttribute("value", "online");
      await browser.keys("Enter");

      await waitForText(browser, "toast", "大友 慎吾");
      await browser.waitUntil(async () => (await rowCount(browser)) === 1, { timeout: TIMEOUT });
      const row = await byTestId(browser, "attendee-row").getText();
      assert.match(row, /大友 慎吾/);
      assert.match(row, /オオトモ シンゴ/, "the reading is stored as katakana");
      assert.match(row, /支援者/);
      await waitForText(browser, "n-registered", "1");
      await waitForText(browser, "n-online", "1");
    });
    const stored = cliJson(db, "attendee", "list", "--event", String(event.id));
    assert.equal(stored.length, 1);
    assert.equal(stored[0].phone, "022-123-4567", "the phone number keeps its leading zero");
    assert.equal(stored[0].category, "supporter");
    assert.equal(stored[0].mode, "online");
  });

  test("editing an attendee cancels the registration", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "編集の回", "--date", "2026-07-25");
    const person = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "三浦 かおり");
    await withApp(db, async (browser) => {
      await byTestId(browser, "edit-attendee").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "edit-attendee").click();
      await byTestId(browser, "status").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "status").selectByAttribute("value", "cancelled");
      await byTestId(browser, "save").click();
      await waitForText(browser, "n-cancelled", "1");
    });
    assert.equal(cliJson(db, "attendee", "show", String(person.id)).status, "cancelled");
  });
});

describe("events", () => {
  test("a new event is validated, created and listed", async () => {
    const db = tempDatabase();
    await withApp(db, async (browser) => {
      await byTestId(browser, "start-empty").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "start-empty").click();
      await byTestId(browser, "event-form").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "title").setValue("第3回 特別セミナー");
      await byTestId(browser, "date").setValue("2027-01-30");
      await byTestId(browser, "start_time").setValue("17:00");
      await byTestId(browser, "end_time").setValue("13:00");
      await byTestId(browser, "venue_name").setValue("仙台市中小企業活性化センター");
      await byTestId(browser, "save").click();
      await waitForText(browser, "form-error", "終了時刻");

      await byTestId(browser, "end_time").setValue("19:00");
      await byTestId(browser, "save").click();
      await waitForText(browser, "event-title", "第3回 特別セミナー");
      assert.match(await byTestId(browser, "event-detail").getText(), /17:00–19:00/);
      assert.equal((await allByTestId(browser, "event-item")).length, 1);
    });
    const [stored] = cliJson(db, "event", "list");
    assert.equal(stored.capacity, 70, "a new event starts with the contract's capacity");
    assert.equal(stored.venue_name, "仙台市中小企業活性化センター");
  });
});

describe("settings and safety", () => {
  test("English is a setting that stays after a restart", async () => {
    const db = tempDatabase();
    cliJson(db, "event", "create", "--title", "言語の回", "--date", "2026-07-25");
    await withApp(db, async (browser) => {
      await byTestId(browser, "language").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "language").selectByAttribute("value", "en");
      await waitForText(browser, "add-attendee", "Add attendee");
    });
    await withApp(db, async (browser) => {
      await waitForText(browser, "add-attendee", "Add attendee");
    });
  });

  test("a file that is not a Tsudoi database is explained and left untouched", async () => {
    const db = tempDatabase();
    const content = "ID,お名前\n1,大友 慎吾\n";
    writeFileSync(db, content);
    await withApp(db, async (browser) => {
      const fatal = byTestId(browser, "fatal-error");
      await fatal.waitForDisplayed({ timeout: TIMEOUT });
      assert.equal(await fatal.getAttribute("data-code"), "store.not_tsudoi");
      assert.match(await fatal.getText(), /ファイルは変更していません/);
    });
    assert.equal(readFileSync(db, "utf8"), content);
  });
});

describe("tickets", () => {
  test("an attendee's ticket is shown as a QR code and can be reissued", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "受付票の回", "--date", "2026-07-25");
    const person = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "大友 慎吾");
    await withApp(db, async (browser) => {
      await byTestId(browser, "edit-attendee").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "edit-attendee").click();
      const grouped = person.ticket.match(/.{1,4}/g).join("-");
      await waitForText(browser, "ticket-code", grouped);
      await browser.waitUntil(
        async () => (await browser.execute(() => document.querySelector('[data-testid="ticket-qr"]')?.naturalWidth ?? 0)) > 0,
        { timeout: TIMEOUT, timeoutMsg: "the QR image was not drawn" },
      );
      await byTestId(browser, "reissue-ticket").click();
      await byTestId(browser, "reissue-ticket").click();
      await browser.waitUntil(async () => (await byTestId(browser, "ticket-code").getText()) !== grouped, {
        timeout: TIMEOUT,
        timeoutMsg: "the code did not change after reissuing",
      });
    });
    const [after] = cliJson(db, "attendee", "list", "--event", String(event.id));
    assert.notEqual(after.ticket, person.ticket, "the new ticket is stored");
  });

  test("the event's tickets are exported to a folder as images and a printable PDF", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "書き出しの回", "--date", "2026-07-25");
    cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "大友 慎吾");
    cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "熊谷 一");
    const out = join(dirname(db), "受付票");
    await withApp(db, async (browser) => {
      await byTestId(browser, "export-tickets").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "export-tickets").click();
      const dir = byTestId(browser, "export-dir");
      await browser.waitUntil(async () => (await dir.getValue()).includes("Tsudoi"), {
        timeout: TIMEOUT,
        timeoutMsg: "no default folder was offered",
      });
      await dir.setValue(out);
      await byTestId(browser, "export-now").click();
      await waitForText(browser, "export-result", "2");
    });
    const files = readdirSync(out).sort();
    assert.equal(files.filter((f) => f.endsWith(".png")).length, 2);
    assert.equal(files.filter((f) => f.endsWith(".svg")).length, 2);
    assert.ok(files.includes("受付票_非公表用.pdf"), `the cards carry names: 非公表用 in the name: ${files}`);
    assert.equal(readFileSync(join(out, "受付票_非公表用.pdf")).subarray(0, 5).toString(), "%PDF-");
  });
});

describe("waiting list", () => {
  test("registrations beyond the capacity wait, and a cancellation moves the first one up", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "満席の回", "--date", "2026-07-25", "--capacity", "1");
    const first = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "一 一郎", "--kana", "いち");
    const second = cliJson(db, "attendee", "add", "--event", String(event.id), "--name", "二 二郎", "--kana", "に");
    assert.equal(second.waitlist_position, 1, "the second venue registration waits");
    await withApp(db, async (browser) => {
      await waitForText(browser, "attendee-table", "キャンセル待ち 1");
      await waitForText(browser, "n-waitlisted", "1");
      const rows = await allByTestId(browser, "attendee-row");
      await rows[0].$('[data-testid="edit-attendee"]').click();
      await byTestId(browser, "status").waitForDisplayed({ timeout: TIMEOUT });
      assert.equal(await byTestId(browser, "name").getValue(), first.name);
      await byTestId(browser, "status").selectByAttribute("value", "cancelled");
      await byTestId(browser, "save").click();
      await waitForText(browser, "toast", "二 二郎");
      await waitForText(browser, "n-waitlisted", "0");
    });
    const moved = cliJson(db, "attendee", "show", String(second.id));
    assert.equal(moved.waitlisted_at, null, "the freed place went to the one waiting");
  });
});
