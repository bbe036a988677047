// The About box: the same versions as `tsudoi info`, and the WebView's, in the real window.

import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, cliJson, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 15_000;

test("the About box names the app, the schema, SQLite, SQLCipher and the WebView", async () => {
  const db = tempDatabase();
  const info = cliJson(db, "info");
  await withApp(db, async (browser) => {
    await byTestId(browser, "about").click();
    await byTestId(browser, "about-box").waitForDisplayed({ timeout: TIMEOUT });
    await waitForText(browser, "about-app-version", info.about.app_version);
    assert.equal(await byTestId(browser, "about-schema-version").getText(), String(info.about.schema_version));
    assert.equal(await byTestId(browser, "about-sqlite").getText(), info.about.sqlite_version, "the same engine as the CLI's");
    assert.equal(await byTestId(browser, "about-sqlcipher").getText(), info.about.sqlcipher_version);
    // WebKitGTK here, WebView2 on Windows: a version number, read from the system by Tauri.
    assert.match(await byTestId(browser, "about-webview").getText(), /^\d+\.\d+/);
    await byTestId(browser, "about-close").click();
    await byTestId(browser, "about-box").waitForExist({ reverse: true, timeout: TIMEOUT });
  });
});
