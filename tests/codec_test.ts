import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createEncoder, lookupEncoding } from "../py/codecs.ts";
import { LookupError, UnicodeEncodeError } from "../py/errors.ts";

interface Outcome {
  hex?: string;
  error?: string;
  message?: string;
}
interface Case extends Outcome {
  text: string;
  encoding: string;
  errors: string | null;
}
interface Sequence {
  encoding: string;
  errors: string | null;
  position: number;
  writes: string[];
  results: Outcome[];
}
interface Lookup {
  name: string;
  codec?: string;
  error?: string;
  message?: string;
}
const fixtures: { cases: Case[]; sequences: Sequence[]; lookups: Lookup[] } = JSON.parse(
  readFileSync(new URL("./fixtures/codec.json", import.meta.url), "utf8"),
);

const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

function outcome(f: () => Uint8Array): Outcome {
  try {
    return { hex: toHex(f()) };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    if (e.name === "UnicodeEncodeError") assert.ok(e instanceof UnicodeEncodeError);
    if (e.name === "LookupError") assert.ok(e instanceof LookupError);
    return { error: e.name, message: e.message };
  }
}

const strip = (o: Outcome): Outcome => {
  const r: Outcome = {};
  if (o.hex !== undefined) r.hex = o.hex;
  if (o.error !== undefined) r.error = o.error;
  if (o.message !== undefined) r.message = o.message;
  return r;
};

describe("codec: encode matches CPython's TextIOWrapper", () => {
  it(`has many Python-generated cases (${fixtures.cases.length})`, () => {
    assert.ok(fixtures.cases.length >= 150);
  });
  const byEncoding = new Map<string, Case[]>();
  for (const c of fixtures.cases) {
    byEncoding.set(c.encoding, [...(byEncoding.get(c.encoding) ?? []), c]);
  }
  for (const [encoding, cases] of byEncoding) {
    it(`${encoding}: ${cases.length} cases`, () => {
      for (const c of cases) {
        const got = outcome(() => createEncoder(c.encoding, c.errors).encode(c.text));
        assert.deepEqual(got, strip(c), `${JSON.stringify(c.text)} ${encoding} ${c.errors}`);
      }
    });
  }
});

describe("codec: encodeInto (utf-8)", () => {
  const utf8 = fixtures.cases.filter((c) => c.encoding === "utf-8");
  it("matches encode() when the destination is large enough", () => {
    for (const c of utf8) {
      const enc = createEncoder("utf-8", c.errors);
      assert.ok(enc.encodeInto);
      const got = outcome(() => {
        const dest = new Uint8Array(c.text.length * 12 + 8);
        const r = enc.encodeInto!(c.text, dest);
        assert.equal(r.read, c.text.length);
        return dest.subarray(0, r.written);
      });
      assert.deepEqual(got, strip(c), `${JSON.stringify(c.text)} ${c.errors}`);
    }
  });
  it("stops at a character boundary when the destination is small, and resumes", () => {
    for (const c of utf8) {
      if (c.hex === undefined) continue;
      const enc = createEncoder("utf-8", c.errors);
      // 10 bytes hold any single character or replacement (`&#1114111;`, `\\U0010ffff`).
      for (const size of [10, 11, 13, 16]) {
        const parts: number[] = [];
        let rest = c.text;
        let guard = 0;
        while (rest.length > 0 && guard++ < 1000) {
          const dest = new Uint8Array(size);
          const r = enc.encodeInto!(rest, dest);
          assert.ok(r.read > 0, "progress");
          parts.push(...dest.subarray(0, r.written));
          rest = rest.slice(r.read);
        }
        assert.equal(toHex(Uint8Array.from(parts)), c.hex, `${JSON.stringify(c.text)} ${size}`);
      }
    }
  });
  it("is absent for codecs with a byte order mark", () => {
    assert.equal(createEncoder("utf-16", null).encodeInto, undefined);
    assert.equal(createEncoder("utf-8-sig", null).encodeInto, undefined);
  });
});

describe("codec: byte order marks once per stream, as TextIOWrapper", () => {
  for (const s of fixtures.sequences) {
    it(`${s.encoding} at ${s.position}: ${JSON.stringify(s.writes)}`, () => {
      const enc = createEncoder(s.encoding, s.errors);
      enc.reset(s.position);
      const got = s.writes.map((w) => outcome(() => enc.encode(w)));
      assert.deepEqual(got, s.results.map(strip));
    });
  }
  it("reset(0) starts a new stream: the BOM is written again", () => {
    const enc = createEncoder("utf-16", null);
    assert.equal(toHex(enc.encode("a")), "fffe6100");
    assert.equal(toHex(enc.encode("a")), "6100");
    enc.reset();
    assert.equal(toHex(enc.encode("a")), "fffe6100");
    enc.reset(12);
    assert.equal(toHex(enc.encode("a")), "6100");
  });
});

describe("codec: names and lookups", () => {
  for (const l of fixtures.lookups) {
    it(`${JSON.stringify(l.name)}`, () => {
      if (l.codec !== undefined) {
        assert.equal(lookupEncoding(l.name), l.codec);
        assert.equal(createEncoder(l.name, null).name, l.codec);
      } else {
        assert.throws(() => createEncoder(l.name, null), (e: unknown) => {
          assert.ok(e instanceof LookupError);
          assert.equal(e.message, l.message);
          return true;
        });
        assert.throws(() => lookupEncoding(l.name), LookupError);
      }
    });
  }
  it("null, undefined and 'locale' mean utf-8", () => {
    assert.equal(createEncoder(null, null).name, "utf-8");
    assert.equal(createEncoder(undefined, undefined).name, "utf-8");
    assert.equal(createEncoder("locale", null).name, "utf-8");
    assert.equal(lookupEncoding(null), "utf-8");
  });
  it("namereplace with a single-byte codec is rejected up front (divergence)", () => {
    for (const enc of ["ascii", "latin-1", "cp1252"]) {
      assert.throws(() => createEncoder(enc, "namereplace"), LookupError);
    }
    assert.equal(toHex(createEncoder("utf-8", "namereplace").encode("\ud800")), "5c7564383030");
  });
  it("an unknown error handler fails only when a character cannot be encoded", () => {
    const enc = createEncoder("ascii", "bogus");
    assert.equal(toHex(enc.encode("ok")), "6f6b");
    assert.throws(() => enc.encode("\u00e9"), {
      name: "LookupError",
      message: "unknown error handler name 'bogus'",
    });
  });
});
