// Mail to each person in the real window: a mailing prepared (the person without consent left
// out with the reason), previewed, approved by a second person, sent to an SMTP sink (aiosmtpd,
// tests/smtp/sink.py) on 127.0.0.1 started by this test, and the sink's messages read back: one
// per person, each with only that person's address.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { allByTestId, byTestId, cliJson, setValueExactly, tempDatabase, waitForText, withApp } from "./harness.mjs";

const TIMEOUT = 20_000;
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the sink; resolves once it says "ready". Stopped by its process id. */
async function startSink() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tsudoi-sink-"));
  const python = process.env.TSUDOI_TEST_PYTHON ?? "python3";
  const child = spawn(python, [join(root, "tests", "smtp", "sink.py"), "--port", String(port), "--dir", dir], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      if (seen.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the SMTP sink ended (${code}); is aiosmtpd installed?`)));
  });
  const messages = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  return { port, messages, stop: () => process.kill(child.pid, "SIGTERM") };
}

describe("mail", () => {
  test("a mailing is prepared, previewed, approved by a second person and sent, one message per person", async () => {
    const db = tempDatabase();
    const event = cliJson(db, "event", "create", "--title", "アトツギ交流会 in 仙台", "--date", "2026-07-25");
    const id = String(event.id);
    const people = [
      ["大友 慎吾", "otomo@example.jp"],
      ["佐々木 𠮷子", "sasaki@example.co.jp"],
      ["高橋 一郎", "takahashi@example.ne.jp"],
    ];
    const added = people.map(([name, email]) => cliJson(db, "attendee", "add", "--event", id, "--name", name, "--email", email));
    const noConsent = cliJson(db, "attendee", "add", "--event", id, "--name", "渡辺 恵", "--email", "watanabe@example.jp", "--no-consent");

    const sink = await startSink();
    try {
      await withApp(db, async (browser) => {
        await byTestId(browser, "open-mail").click();
        await setValueExactly(byTestId(browser, "mail-purpose"), "受付票の送付");
        await byTestId(browser, "prepare-mailing").click();

        // The mailing opens: three recipients, the person without consent left out with why.
        const detail = byTestId(browser, "mailing-detail");
        await detail.waitForExist({ timeout: TIMEOUT, timeoutMsg: "the prepared mailing opens" });
        await waitForText(browser, "mailing-counts", "送信待ち 3 件");
        const leftOut = await allByTestId(browser, "left-out-row");
        assert.equal(leftOut.length, 1, "one person is left out");
        assert.equal(await leftOut[0].getAttribute("data-attendee"), String(noConsent.id));
        assert.equal(await leftOut[0].getAttribute("data-reason"), "no_consent");
        assert.match(await leftOut[0].getText(), /渡辺 恵.*同意がない/);

        // Any recipient's message can be looked at before approving.
        await waitForText(browser, "preview-to", "To: ");
        const recipient = byTestId(browser, "preview-recipient");
        await recipient.selectByAttribute("value", String(added[1].id));
        await waitForText(browser, "preview-to", "sasaki@example.co.jp");
        await waitForText(browser, "preview-body", "佐々木 𠮷子 様");
        await waitForText(browser, "preview-attachment", "受付票_非公表用_");

        // Sending before the approval is not offered; the second person approves by name.
        assert.equal(await byTestId(browser, "send-mailing").isExisting(), false, "no send before the approval");
        await setValueExactly(byTestId(browser, "mail-approver"), "確認 太郎");
        await byTestId(browser, "approve-mailing").click();
        await waitForText(browser, "mailing-approved", "確認 太郎");

        await setValueExactly(byTestId(browser, "smtp-host"), "127.0.0.1");
        await setValueExactly(byTestId(browser, "smtp-port"), String(sink.port));
        await byTestId(browser, "smtp-security").selectByAttribute("value", "plain");
        await setValueExactly(byTestId(browser, "smtp-from"), "jimukyoku@example.jp");
        await setValueExactly(byTestId(browser, "smtp-per-minute"), "600");
        await byTestId(browser, "send-mailing").click();
        await waitForText(browser, "send-result", "送信済み 3 件、失敗 0 件、送信待ち 0 件", TIMEOUT);
        await browser.waitUntil(
          async () => {
            const states = [];
            for (const row of await allByTestId(browser, "outbox-row")) states.push(await row.getAttribute("data-state"));
            return states.length === 3 && states.every((s) => s === "sent");
          },
          { timeout: TIMEOUT, timeoutMsg: "the outbox shows every message sent" },
        );
        // The password field never keeps what was typed.
        assert.equal(await byTestId(browser, "smtp-password").getValue(), "");
      });

      const messages = sink.messages();
      assert.equal(messages.length, 3, "one message per person");
      const to = messages.map((m) => m.rcpt_tos).sort();
      assert.deepEqual(to, people.map(([, email]) => [email]).sort(), "each envelope holds one address");
      for (const message of messages) {
        const [address] = message.rcpt_tos;
        assert.deepEqual(message.to, [address], "To holds that person's address only");
        assert.deepEqual(message.cc, [], "no Cc");
        assert.deepEqual(message.bcc, [], "no Bcc");
        for (const [, other] of people) if (other !== address) assert.ok(!message.raw.includes(other), "no other attendee's address");
        assert.match(message.subject, /アトツギ交流会 in 仙台/);
        assert.deepEqual(
          message.attachments.map((a) => a.content_type).sort(),
          ["application/pdf", "image/png"],
          "the ticket's QR image and its card",
        );
      }
      // The window's sending remembered the server for next time, never a password.
      const status = cliJson(db, "mail", "status", "1");
      assert.deepEqual([status.waiting, status.sent, status.failed], [0, 3, 0]);
      assert.equal(status.approved_by, "確認 太郎");
    } finally {
      sink.stop();
    }
  });
});
