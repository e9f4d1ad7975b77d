/**
 * Call-site capture for a record's caller fields (Python's `Logger.findCaller` and
 * `_is_internal_frame`): structured V8 and JavaScriptCore call sites, or a stack string where the
 * runtime has none, walked outwards past the library's own frames.
 *
 * @module
 */

import { filePath, parseStack, type StackFrame } from "./py/traceback.ts";
import { state } from "./state.ts";

const UNKNOWN_FILE = "(unknown file)";
const UNKNOWN_FUNCTION = "(unknown function)";

// ---------------------------------------------------------------------------------------------
// Finding the caller (Python's Logger.findCaller)
// ---------------------------------------------------------------------------------------------

/**
 * This module's folder, as a URL and as a path, to recognise the library's own frames. Where
 * `import.meta.url` is not an absolute URL (Cloudflare's workerd leaves it undefined),
 * `new URL` throws: no frame is then recognised as the library's, rather than failing the import.
 */
const LIB_URL = libraryUrl();
const LIB_PATH = LIB_URL.startsWith("file://") ? decodeURIComponent(LIB_URL.slice(7)) : LIB_URL;

function libraryUrl(): string {
  try {
    return new URL(".", import.meta.url).href;
  } catch {
    return "\0no library url\0";
  }
}
/**
 * Under the library's folder (the one this module sits in, the package root), every module file
 * is the library's, at any depth, so a new source folder needs no entry anywhere; only the
 * folders a checkout has and a published package does not (tests, examples, benchmarks, scripts,
 * installed packages) hold the user's code.
 */
const MODULE_FILE = /\.(?:ts|js|mjs)$/;
const NOT_LIBRARY = /^(?:tests|examples|bench|scripts|node_modules)\//;

/**
 * True when a stack frame's file belongs to this library (Python's `_is_internal_frame`): any
 * module under the library's own folder, not its tests, examples or benchmarks.
 */
export function isInternalFile(file: string): boolean {
  let rest: string;
  if (file.startsWith(LIB_PATH)) rest = file.slice(LIB_PATH.length);
  else if (file.startsWith(LIB_URL)) rest = file.slice(LIB_URL.length);
  else return false;
  return MODULE_FILE.test(rest) && !NOT_LIBRARY.test(rest);
}

/**
 * Python's `findCaller` on a JavaScript stack: walks outwards past the library's own frames and
 * returns the `stacklevel`-th caller frame (the outermost frame when the stack is not that deep),
 * together with its index among the parsed frames.
 */
export function findCallerFrame(
  stack: string | readonly StackFrame[],
  stacklevel = 1,
): { file: string; line: number; func: string; index: number } | null {
  const frames = typeof stack === "string" ? parseStack(stack) : stack;
  let found: { file: string; line: number; func: string; index: number } | null = null;
  let remaining = stacklevel < 1 ? 1 : stacklevel;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (isInternalFile(f.file)) continue;
    found = { file: f.file, line: f.line, func: f.func, index: i };
    if (--remaining === 0) return found;
  }
  if (found === null && frames.length > 0) {
    const f = frames[frames.length - 1];
    return { file: f.file, line: f.line, func: f.func, index: frames.length - 1 };
  }
  return found;
}

/**
 * A structured stack frame as V8 (Deno, Node, workerd) and JavaScriptCore (Bun) hand it to
 * `Error.prepareStackTrace`: the subset the caller lookup reads.
 *
 * @example
 * ```ts
 * import { type CallSite, INFO, LogRecord } from "@pylog/logging";
 * const site: CallSite = {
 *   getFileName: () => "/srv/app.ts",
 *   getLineNumber: () => 12,
 *   getFunctionName: () => "main",
 * };
 * const r = new LogRecord("app", INFO, "", 0, "hi", null, null);
 * r.setCallerStack([site]);
 * r.lineno; // 12
 * ```
 */
export interface CallSite {
  /** The script's path or URL (`null` or `""` for native code). */
  getFileName(): string | null | undefined;
  /** The 1-based line (source-mapped on Deno and Bun). */
  getLineNumber(): number | null | undefined;
  /** The function's own name, `null` or `""` when it has none. */
  getFunctionName(): string | null | undefined;
  /** The script's own name or URL, before any source map (absent on some engines). */
  getScriptNameOrSourceURL?(): string | null | undefined;
  /** V8 (Node, workerd): the line where the enclosing function starts (1 for module code). */
  getEnclosingLineNumber?(): number | null | undefined;
  /** V8 (Node, workerd): the column where the enclosing function starts (1 for module code). */
  getEnclosingColumnNumber?(): number | null | undefined;
}

/**
 * Frames captured above the capture's boundary when the first capture does not reach the caller
 * (adapters and nested adapters put more of the library's frames between it and the caller).
 */
const CALLER_SITE_MARGIN = 8;

const returnSites = (_error: unknown, sites: unknown): unknown => sites;

/**
 * The stack above `boundary` (a library function on the stack): call sites where the runtime
 * hands them out, else a stack string. `Error.prepareStackTrace` and `Error.stackTraceLimit` are
 * as they were afterwards.
 */
export function captureSites(limit: number, boundary: unknown): unknown {
  // deno-lint-ignore no-explicit-any
  const E = Error as any;
  const savedPrepare = E.prepareStackTrace;
  const savedLimit = E.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    E.prepareStackTrace = returnSites;
    E.stackTraceLimit = limit;
    if (typeof E.captureStackTrace !== "function") return new Error().stack;
    E.captureStackTrace(holder, boundary);
    return holder.stack; // V8 formats the stack on this first read: inside, with returnSites
  } finally {
    E.prepareStackTrace = savedPrepare;
    E.stackTraceLimit = savedLimit;
  }
}

/**
 * The caller's stack as {@linkcode captureCaller} returns it: call sites (or a stack string where
 * the runtime hands out none) and the index of the caller's site among them, `-1` when the caller
 * is found on first read by the full search.
 */
export interface CapturedCaller {
  /** The captured stack. */
  stack: CallSite[] | string;
  /** The caller's site in `stack`, or `-1`. */
  index: number;
}

/**
 * Captures the frames above `boundary` (a library function on the stack when this is called:
 * `_logCall` or `_log`) that Python's `findCaller` would walk, as few as possible: the runtime
 * materialises every captured frame (~0.2–0.7 µs each), so the first capture takes `stacklevel`
 * frames, plus one on Deno (whose frames do not tell module-level code from a nameless function:
 * the frame below does, see {@linkcode namelessFunctionName}). It starts above `entry`,
 * the logging method the user called (`info`, `log`...), when given and on the stack, so that none
 * of the library's own frames is captured; else above `boundary`, taking the logging method's
 * frame too. When that does not reach the caller (an adapter's or a module-level function's frames
 * in between, or a nameless caller whose frame below was cut off), the stack is captured again
 * with a margin. `first`, when given, is the first capture above `entry`, made by the caller
 * (`captureSites(firstCaptureLimit(), entry)` for the default `stacklevel`): every frame between a capture and its
 * boundary costs ~0.1–0.2 µs to walk, so the nearer the logging method it is made the better. Which site is the caller is decided here from the scripts' names, without source
 * maps; the caller's own site is source-mapped only when a caller field is read.
 */
export function captureCaller(
  stacklevel: number,
  boundary: unknown,
  entry?: unknown,
  first?: unknown,
): CapturedCaller {
  const level = stacklevel > 1 ? stacklevel : 1;
  const extra = nameless() === 0 ? 1 : 0;
  let stack: unknown;
  let limit = 0;
  if (entry !== undefined) {
    limit = level + extra;
    stack = first !== undefined ? first : captureSites(limit, entry);
    // an empty capture: `entry` is not on the stack (a subclass's method that never calls it)
    if (Array.isArray(stack) && stack.length === 0) stack = undefined;
    else boundary = entry;
  }
  if (stack === undefined) {
    limit = level + extra + 1;
    stack = captureSites(limit, boundary);
  }
  let index = Array.isArray(stack) ? callerSiteIndex(stack, level, limit) : -1;
  if (index < 0) {
    stack = captureSites(level + CALLER_SITE_MARGIN, boundary);
    index = Array.isArray(stack) ? callerSiteIndex(stack, level, 0) : -1;
  }
  if (Array.isArray(stack)) return { stack: stack as CallSite[], index };
  return { stack: typeof stack === "string" ? stack : (new Error().stack ?? ""), index: -1 };
}

/**
 * The frames {@linkcode captureCaller}'s first capture above the logging method takes for the
 * default `stacklevel`: one, plus one on Deno (see {@linkcode nameless}). A caller that captures
 * them itself, one frame nearer the boundary, hands them over as `first`.
 */
export function firstCaptureLimit(): number {
  return nameless() === 0 ? 2 : 1;
}

/** The script a call site runs in, before source mapping (`null` for native frames). */
function siteScript(site: CallSite): string | null {
  return scriptName(
    typeof site.getScriptNameOrSourceURL === "function"
      ? site.getScriptNameOrSourceURL()
      : site.getFileName(),
  );
}

/** A script's name or file, `null` for native code's (Bun says "[unknown]", V8 gives none). */
function scriptName(script: unknown): string | null {
  return typeof script === "string" && script !== "" && script !== "native" &&
      script !== "[unknown]"
    ? script
    : null;
}

/**
 * The index of the `stacklevel`-th site outside the library, or `-1` when the sites do not show
 * it: too few of them, or (when `limit` sites were captured, so the stack may go on) the caller is
 * nameless with no script below it, where on Deno only the frames below tell `<module>` from
 * `<lambda>`. Sites are told by their scripts' names, without source maps: on Deno the first read of
 * a site's file or line applies the source map (~2.4 µs), the script's name costs a third of that,
 * so only the caller's site is mapped, when a caller field is read.
 */
function callerSiteIndex(sites: readonly CallSite[], stacklevel: number, limit: number): number {
  let remaining = stacklevel;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    const script = siteScript(site);
    if (script === null || isInternalFile(script)) continue;
    if (--remaining > 0) continue;
    // Deno: a nameless caller with no frame below it in a cut-off capture may be module code
    if (
      limit > 0 && sites.length >= limit && nameless() === 0 && !site.getFunctionName() &&
      scriptAfter(sites, i) === null
    ) {
      return -1;
    }
    return i;
  }
  return -1;
}

/**
 * The caller fields of `sites[index]` (found by {@linkcode captureCaller}): its source-mapped file
 * and line, its function's name, `<lambda>` for a nameless function and `<module>` when no frame
 * with a script lies below it. `null` when the site has no source position after all.
 */
export function describeSite(
  sites: readonly CallSite[],
  index: number,
): { file: string; line: number; func: string } | null {
  const pos = sitePosition(sites[index]);
  if (pos === null || isInternalFile(pos.file)) return null;
  const func = sites[index].getFunctionName() || namelessFunctionName(sites, index);
  return { file: filePath(pos.file), line: pos.line, func };
}

/**
 * How the engine's call sites tell a nameless function's frame from module-level code (decided
 * once, on a nameless arrow's own call site): `1`, JavaScriptCore (Bun) prints the former as
 * `<anonymous> (file:line:col)` and the latter as the bare location; `2`, V8 on Node and workerd
 * tells where a site's enclosing function starts (line 1, column 1: the module itself); `0`, Deno's
 * sites tell neither: only the frame below does.
 */
let namelessKind: number | undefined;

function nameless(): number {
  if (namelessKind === undefined) {
    let site: CallSite | undefined;
    // a block body: an expression-bodied arrow is a tail call, which JavaScriptCore drops
    [0].forEach(() => {
      const sites = captureSites(1, captureSites);
      if (Array.isArray(sites)) site = sites[0];
    });
    namelessKind = String(site).startsWith("<anonymous>")
      ? 1
      : typeof site?.getEnclosingLineNumber === "function"
      ? 2
      : 0;
  }
  return namelessKind;
}

/**
 * Python's name for a nameless caller: `<lambda>` for a function, `<module>` for module-level
 * code. JavaScriptCore marks nameless functions' frames; on Node and workerd module code's
 * enclosing function starts at line 1, column 1; on Deno module-level code is the outermost frame
 * with a script.
 */
function namelessFunctionName(sites: readonly CallSite[], index: number): string {
  if (nameless() === 1) {
    return String(sites[index]).startsWith("<anonymous>") ? "<lambda>" : "<module>";
  }
  if (nameless() === 2) {
    const site = sites[index];
    return site.getEnclosingLineNumber!() === 1 && site.getEnclosingColumnNumber!() === 1
      ? "<module>"
      : "<lambda>";
  }
  // Node runs module code from its module loader (`node:internal/modules/...` frames below it)
  const below = scriptAfter(sites, index);
  return below !== null && !below.startsWith("node:internal/modules/") ? "<lambda>" : "<module>";
}

/** The script of the first site after `index` that runs in one (is not native), or `null`. */
function scriptAfter(sites: readonly CallSite[], index: number): string | null {
  for (let j = index + 1; j < sites.length; j++) {
    const script = siteScript(sites[j]);
    if (script !== null) return script;
  }
  return null;
}

/**
 * A call site's file and line, or `null` for frames without a source position (native code). The
 * line is read once: on Deno every read of a site's file or line applies the source map.
 */
function sitePosition(site: CallSite): { file: string; line: number } | null {
  const file = scriptName(site.getFileName());
  if (file === null) return null;
  const line = site.getLineNumber();
  return typeof line === "number" && line > 0 ? { file, line } : null;
}

/**
 * {@linkcode findCallerFrame} on structured call sites, with the same result as on the stack
 * string: frames without a source position are skipped, a nameless caller is `<lambda>` or
 * `<module>` as {@linkcode namelessFunctionName} tells.
 */
export function findCallerSite(
  sites: readonly CallSite[],
  stacklevel = 1,
): { file: string; line: number; func: string } | null {
  let found = -1;
  let foundPos: { file: string; line: number } | null = null;
  let remaining = stacklevel < 1 ? 1 : stacklevel;
  for (let i = 0; i < sites.length; i++) {
    const pos = sitePosition(sites[i]);
    if (pos === null || isInternalFile(pos.file)) continue;
    found = i;
    foundPos = pos;
    if (--remaining === 0) break;
  }
  if (foundPos === null) {
    // only the library's frames: the outermost one, as findCallerFrame does
    for (let i = sites.length - 1; i >= 0 && foundPos === null; i--) {
      foundPos = sitePosition(sites[i]);
      found = i;
    }
    if (foundPos === null) return null;
  }
  const func = sites[found].getFunctionName() || namelessFunctionName(sites, found);
  return { file: filePath(foundPos.file), line: foundPos.line, func };
}

/** Drops the count when an object that needed caller fields is collected. */
let consumerRegistry: FinalizationRegistry<null> | undefined;

/**
 * Marks `owner` as needing caller fields for as long as it lives: a formatter that reads them, or a
 * handler that ships records to another program or thread (whose formatter may read them). While
 * any such owner lives, loggers capture the caller (`setCallerInfo("auto")`).
 */
export function addCallerConsumer(owner: object): void {
  state.callerConsumers++;
  (consumerRegistry ??= new FinalizationRegistry(() => state.callerConsumers--)).register(
    owner,
    null,
  );
}

/** Whether loggers capture a stack for caller fields right now (see {@linkcode setCallerInfo}). */
export function callerInfoWanted(): boolean {
  const mode = state.callerInfo;
  return mode === "always" || (mode === "auto" && state.callerConsumers > 0);
}

/**
 * Chooses when records carry caller fields (`pathname`, `filename`, `module`, `lineno`,
 * `funcName`), which cost a stack capture per record:
 * - `"auto"` (default): when any formatter created so far reads them;
 * - `"always"`: for every record (for filters or handlers of your own that read them);
 * - `"never"`: never (Python's `logging._srcfile = None`); the fields read `(unknown file)`, `0`,
 *   `(unknown function)`.
 *
 * @example
 * ```ts
 * import { setCallerInfo } from "@pylog/logging";
 * setCallerInfo("always");
 * ```
 */
export function setCallerInfo(mode: "auto" | "always" | "never"): void {
  if (mode !== "auto" && mode !== "always" && mode !== "never") {
    throw new TypeError(`caller info mode must be 'auto', 'always' or 'never', not ${mode}`);
  }
  state.callerInfo = mode;
}

/** The values caller fields take when no caller was found. */
export const UNKNOWN_CALLER: readonly [string, number, string] = [
  UNKNOWN_FILE,
  0,
  UNKNOWN_FUNCTION,
];
