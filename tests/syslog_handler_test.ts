// SysLogHandler: the bytes CPython 3.11's SysLogHandler sends (fixtures captured by
// scripts/gen_socket_fixtures.py), and a real rsyslogd started here on loopback with a
// configuration of its own (UDP, TCP, a Unix stream socket, and a Unix datagram socket that
// JavaScript runtimes cannot use). Without rsyslogd this test fails: run .ci/setup_rsyslog.sh.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { createSocket } from "node:dgram";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OSError } from "../py/errors.ts";
import { Formatter } from "../formatters/formatter.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { SOCK_DGRAM, SOCK_STREAM, SysLogHandler } from "../handlers/net/syslog.ts";
import { hex, until } from "./peers/_support.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/socket_syslog.json", import.meta.url), "utf8"),
);
const LONG = { timeout: 30000 };

type Rec = [string, number, string, string, unknown[]];

function record([name, levelno, levelname, msg, args]: Rec): LogRecord {
  return makeLogRecord({ name, levelno, levelname, msg, args });
}

function collecting(h: SysLogHandler): SysLogHandler & { errors: unknown[] } {
  const errors: unknown[] = [];
  h.handleError = (_r: LogRecord, e?: unknown) => {
    errors.push(e);
  };
  return Object.assign(h, { errors });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("SysLogHandler: Python's tables and priority encoding", () => {
  it("priority_names, facility_names, priority_map and LOG_* as CPython's", () => {
    assert.deepEqual({ ...SysLogHandler.priority_names }, fixtures.priority_names);
    assert.deepEqual({ ...SysLogHandler.facility_names }, fixtures.facility_names);
    assert.deepEqual({ ...SysLogHandler.priority_map }, fixtures.priority_map);
    for (const [k, v] of Object.entries(fixtures.LOG)) {
      assert.equal((SysLogHandler as unknown as Record<string, number>)[k], v, k);
    }
  });

  it("encodePriority and mapPriority", async () => {
    const h = new SysLogHandler(["127.0.0.1", 9]);
    for (const [f, p, want] of fixtures.encode) assert.equal(h.encodePriority(f, p), want);
    assert.throws(() => h.encodePriority("nope", "info"), { name: "KeyError" });
    assert.equal(h.mapPriority("INFO"), "info");
    assert.equal(h.mapPriority("NOTICE"), "warning");
    await h.close();
  });
});

describe("SysLogHandler sends CPython's bytes", () => {
  for (const c of fixtures.cases) {
    it(`${c.kind}: ${c.name}`, LONG, async () => {
      const got: Uint8Array[] = [];
      let port: number;
      let stop: () => Promise<void>;
      if (c.kind === "udp") {
        const srv = createSocket("udp4");
        srv.on("message", (m: Uint8Array) => got.push(m));
        await new Promise<void>((r) => srv.bind(0, "127.0.0.1", () => r()));
        port = srv.address().port;
        stop = () => new Promise((r) => srv.close(() => r()));
      } else {
        let closed!: () => void;
        const done = new Promise<void>((r) => (closed = r));
        const srv = createServer((s: Socket) => {
          s.on("data", (d: Uint8Array) => got.push(d));
          s.on("end", () => closed());
        });
        await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
        port = (srv.address() as { port: number }).port;
        stop = async () => {
          await done;
          await new Promise<void>((r) => srv.close(() => r()));
        };
      }
      const h = collecting(
        new SysLogHandler(
          ["127.0.0.1", port],
          c.facility,
          c.kind === "udp" ? SOCK_DGRAM : SOCK_STREAM,
        ),
      );
      if ("ident" in c) h.ident = c.ident;
      if ("append_nul" in c) h.append_nul = c.append_nul;
      if (c.fmt) h.setFormatter(new Formatter(c.fmt));
      for (const r of c.records) h.handle(record(r));
      await h.flush();
      if (c.kind === "udp") await until(() => got.length === c.records.length, 10000, "datagrams");
      await h.close();
      await stop();
      assert.deepEqual(h.errors, []);
      if (c.kind === "udp") assert.deepEqual(got.map(hex), c.sent);
      else assert.equal(got.map(hex).join(""), c.sent[0]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// A real rsyslogd
// ---------------------------------------------------------------------------------------------

function findRsyslogd(): string {
  for (const p of ["/usr/sbin/rsyslogd", "/sbin/rsyslogd", "/usr/local/sbin/rsyslogd"]) {
    if (existsSync(p)) return p;
  }
  const r = spawnSync("sh", ["-c", "command -v rsyslogd"], { encoding: "utf8" });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  throw new Error(
    "rsyslogd is not installed: run .ci/setup_rsyslog.sh (apt-get install rsyslog) first",
  );
}

interface Rsyslog {
  udp: number;
  tcp: number;
  stream: string;
  dgram: string;
  lines(): string[];
  stop(): Promise<void>;
}

async function startRsyslog(): Promise<Rsyslog> {
  const bin = findRsyslogd();
  const dir = mkdtempSync(join(tmpdir(), "pylog-rsyslog-"));
  const udp = await freePort();
  const tcp = await freePort();
  const out = join(dir, "out.log");
  const conf = join(dir, "rsyslog.conf");
  writeFileSync(
    conf,
    `global(workDirectory="${dir}")
module(load="imudp")
module(load="imtcp" AddtlFrameDelimiter="0")
module(load="imptcp")
module(load="imuxsock" SysSock.Use="off")
input(type="imudp" address="127.0.0.1" port="${udp}")
input(type="imtcp" address="127.0.0.1" port="${tcp}")
input(type="imptcp" path="${dir}/stream.sock" unlink="on" AddtlFrameDelimiter="0")
input(type="imuxsock" Socket="${dir}/dgram.sock")
template(name="t" type="string"
  string="%PRI%|%syslogfacility-text%|%syslogseverity-text%|%syslogtag%|%msg%|%inputname%\\n")
*.* action(type="omfile" file="${out}" template="t")
`,
  );
  const pidfile = join(dir, "rsyslogd.pid");
  const proc = spawn(bin, ["-n", "-f", conf, "-i", pidfile], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr!.on("data", (d: Uint8Array) => (stderr += String(d)));
  let exited = false;
  const exit = new Promise<void>((r) => proc.on("exit", () => ((exited = true), r())));
  const lines = (): string[] =>
    existsSync(out) ? readFileSync(out, "utf8").split("\n").filter((l) => l) : [];
  const stop = async (): Promise<void> => {
    if (!exited) proc.kill("SIGTERM");
    const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
    await exit;
    clearTimeout(t);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Ready when a probe datagram reaches the output file (bounded wait).
    const probe = createSocket("udp4");
    const end = Date.now() + 15000;
    while (!lines().some((l) => l.includes("pylog-probe"))) {
      if (exited) throw new Error(`rsyslogd exited: ${stderr}`);
      if (Date.now() > end) throw new Error(`rsyslogd not ready within 15 s: ${stderr}`);
      probe.send(new TextEncoder().encode("<13>pylog-probe: ready"), udp, "127.0.0.1");
      await new Promise((r) => setTimeout(r, 100));
    }
    probe.close();
    await until(() => existsSync(`${dir}/stream.sock`), 5000, "the imptcp socket");
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    udp,
    tcp,
    stream: `${dir}/stream.sock`,
    dgram: `${dir}/dgram.sock`,
    lines: () => lines().filter((l) => !l.includes("pylog-probe")),
    stop,
  };
}

describe("SysLogHandler to a real rsyslogd", () => {
  let rs: Rsyslog;
  before(async () => {
    rs = await startRsyslog();
  }, LONG);
  after(async () => {
    await rs?.stop();
  });

  const sends = [
    ["UDP", () => new SysLogHandler(["127.0.0.1", rs.udp], "local3"), "imudp"],
    [
      "TCP",
      () =>
        new SysLogHandler({ address: ["127.0.0.1", rs.tcp], facility: 19, socktype: SOCK_STREAM }),
      "imtcp",
    ],
    [
      "Unix stream socket",
      () => new SysLogHandler({ address: rs.stream, facility: "local3" }),
      "imptcp",
    ],
  ] as const;

  for (const [what, make, input] of sends) {
    it(`${what}: PRI, facility, severity, tag and message as sent`, LONG, async () => {
      const h = collecting(make());
      h.ident = "myapp: ";
      h.setFormatter(new Formatter("%(name)s %(message)s"));
      const tag = input.toUpperCase();
      h.handle(record(["db", 40, "ERROR", `${tag} query failed: %d rows`, [0]]));
      h.handle(record(["db", 20, "INFO", `${tag} é 日本語`, []]));
      h.handle(record(["db", 10, "DEBUG", `${tag} debugging`, []]));
      h.handle(record(["db", 50, "CRITICAL", `${tag} down`, []]));
      h.handle(record(["db", 25, "NOTICE", `${tag} custom level`, []]));
      await h.flush();
      const mine = (): string[] => rs.lines().filter((l) => l.includes(` ${tag} `));
      await until(() => mine().length >= 5, 10000, `rsyslog to write the ${what} records`);
      await h.close();
      assert.deepEqual(h.errors, []);
      assert.deepEqual(mine(), [
        `155|local3|err|myapp:| db ${tag} query failed: 0 rows|${input}`,
        `158|local3|info|myapp:| db ${tag} é 日本語|${input}`,
        `159|local3|debug|myapp:| db ${tag} debugging|${input}`,
        `154|local3|crit|myapp:| db ${tag} down|${input}`,
        `156|local3|warning|myapp:| db ${tag} custom level|${input}`,
      ]);
    });
  }

  it("a Unix datagram socket (imuxsock) is reported once: JavaScript has none", LONG, async () => {
    const h = collecting(new SysLogHandler({ address: rs.dgram }));
    h.handle(record(["x", 20, "INFO", "one", []]));
    h.handle(record(["x", 20, "INFO", "two", []]));
    await h.flush();
    await h.close();
    assert.equal(h.errors.length, 1);
    // Deno reports EPROTOTYPE, Bun ECONNREFUSED: both Python OSErrors.
    assert.ok(h.errors[0] instanceof OSError, String(h.errors[0]));
    const dg = collecting(new SysLogHandler({ address: rs.dgram, socktype: SOCK_DGRAM }));
    dg.handle(record(["x", 20, "INFO", "three", []]));
    assert.match(String((dg.errors[0] as Error).message), /Unix datagram sockets/);
    await dg.close();
  });
});

describe("SysLogHandler faults", () => {
  it("TCP daemon down, then back: one report, later records arrive", LONG, async () => {
    const port = await freePort();
    const h = collecting(
      new SysLogHandler({ address: ["127.0.0.1", port], socktype: SOCK_STREAM }),
    );
    h.setFormatter(new Formatter("%(message)s"));
    for (let i = 0; i < 3; i++) {
      h.handle(record(["x", 20, "INFO", "lost %d", [i]]));
      await h.flush();
    }
    assert.equal(h.errors.length, 1);
    assert.equal((h.errors[0] as Error).name, "ConnectionRefusedError");
    const got: string[] = [];
    const srv = createServer((s: Socket) => s.on("data", (d: Uint8Array) => got.push(String(d))));
    await new Promise<void>((r) => srv.listen(port, "127.0.0.1", () => r()));
    try {
      for (let i = 0; i < 3; i++) h.handle(record(["x", 20, "INFO", "back %d", [i]]));
      await h.flush();
      await until(() => got.join("").split("\0").length > 3, 10000, "records after restart");
      assert.equal(got.join(""), "<14>back 0\0<14>back 1\0<14>back 2\0");
      assert.equal(h.errors.length, 1);
    } finally {
      await h.close();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
