// Imported by caller_info_test.ts: logs from module-level code, whose funcName Python names
// `<module>`, once through a logger's method and once through the module-level function.
import { getLogger, warning } from "../mod.ts";

getLogger("caller.top").warning("direct");
warning("module function");
