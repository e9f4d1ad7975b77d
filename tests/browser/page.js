// The page tests/browser_test.ts loads in headless Chromium: the library's browser bundle is
// served at /lib/logging.js, this script at /app/page.js. The calls are those of
// scripts/gen_browser_fixtures.py, in the same order, from functions with the same names; the
// last console line tells the test the page is done.
// (A specifier in a variable: `deno check tests/` does not try to resolve the served path.)
const LIB = "/lib/logging.js";
const logging = await import(LIB);

function parse(text) {
  throw new TypeError("bad payload: '" + text + "'"); // THROW
}

function main() {
  const log = logging.getLogger("web.app");
  log.debug("debug %d", 1);
  log.info("info %s", "two");
  log.warning("warning %r", "three");
  log.error("error %.2f", 4);
  log.critical("critical %(k)s", { k: "five" });
  log.log(25, "custom %s", "level");
  log.info("%5.1f%% done, %x items, %-6s|", 99.44, 255, "ab");

  const brace = logging.getLogger("web.brace");
  brace.propagate = false;
  const h = new logging.ConsoleHandler();
  h.setFormatter(new logging.Formatter("{levelname}|{name}|{funcName}|{message}", null, "{"));
  brace.addHandler(h);
  brace.warning("brace %s %r %d", "style", 2.5, 7.9);

  try {
    parse("{"); // CALL
  } catch (err) {
    log.exception("failed %s", "parse", { exc_info: err });
  }

  const alog = logging.getLogger("web.adapter");
  alog.propagate = false;
  const h2 = new logging.ConsoleHandler({ extra: true });
  h2.setFormatter(
    new logging.Formatter("%(levelname)s:%(name)s:%(user)s:%(funcName)s:%(message)s"),
  );
  alog.addHandler(h2);
  const adapter = new logging.LoggerAdapter(alog, { user: "ann" });
  adapter.info("adapted %s", "call");
  adapter.warning("the adapter's extra wins", { extra: { ip: "10.0.0.1" } });
}

logging.warning("default %s", "config"); // basicConfig() with no arguments: the stderr stream
logging.basicConfig({
  force: true,
  level: logging.DEBUG,
  format: "%(levelname)s:%(name)s:%(message)s",
  handlers: [new logging.ConsoleHandler()],
});
main();
console.log("__pylog_page_done__");
