// A Worker running a QueueListener over the receiving end of a PortQueue (tests/queue_handler_test.ts).
// Messages it understands besides the queue's own:
//   { cmd: "start", path, fmt }  start the listener, writing with a FileHandler to `path`
//   { cmd: "throw" }             throw an uncaught error (the worker dies)
import { FileHandler, Formatter } from "../../mod.ts";
import { type MessagePortLike, PortQueueReceiver, QueueListener } from "../../handlers/mod.ts";

// A web Worker's global scope (Deno, Bun), or Node's worker_threads parentPort (Node 24 has no web
// Worker; tests/queue_handler_test.ts starts this file with worker_threads there).
const port =
  (typeof (globalThis as { postMessage?: unknown }).postMessage === "function"
    ? globalThis
    : ((globalThis as unknown as {
      process: { getBuiltinModule(name: string): { parentPort: unknown } };
    }).process.getBuiltinModule("node:worker_threads").parentPort)) as MessagePortLike;
const queue = new PortQueueReceiver(port);

port.addEventListener("message", (event) => {
  const data = event.data as { cmd?: string; path?: string; fmt?: string } | null;
  if (data?.cmd === "start") {
    const handler = new FileHandler(data.path as string, "a", "utf-8");
    handler.setFormatter(new Formatter(data.fmt));
    const listener = new QueueListener(queue, handler);
    listener.start();
    void listener._thread?.then(() => handler.close());
  } else if (data?.cmd === "throw") {
    setTimeout(() => {
      // Deno prints this uncaught error even though the test handles it: the message says so.
      throw new Error(
        "the log worker crashed on purpose (EXPECTED in a passing run: " +
          "tests/queue_handler_test.ts checks that this crash is reported)",
      );
    }, 0);
  }
});
