// A Worker running a QueueListener over the receiving end of a PortQueue (tests/queue_handler_test.ts).
// Messages it understands besides the queue's own:
//   { cmd: "start", path, fmt }  start the listener, writing with a FileHandler to `path`
//   { cmd: "throw" }             throw an uncaught error (the worker dies)
import { FileHandler, Formatter } from "../../mod.ts";
import { type MessagePortLike, PortQueueReceiver, QueueListener } from "../../handlers/mod.ts";

const port = globalThis as unknown as MessagePortLike;
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
      throw new Error("the log worker crashed on purpose");
    }, 0);
  }
});
