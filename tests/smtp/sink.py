"""A small SMTP sink for Tsudoi's mail tests, on aiosmtpd (the Python project's own SMTP server).

It listens on 127.0.0.1:PORT and writes each message it accepts to DIR as one JSON file: the
envelope (MAIL FROM, RCPT TO), the raw message, and what Python's standard `email` parser reads
from it (the To, Cc and Bcc headers, the decoded subject and text, the attachments). It can refuse
a recipient (--refuse ADDRESS: 550 at RCPT) and stop taking messages after N (--busy-after N: 421
at MAIL), as a server that closes would, and answer each DATA only after a delay (--delay SECONDS:
a slow server, so that a test can kill a sender half way; a `data-N.started` file marks each
DATA taken and not yet answered). It prints "ready" once listening and runs until stdin
closes or it is killed.

    python3 tests/smtp/sink.py --port 2525 --dir /tmp/mails [--refuse a@b.jp] [--busy-after 3] [--delay 0.5]
"""

import argparse
import asyncio
import base64
import json
import os
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, refuse, busy_after, delay=0.0):
        self.directory = directory
        self.delay = delay
        self.refuse = {a.lower() for a in refuse}
        self.busy_after = busy_after
        self.accepted = 0
        self.started = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.busy_after is not None and self.accepted >= self.busy_after:
            return "421 4.3.2 The sink is closing: try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay > 0:
            # The message is taken (all its lines have come); the answer is slow. A marker says
            # a message is on the wire, so that a test can kill the sender exactly then.
            self.started += 1
            open(os.path.join(self.directory, "data-%05d.started" % self.started), "w").close()
            await asyncio.sleep(self.delay)
        self.accepted += 1
        raw = envelope.original_content
        message = BytesParser(policy=policy.default).parsebytes(raw)
        body = message.get_body(preferencelist=("plain",))
        attachments = []
        for part in message.iter_attachments():
            attachments.append(
                {
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "data": base64.b64encode(part.get_payload(decode=True)).decode("ascii"),
                }
            )
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": raw.decode("utf-8", errors="replace"),
            "to": message.get_all("To", []),
            "cc": message.get_all("Cc", []),
            "bcc": message.get_all("Bcc", []),
            "subject": str(message["Subject"]),
            "text": body.get_content() if body is not None else "",
            "attachments": attachments,
        }
        name = os.path.join(self.directory, "msg-%05d.json" % self.accepted)
        with open(name + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".part", name)
        return "250 2.0.0 Ok: queued as sink-%d" % self.accepted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--busy-after", type=int, default=None)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    controller = Controller(
        Sink(args.dir, args.refuse, args.busy_after, args.delay), hostname="127.0.0.1", port=args.port
    )
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
