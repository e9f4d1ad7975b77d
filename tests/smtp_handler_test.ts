// SMTPHandler against a local SMTP server (tests/peers/smtp_peer.py, run with python3): the message
// must be what CPython 3.11's SMTPHandler sent to the same server for the same record (fixtures from
// scripts/gen_socket_fixtures.py; the Date header excepted), with AUTH, dot-stuffing, and faults.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { Formatter } from "../formatters/formatter.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { formatDate, SMTPHandler } from "../handlers/net/smtp.ts";
import { type Peer, startPeer } from "./peers/_support.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/socket_smtp.json", import.meta.url), "utf8"),
);
const LONG = { timeout: 30000 };

function collecting(h: SMTPHandler): SMTPHandler & { errors: unknown[] } {
  const errors: unknown[] = [];
  h.handleError = (_r: LogRecord, e?: unknown) => {
    errors.push(e);
  };
  return Object.assign(h, { errors });
}

function rec(msg: string, args: unknown[] = []): LogRecord {
  return makeLogRecord({ msg, args, levelname: "ERROR", levelno: 40, name: "mail" });
}

function withoutDate(data: string): [string, string | undefined] {
  const lines = data.split(/(?<=\r\n)/);
  return [
    lines.filter((l) => !l.startsWith("Date: ")).join(""),
    lines.find((l) => l.startsWith("Date: ")),
  ];
}

describe("SMTPHandler sends what CPython's SMTPHandler sends", () => {
  let peer: Peer | null = null;
  afterEach(async () => {
    await peer?.stop();
    peer = null;
  });

  it("every fixture message, with AUTH PLAIN", LONG, async () => {
    peer = await startPeer("smtp_peer.py", ["--auth", "bob:s3cret"]);
    for (const c of fixtures.cases) {
      const h = collecting(
        new SMTPHandler(
          ["127.0.0.1", peer.port],
          "from@example.com",
          ["a@example.com", "b@example.com"],
          c.subject,
          ["bob", "s3cret"],
        ),
      );
      h.setFormatter(new Formatter("%(levelname)s:%(name)s:%(message)s"));
      h.handle(rec(c.msg, c.args));
      await h.close();
      assert.deepEqual(h.errors, [], c.subject);
    }
    const got = await peer.waitLines(fixtures.cases.length);
    for (const [i, c] of fixtures.cases.entries()) {
      const [data, date] = withoutDate(got[i].data as string);
      assert.equal(data, c.received.data, c.subject);
      assert.match(date!, /^Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\r\n$/);
      assert.equal(got[i].mailfrom, c.received.mailfrom);
      assert.deepEqual(got[i].rcpttos, c.received.rcpttos);
      assert.deepEqual(got[i].auth, c.received.auth);
      assert.equal(got[i].ehlo, c.received.ehlo);
    }
  });

  it(
    "no credentials, one recipient as a string, options object, records in order",
    LONG,
    async () => {
      peer = await startPeer("smtp_peer.py", []);
      const h = collecting(
        new SMTPHandler({
          mailhost: ["127.0.0.1", peer.port],
          fromaddr: "app@example.com",
          toaddrs: "ops@example.com",
          subject: "Alert",
        }),
      );
      for (let i = 0; i < 5; i++) h.handle(rec("message %d\n.dot line", [i]));
      await h.flush();
      const got = await peer.waitLines(5);
      assert.deepEqual(h.errors, []);
      for (const [i, g] of got.entries()) {
        assert.equal(g.auth, null);
        assert.deepEqual(g.rcpttos, ["ops@example.com"]);
        assert.match(
          g.data as string,
          new RegExp(`\\r\\n\\r\\nmessage ${i}\\r\\n\\.dot line\\r\\n$`),
        );
        assert.match(
          g.data as string,
          /^From: app@example.com\r\nTo: ops@example.com\r\nSubject: Alert\r\n/,
        );
      }
      await h.close();
    },
  );

  it(
    "a rejected password (535) is reported for each record, as CPython does",
    LONG,
    async () => {
      peer = await startPeer("smtp_peer.py", ["--auth", "bob:s3cret"]);
      const h = collecting(
        new SMTPHandler(["127.0.0.1", peer.port], "f@example.com", "t@example.com", "S", [
          "bob",
          "wrong",
        ]),
      );
      h.handle(rec("x"));
      h.handle(rec("y"));
      await h.close();
      assert.equal(h.errors.length, 2, "one report per record");
      assert.match(String((h.errors[0] as Error).message), /535/);
    },
  );
});

describe("SMTPHandler faults", () => {
  it(
    "connection refused: reported per record, as ConnectionRefusedError",
    LONG,
    async () => {
      const s = createServer();
      await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
      const port = (s.address() as { port: number }).port;
      await new Promise<void>((r) => s.close(() => r()));
      const h = collecting(
        new SMTPHandler(["127.0.0.1", port], "f@example.com", "t@example.com", "S"),
      );
      h.handle(rec("a"));
      h.handle(rec("b"));
      await h.flush();
      assert.equal(h.errors.length, 2);
      assert.equal((h.errors[0] as Error).name, "ConnectionRefusedError");
      await h.close();
    },
  );

  it("a silent server: TimeoutError, and the queued records with it", LONG, async () => {
    const peer = await startPeer("smtp_peer.py", ["--silent"]);
    try {
      const h = collecting(
        new SMTPHandler({
          mailhost: ["127.0.0.1", peer.port],
          fromaddr: "f@example.com",
          toaddrs: "t@example.com",
          subject: "S",
          timeout: 0.3,
        }),
      );
      h.handle(rec("a"));
      h.handle(rec("b"));
      await h.close();
      assert.equal(h.errors.length, 2);
      assert.equal((h.errors[1] as Error).name, "TimeoutError");
      assert.equal((h.errors[0] as Error).message, "timed out");
    } finally {
      await peer.stop();
    }
  });

  it("an unknown host is reported, the program keeps running", LONG, async () => {
    const h = collecting(
      new SMTPHandler("no-such-host.invalid", "f@example.com", "t@example.com", "S"),
    );
    h.handle(rec("a"));
    await h.close();
    assert.equal(h.errors.length, 1);
  });
});

describe("Date header", () => {
  it("as email.utils.format_datetime(localtime())", () => {
    const d = new Date(2026, 10, 23, 22, 13, 20);
    const off = -d.getTimezoneOffset();
    const sign = off < 0 ? "-" : "+";
    const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
    const mm = String(Math.abs(off) % 60).padStart(2, "0");
    assert.equal(formatDate(d), `Mon, 23 Nov 2026 22:13:20 ${sign}${hh}${mm}`);
  });
});
