// Refreshes docs/screenshot.png: the demo event in the real window.
// Views: event (default), desk, form, agenda, report, welcome.
// Run: xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" node tests/e2e/screenshot.mjs [out.png] [view] [WxH]

import { byTestId, launch, tempDatabase, cliJson } from "./harness.mjs";

const out = process.argv[2] ?? new URL("../../docs/screenshot.png", import.meta.url).pathname;
const view = process.argv[3] ?? "event";
const db = tempDatabase();
if (view !== "welcome") cliJson(db, "demo");
const app = await launch({ db });
const { browser } = app;
try {
  const [width, height] = (process.argv[4] ?? "1280x820").split("x").map(Number);
  await browser.setWindowSize(width, height);
  if (view === "welcome") {
    await byTestId(browser, "welcome").waitForDisplayed({ timeout: 15000 });
  } else {
    await browser.waitUntil(async () => (await browser.$$('[data-testid="attendee-row"]')).length > 0, { timeout: 15000 });
    if (view === "desk") {
      const [person] = cliJson(db, "attendee", "list", "--event", "1", "--search", "大友");
      await byTestId(browser, "open-desk").click();
      const scan = byTestId(browser, "scan-input");
      await scan.waitForDisplayed({ timeout: 15000 });
      await scan.setValue(person.ticket);
      await browser.keys("Enter");
      await browser.waitUntil(async () => (await byTestId(browser, "door-result").getAttribute("data-outcome")) === "ok", { timeout: 15000 });
      await browser.waitUntil(async () => (await byTestId(browser, "live-in-room").getText()).startsWith("1"), { timeout: 15000 });
    }
    if (view === "agenda") {
      await byTestId(browser, "open-agenda").click();
      await browser.waitUntil(async () => (await browser.$$('[data-testid="agenda-item"]')).length > 0, { timeout: 15000 });
      await (await browser.$$('[data-testid="agenda-item"]'))[1].click();
      await byTestId(browser, "minutes-talk_summary").setValue("家業の酒蔵に戻ってから三代目として承継するまでの十年と、海外向け新商品で売上を倍増させた取り組みの紹介。");
      await byTestId(browser, "note-input").click();
      await browser.keys("質疑: 金融機関に承継を相談したのはいつか → 戻って2年目。");
      await browser.keys("Enter");
      await browser.waitUntil(async () => (await byTestId(browser, "notes").getText()).includes("戻って2年目"), { timeout: 15000 });
    }
    if (view === "report") {
      await byTestId(browser, "open-report").click();
      await byTestId(browser, "report-text-outline").waitForDisplayed({ timeout: 15000 });
      await browser.waitUntil(async () => (await byTestId(browser, "report-checks").getText()) !== "", { timeout: 15000 });
    }
    if (view === "form") {
      await byTestId(browser, "add-attendee").click();
      await byTestId(browser, "save").click();
      await byTestId(browser, "form-error").waitForDisplayed({ timeout: 15000 });
    }
  }
  await browser.saveScreenshot(out);
  console.log(`saved ${out}`);
} finally {
  await app.stop();
}
