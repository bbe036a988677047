// The programme and the minutes in the real window: items added and reordered by keyboard,
// notes that survive the app being killed mid-sentence, a photo attached, the export written.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { allByTestId, byTestId, cliJson, launch, tempDatabase, waitForText } from "./harness.mjs";

const TIMEOUT = 15_000;

async function titles(browser) {
  const texts = [];
  for (const item of await allByTestId(browser, "agenda-title")) texts.push(await item.getText());
  return texts;
}

async function addItem(browser, start, end, title) {
  await byTestId(browser, "add-item").click();
  const startField = byTestId(browser, "item-start");
  await startField.waitForDisplayed({ timeout: TIMEOUT });
  await startField.setValue(start);
  await byTestId(browser, "item-end").setValue(end);
  await byTestId(browser, "item-title").setValue(title);
  await byTestId(browser, "save-item").click();
  await browser.waitUntil(async () => (await titles(browser)).includes(title), { timeout: TIMEOUT, timeoutMsg: `${title} never appeared` });
}

describe("programme and minutes", () => {
  test("items are added, reordered by keyboard, minutes typed, a photo attached, all exported", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "次第の回", "--date", "2026-07-25", "--start", "13:30", "--end", "15:00");
    const photo = join(dirname(db), "会場.png");
    const png = new PNG({ width: 40, height: 30 });
    png.data.fill(180);
    writeFileSync(photo, PNG.sync.write(png));
    const out = join(dirname(db), "書き出し");

    const app = await launch({ db });
    const { browser } = app;
    let killed = false;
    try {
      await byTestId(browser, "open-agenda").click();
      await byTestId(browser, "agenda-page").waitForDisplayed({ timeout: TIMEOUT });
      await addItem(browser, "13:30", "13:40", "開会挨拶");
      await addItem(browser, "13:40", "14:40", "基調講演");
      await addItem(browser, "14:40", "15:10", "交流会");
      await waitForText(browser, "schedule-issues", "10 分過ぎます");

      // Alt+↑ on the last item moves it up one place; the programme is re-timed.
      const [, , last] = await allByTestId(browser, "agenda-item");
      await last.click();
      await browser.keys(["Alt", "ArrowUp"]);
      await browser.waitUntil(async () => (await titles(browser))[1] === "交流会", { timeout: TIMEOUT, timeoutMsg: "Alt+↑ did not move the item" });
      // Dragged by its handle back to the end, and up again by keyboard.
      const handles = await allByTestId(browser, "drag-handle");
      const rows = await allByTestId(browser, "agenda-item");
      await handles[1].dragAndDrop(rows[2]);
      await browser.waitUntil(async () => (await titles(browser))[2] === "交流会", { timeout: TIMEOUT, timeoutMsg: "dragging did not move the item" });
      await (await allByTestId(browser, "agenda-item"))[2].click();
      await browser.keys(["Alt", "ArrowUp"]);
      await browser.waitUntil(async () => (await titles(browser))[1] === "交流会", { timeout: TIMEOUT, timeoutMsg: "Alt+↑ did not move it back" });
      const agenda = cliJson(db, "agenda", "list", "--event", String(event.id));
      assert.deepEqual(agenda.items.map((i) => [i.title, i.starts_at, i.ends_at]), [
        ["開会挨拶", "13:30", "13:40"],
        ["交流会", "13:40", "14:10"],
        ["基調講演", "14:10", "15:10"],
      ]);

      // The keynote's minutes: a note typed and, a second later, the app killed mid-sentence.
      const keynote = (await allByTestId(browser, "agenda-item"))[2];
      await keynote.click();
      await waitForText(browser, "minutes-title", "基調講演");
      await byTestId(browser, "minutes-talk_summary").setValue("承継の十年を振り返る講演");
      const note = byTestId(browser, "note-input");
      await note.click();
      await browser.keys("質疑では金融機関との関係づくりについて");
      await browser.pause(1000);

      // A photo without a time lands among the loose ones; the note-taker places it.
      await byTestId(browser, "photo-path").setValue(photo);
      await byTestId(browser, "photo-add").click();
      await byTestId(browser, "photo-card").waitForDisplayed({ timeout: TIMEOUT });
      await byTestId(browser, "photo-item").selectByVisibleText("14:10 基調講演");
      await browser.waitUntil(async () => (await cliJson(db, "photo", "list", "--event", String(event.id)))[0]?.agenda_item_id === agenda.items[2].id, {
        timeout: TIMEOUT,
        timeoutMsg: "the photo was not attached to the keynote",
      });

      await note.click();
      await browser.keys("、そして");
      await browser.pause(1000);
      await app.kill();
      killed = true;
    } finally {
      await app.stop();
    }
    assert.ok(killed);
    const minutes = join(dirname(db), "minutes-after-crash");
    const done = cliJson(db, "minutes", "export", "--event", String(event.id), "--out", minutes);
    const markdown = readFileSync(done.markdown, "utf8");
    assert.match(markdown, /承継の十年を振り返る講演/, "the talk summary survived the kill");
    assert.match(markdown, /質疑では金融機関との関係づくりについて、そして/, "at most the last second of typing is lost");
    assert.equal(done.n_photos, 1, "the photo is in place in the minutes");

    // The export from the window, after starting again.
    const restarted = await launch({ db });
    const again = restarted.browser;
    try {
      await byTestId(again, "open-agenda").click();
      const dir = byTestId(again, "agenda-export-dir");
      await dir.waitForDisplayed({ timeout: TIMEOUT });
      await dir.setValue(out);
      await byTestId(again, "export-agenda").click();
      await waitForText(again, "agenda-export-result", "次第_非公表用.pdf");
      await byTestId(again, "export-minutes").click();
      await waitForText(again, "agenda-export-result", "議事録_非公表用.pdf");
    } finally {
      await restarted.stop();
    }
    // The edition is in every file's name (the contract asks for it).
    for (const file of ["次第_非公表用.pdf", "次第_非公表用.html", "次第_非公表用.csv", "議事録_非公表用.md", "議事録_非公表用.html", "議事録_非公表用.pdf"]) {
      assert.ok(existsSync(join(out, file)), `${file} was written`);
    }
    const text = execFileSync("pdftotext", [join(out, "議事録_非公表用.pdf"), "-"], { encoding: "utf8" });
    assert.match(text, /非公表用/);
    assert.match(text, /金融機関/);
  });
});

describe("on the day", () => {
  test("the running item is marked by the clock and F2 jumps to its notes", async () => {
    const db = tempDatabase();
    // In the day's first and last minutes an item around now with one before it does not fit in
    // the day: wait those minutes out (at most three) rather than fail.
    const minuteOfDay = () => new Date().getHours() * 60 + new Date().getMinutes();
    while (minuteOfDay() < 2 || minuteOfDay() > 23 * 60 + 56) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const minute = now.getHours() * 60 + now.getMinutes();
    const at = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
    // An item around now (kept inside the day), one before it when there is room.
    const start = Math.max(1, minute - 20);
    const end = Math.min(23 * 60 + 59, minute + 20);
    const event = cliJson(db, "event", "create", "--title", "当日の回", "--date", today);
    cliJson(db, "agenda", "add", "--event", String(event.id), "--start", at(start - 1), "--end", at(start), "--title", "前の項目");
    cliJson(db, "agenda", "add", "--event", String(event.id), "--start", at(start), "--end", at(end), "--title", "進行中の講演");
    const app = await launch({ db });
    const { browser } = app;
    try {
      await byTestId(browser, "open-agenda").click();
      await byTestId(browser, "agenda-page").waitForDisplayed({ timeout: TIMEOUT });
      const current = await browser.$(".agenda-item.current");
      await current.waitForDisplayed({ timeout: TIMEOUT });
      assert.match(await current.getText(), /進行中の講演/);
      await (await allByTestId(browser, "agenda-item"))[0].click();
      await waitForText(browser, "minutes-title", "前の項目");
      await browser.keys("F2");
      await waitForText(browser, "minutes-title", "進行中の講演");
      assert.ok(await byTestId(browser, "note-input").isFocused(), "F2 puts the cursor in the running item's notes");
      await browser.keys("一つ目のメモ");
      await browser.keys("Enter");
      await waitForText(browser, "notes", "一つ目のメモ");
      assert.equal(await byTestId(browser, "note-input").getValue(), "", "Enter starts the next note");
      await browser.keys("二つ目");
      await browser.keys("Enter");
      await waitForText(browser, "notes", "二つ目");
    } finally {
      await app.stop();
    }
  });
});
