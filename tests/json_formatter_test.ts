// JsonFormatter against python-json-logger 4.2 under CPython 3.13: every line of
// tests/fixtures/json_formatter.json was written by the real package (scripts/gen_json_color_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { jsonDefault, JsonFormatter, RESERVED_ATTRS } from "../formatters/mod.ts";
import { makeLogRecord } from "../record.ts";
import { pyJsonDumps } from "../py/json.ts";

const FIX = JSON.parse(
  readFileSync(new URL("./fixtures/json_formatter.json", import.meta.url), "utf8"),
);

class Thing {
  n: number;
  constructor(n: number) {
    this.n = n;
  }
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const [k] = keys;
      const x = o[k];
      if (k === "$float") {
        return x === "nan" ? NaN : x === "inf" ? Infinity : x === "-inf" ? -Infinity : Number(x);
      }
      if (k === "$bigint") return BigInt(x as string);
      if (k === "$thing") return new Thing(x as number);
      if (k === "$tuple") return (x as unknown[]).map(decode);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = decode(o[key]);
    return out;
  }
  return v;
}

const DEFAULTS: Record<string, (o: unknown) => unknown> = {
  thing_n: (o) => ({ thing: (o as Thing).n }),
};

describe("JsonFormatter: python-json-logger 4.2's lines, byte for byte", () => {
  assert.equal(FIX.python_json_logger, "4.2.0");
  for (const c of FIX.cases) {
    it(c.name, () => {
      const opts = { ...c.options };
      if (c.json_default) opts.json_default = DEFAULTS[c.json_default];
      const f = new JsonFormatter(opts);
      const r = makeLogRecord(decode(c.record) as Record<string, unknown>);
      assert.equal(f.format(r), c.expected);
    });
  }
  // A subclass overriding a step takes the general path (add_fields → process_log_record →
  // jsonify_log_record); the plain class writes the common case straight to text.
  class General extends JsonFormatter {
    override process_log_record(d: Record<string, unknown>): Record<string, unknown> {
      return d;
    }
  }
  it("the general path (an overridden step) writes the same lines", () => {
    for (const c of FIX.cases) {
      const opts = { ...c.options };
      if (c.json_default) opts.json_default = DEFAULTS[c.json_default];
      const r = makeLogRecord(decode(c.record) as Record<string, unknown>);
      assert.equal(new General(opts).format(r), c.expected, c.name);
    }
  });
  it("a field named twice in fmt is one key, on both paths", () => {
    const r = makeLogRecord({ msg: "m", levelname: "INFO", x: 1 });
    const fmt = "%(message)s %(levelname)s %(message)s";
    const want = '{"message": "m", "levelname": "INFO", "x": 1}';
    assert.equal(new JsonFormatter(fmt).format(r), want);
    assert.equal(new General(fmt).format(r), want);
  });
  it("the same options given positionally (fmt, datefmt, style, validate, keywords)", () => {
    const c = FIX.cases.find((x: { name: string }) => x.name === "brace fmt");
    const f = new JsonFormatter(c.options.fmt, null, "{", true, {});
    assert.equal(f.format(makeLogRecord(decode(c.record) as Record<string, unknown>)), c.expected);
  });
});

describe("JsonFormatter: errors as python-json-logger raises them", () => {
  for (const c of FIX.errors) {
    it(c.name, () => {
      if (c.expected === null) {
        assert.doesNotThrow(() => new JsonFormatter(c.options));
        return;
      }
      assert.throws(() => new JsonFormatter(c.options), (e: Error) => {
        assert.equal(e.name, c.expected.error);
        assert.equal(e.message, c.expected.message);
        return true;
      });
    });
  }
  it("a cycle: ValueError('Circular reference detected') from format()", () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    const r = makeLogRecord({ msg: "x", loop });
    assert.throws(() => new JsonFormatter().format(r), (e: Error) => {
      assert.equal(e.name, FIX.circular.error);
      assert.equal(e.message, FIX.circular.message);
      return true;
    });
  });
  it("a shared (not circular) object is written twice", () => {
    const shared = { k: 1 };
    const r = makeLogRecord({ msg: "x", a: shared, b: [shared, shared] });
    assert.equal(
      new JsonFormatter().format(r),
      '{"message": "x", "a": {"k": 1}, "b": [{"k": 1}, {"k": 1}]}',
    );
  });
  it("an unknown keyword is Python's TypeError", () => {
    assert.throws(
      () => new JsonFormatter({ fmt: "%(message)s", format: "x" } as never),
      {
        name: "TypeError",
        message: "BaseJsonFormatter.__init__() got an unexpected keyword argument 'format'",
      },
    );
  });
});

describe("JsonFormatter: a real exception (the parts Python's rules fix)", () => {
  for (const c of FIX.exceptions) {
    it(`exc_info_as_array=${c.exc_info_as_array}`, () => {
      const f = new JsonFormatter({ exc_info_as_array: c.exc_info_as_array });
      let err: Error;
      try {
        throw new Error("boom");
      } catch (e) {
        err = e as Error;
      }
      const r = makeLogRecord({ msg: "failed", exc_info: [Error, err!, null] });
      (err!).name = "ValueError";
      const data = JSON.parse(f.format(r));
      assert.deepEqual(Object.keys(data), c.keys);
      const lines: string[] = c.exc_info_as_array ? data.exc_info : data.exc_info.split("\n");
      assert.ok(Array.isArray(data.exc_info) === c.exc_info_as_array);
      assert.equal(lines[0], c.first);
      assert.equal(lines[lines.length - 1], c.last);
      assert.ok(lines.length > 2, "frames between the header and the error line");
      assert.equal(r.exc_text, c.exc_text_after, "format() does not cache exc_text");
    });
  }
});

describe("JsonFormatter: JavaScript values with no JSON form (documented renderings)", () => {
  const f = new JsonFormatter({ fmt: "%(message)s" });
  const line = (extra: Record<string, unknown>): string =>
    f.format(makeLogRecord({ msg: "m", ...extra }));
  it("Date: datetime.isoformat() of the instant in UTC", () => {
    assert.equal(
      line({ d: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), z: new Date(0) }),
      '{"message": "m", "d": "2024-01-02T03:04:05.678000+00:00", "z": "1970-01-01T00:00:00+00:00"}',
    );
  });
  it("bigint: an integer; undefined: null", () => {
    assert.equal(
      line({ b: 2n ** 70n, u: undefined, a: [undefined] }),
      '{"message": "m", "b": 1180591620717411303424, "u": null, "a": [null]}',
    );
  });
  it("Error: 'Name: message' (exception_default)", () => {
    assert.equal(
      line({ e: new RangeError("too big") }),
      '{"message": "m", "e": "RangeError: too big"}',
    );
  });
  it("Map: an object; Set: a list; bytes: URL-safe base 64", () => {
    assert.equal(
      line({
        m: new Map<unknown, unknown>([["a", 1], [2, 1.5], [true, null]]),
        s: new Set([1, "x"]),
        y: new Uint8Array([251, 255]),
      }),
      '{"message": "m", "m": {"a": 1, "2": 1.5, "true": null}, "s": [1, "x"], "y": "-_8="}',
    );
  });
  it("functions, classes, symbols and class instances: their str()", () => {
    class Point {
      x = 1;
    }
    const out = JSON.parse(
      line({ p: new Point(), c: Point, s: Symbol("k"), f: function named() {} }),
    );
    assert.equal(out.c, "Point");
    assert.equal(out.s, "Symbol(k)");
    assert.equal(typeof out.p, "string");
    assert.match(out.p, /Point/);
    assert.match(out.f, /named/);
  });
  it("toJSON() is honoured; a throwing str() gives __could_not_encode__", () => {
    const bad = {
      toString() {
        throw new Error("no");
      },
    };
    Object.setPrototypeOf(bad, {
      [Symbol.toStringTag]: "Bad",
      get constructor() {
        throw new Error("no");
      },
    });
    assert.equal(
      line({ u: new URL("https://x.test/a") }),
      '{"message": "m", "u": "https://x.test/a"}',
    );
    assert.equal(typeof jsonDefault(bad), "string");
  });
  it("json_default receives every non-native value, Dates included", () => {
    const seen: string[] = [];
    const g = new JsonFormatter({
      timestamp: true,
      json_default: (o) => (seen.push(Object.prototype.toString.call(o)), "X"),
    });
    const r = makeLogRecord({ msg: "m", created: 1, m: new Map(), t: new Thing(1) });
    assert.equal(g.format(r), '{"message": "m", "m": "X", "t": "X", "timestamp": "X"}');
    assert.deepEqual(seen, ["[object Map]", "[object Object]", "[object Date]"]);
  });
  it("integer-like keys come first (a JavaScript object's own order)", () => {
    assert.equal(line({ b: 1, "2": 2 }), '{"2": 2, "message": "m", "b": 1}');
  });
  it("RESERVED_ATTRS is Python 3.12+'s (taskName included), sorted", () => {
    assert.deepEqual([...RESERVED_ATTRS], [...RESERVED_ATTRS].sort());
    assert.ok(RESERVED_ATTRS.includes("taskName"));
  });
  it("pyJsonDumps: NaN and Infinity bare, -0 as -0.0", () => {
    assert.equal(pyJsonDumps([NaN, -Infinity, -0, 0.5]), "[NaN, -Infinity, -0.0, 0.5]");
  });
});

describe("JsonFormatter on a handler", () => {
  it("a log call writes the JSON line; a cycle goes to handleError, never out of the call", async () => {
    const { getLogger } = await import("../logger.ts");
    const { StreamHandler } = await import("../handlers/mod.ts");
    const { INFO } = await import("../levels.ts");
    const chunks: string[] = [];
    const stream = new WritableStream<Uint8Array>({
      write(c): void {
        chunks.push(new TextDecoder().decode(c));
      },
    });
    const h = new StreamHandler(stream, { encoding: "utf-8" });
    h.setFormatter(new JsonFormatter({ fmt: "%(levelname)s %(message)s" }));
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    const log = getLogger("json.handler.test");
    log.propagate = false;
    log.setLevel(INFO);
    log.addHandler(h);
    const loop: Record<string, unknown> = {};
    loop.me = loop;
    try {
      log.info("hello %s", "é", { extra: { n: 1.5 } });
      assert.doesNotThrow(() => log.info("cycle", { extra: { loop } }));
      await h.flush();
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      log.removeHandler(h);
      await h.close();
    }
    assert.equal(chunks.join(""), '{"levelname": "INFO", "message": "hello \\u00e9", "n": 1.5}\n');
    assert.equal(errors.length, 1);
    assert.equal((errors[0] as Error).message, "Circular reference detected");
  });
});

describe("pyJsonDumps: floats written from milliseconds agree with repr(float)", () => {
  it("random whole-millisecond times and small values", async () => {
    const { floatRepr } = await import("../py/repr.ts");
    const values: number[] = [
      0.001,
      0.01,
      0.1,
      0.5,
      0.999,
      1.001,
      -2.25,
      1700000000.123,
      1e11 + 0.5,
    ];
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      const ms = Math.floor(rand() * 2e12) - 2e11;
      if (ms % 1000 !== 0) values.push(ms / 1000);
      values.push(Math.floor(rand() * 1e6) / 1000 + 0.001);
    }
    for (const v of values) {
      if (Number.isInteger(v)) continue;
      assert.equal(pyJsonDumps(v), floatRepr(v), String(v));
    }
  });
});
