// Imported with no permissions at all: must load, register no exit hook, open nothing.
const g = globalThis as unknown as {
  process?: { listenerCount?(e: string): number };
  [k: symbol]: unknown;
};
const before = g.process?.listenerCount?.("exit") ?? 0;
const logging = await import("../../mod.ts");
const after = g.process?.listenerCount?.("exit") ?? 0;
const state = g[Symbol.for("@pylog/logging")] as { slots: { exit?: { registered: boolean } } };
console.log(JSON.stringify({
  exports: Object.keys(logging).length,
  exitListenersAdded: after - before,
  exitRegistered: state.slots.exit?.registered ?? false,
  rootLevel: logging.root.level,
}));
