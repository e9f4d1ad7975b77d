/**
 * ContextVarsFilter remembers the pairs of the last few contexts it saw (a small ring, not a weak
 * map keyed by every context): records of many contexts interleaving, more than the ring holds,
 * still carry each its own context's values, and a context changed after its pairs were kept shows
 * the change.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { makeLogRecord } from "../mod.ts";
import {
  bind_contextvars,
  type Context,
  ContextVar,
  ContextVarsFilter,
  copyContext,
} from "../context/mod.ts";

describe("ContextVarsFilter across many contexts", () => {
  it("gives each record its own context's bound values, ten contexts interleaved", () => {
    const filter = new ContextVarsFilter();
    const contexts: Context[] = [];
    for (let i = 0; i < 10; i++) {
      const ctx = copyContext();
      ctx.run(() => bind_contextvars({ request_id: `r-${i}` }));
      contexts.push(ctx);
    }
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) {
        const j = round % 2 === 0 ? i : 9 - i;
        const record = makeLogRecord({ msg: "x" });
        contexts[j].run(() => filter.filter(record));
        assert.equal((record as unknown as { request_id: string }).request_id, `r-${j}`);
      }
    }
  });

  it("shows a value bound after the context's pairs were kept", () => {
    const filter = new ContextVarsFilter();
    copyContext().run(() => {
      bind_contextvars({ user: "ann" });
      const first = makeLogRecord({ msg: "x" });
      filter.filter(first);
      bind_contextvars({ user: "bob", step: 2 });
      const second = makeLogRecord({ msg: "y" });
      filter.filter(second);
      assert.equal((first as unknown as { user: string }).user, "ann");
      assert.equal((second as unknown as { user: string }).user, "bob");
      assert.equal((second as unknown as { step: number }).step, 2);
    });
  });

  it("reads chosen variables and bound keys together, the variable's name winning", () => {
    const tenant = new ContextVar<string>("tenant", { default: "-" });
    const filter = new ContextVarsFilter({ vars: [tenant] });
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      copyContext().run(() => {
        tenant.set(`t-${i}`);
        bind_contextvars({ tenant: "bound", request_id: i });
        const record = makeLogRecord({ msg: "x" });
        filter.filter(record);
        const r = record as unknown as { tenant: string; request_id: number };
        seen.push(`${r.tenant}/${r.request_id}`);
      });
    }
    assert.deepEqual(seen, ["t-0/0", "t-1/1", "t-2/2", "t-3/3", "t-4/4", "t-5/5"]);
  });
});
