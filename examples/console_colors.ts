// Coloured console output the way colorlog writes it, plain text when piped:
//   deno run -A examples/console_colors.ts          (colours in a terminal)
//   deno run -A examples/console_colors.ts 2>&1 | cat    (plain text: stderr is not a terminal)
//   bun examples/console_colors.ts | node examples/console_colors.ts
// The formatter is given the stream it writes to, so colorlog's rule turns colour off when that
// stream is not a terminal. NO_COLOR=1 turns it off, FORCE_COLOR (any value) forces it on.
import * as logging from "../mod.ts";

const stream = logging.stderr();
const handler = new logging.StreamHandler(stream);
handler.setFormatter(
  new logging.ColoredFormatter({
    fmt:
      "%(log_color)s%(levelname)-8s%(reset)s %(blue)s%(name)s%(reset)s %(message_log_color)s%(message)s",
    secondary_log_colors: { message: { ERROR: "red", CRITICAL: "bold_red" } },
    stream,
  }),
);
logging.basicConfig({ level: "DEBUG", handlers: [handler] });

const log = logging.getLogger("app.console");
log.debug("cache warmed in %d ms", 12);
log.info("listening on port %d", 8080);
log.warning("disk %d%% full", 91);
log.error("payment service unreachable");
try {
  JSON.parse("{");
} catch (e) {
  log.critical("cannot read the configuration", { exc_info: e });
}
