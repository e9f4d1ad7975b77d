// A program that logs through an OTLPHandler and ends at once, without `await shutdown()`:
// argv: endpoint, ending ("exit" | "throw" | "late-exit"), record count, [custom-fetch].
// "late-exit": the batch is exported after 50 ms; 600 ms later one more record, then exit (the
// first batch is then waiting for its retry).
import { getLogger, OTLPHandler } from "../../mod.ts";

const [endpoint, ending, count, custom] = (globalThis as unknown as {
  process: { argv: string[] };
}).process.argv.slice(2);
const handler = new OTLPHandler({
  endpoint,
  headers: { authorization: "Bearer s3cret-token" },
  schedule_delay_millis: ending === "late-exit" ? 50 : 60_000,
  ...(custom === "custom-fetch" ? { fetch: (u: string, i: RequestInit) => fetch(u, i) } : {}),
});
const log = getLogger("exit.otlp");
log.addHandler(handler);
log.setLevel("INFO");
for (let i = 0; i < Number(count); i++) log.info("record %d", i);
const g = globalThis as unknown as {
  Deno?: { exit(code: number): never };
  process: { exit(code: number): never };
};
if (ending === "late-exit") {
  await new Promise((done) => setTimeout(done, 600));
  log.info("record %d", Number(count));
  if (g.Deno) g.Deno.exit(0);
  g.process.exit(0);
} else if (ending === "exit") {
  if (g.Deno) g.Deno.exit(0);
  g.process.exit(0);
} else if (ending === "throw") {
  throw new Error("boom");
}
