# SPDX-License-Identifier: ISC
"""An aiosmtpd handler for tests/check_notify.c: writes each message it
receives into a directory, as NNNN.eml (the bytes as received) and
NNNN.txt (envelope, decoded headers and body, parsed by Python's email
package), so that the C test checks what a real mail reader sees.

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIR
(with PYTHONPATH naming this directory)."""
import email
import email.header
import email.policy
import os


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink needs the output directory")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        n = len([f for f in os.listdir(self.outdir) if f.endswith(".eml")])
        base = os.path.join(self.outdir, "%04d" % (n + 1))
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        subject = str(email.header.make_header(
            email.header.decode_header(msg["Subject"] or "")))
        body = msg.get_payload(decode=True).decode(
            msg.get_content_charset() or "ascii")
        lines = [
            "mail-from: %s" % envelope.mail_from,
            "rcpt: %s" % " ".join(envelope.rcpt_tos),
            "to: %s" % msg["To"],
            "subject: %s" % subject,
            "charset: %s" % msg.get_content_charset(),
            "cte: %s" % msg["Content-Transfer-Encoding"],
            "date: %s" % ("yes" if msg["Date"] else "no"),
            "message-id: %s" % ("yes" if msg["Message-ID"] else "no"),
            "body:",
            body.replace("\r\n", "\n"),
        ]
        with open(base + ".txt.tmp", "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        os.rename(base + ".txt.tmp", base + ".txt")
        return "250 OK"
