/**
 * Exit registration, in place of Python's `atexit.register(shutdown)`.
 *
 * Registered lazily by the first handler (importing the module registers nothing):
 * - Deno: the `unload` event (natural end and `Deno.exit()`), plus the `error` and
 *   `unhandledrejection` events, observed without `preventDefault()`, which drain every buffer
 *   synchronously before the crash ends the process;
 * - Bun and Node: `process.on("exit")`, which fires at natural end, on `process.exit()` and after an
 *   uncaught exception or unhandled rejection.
 * Exit listeners cannot wait for a Promise: only synchronous writes land there, which is why the
 * module's own sinks (stderr, stdout, files) write synchronously.
 *
 * No signal listener is installed by default (one would cancel the default termination); see
 * {@linkcode exitOnSignals}.
 *
 * @module
 */

import { slot } from "./state.ts";

type ExitHook = () => void;

interface ExitState {
  registered: boolean;
  hooks: ExitHook[];
  /** Functions that drain buffers on a crash without shutting down (the program may recover). */
  crashDrains: ExitHook[];
  /** Functions run when Deno's uncaught error or rejection is about to end the program. */
  fatalHooks: ExitHook[];
  ran: boolean;
}

function exitState(): ExitState {
  return slot("exit", newExitState);
}

function newExitState(): ExitState {
  return { registered: false, hooks: [], crashDrains: [], fatalHooks: [], ran: false };
}

/**
 * Adds a synchronous function run once at exit (`shutdown` adds itself). This only records the
 * function: the runtime's listeners are installed by {@linkcode ensureExitHooks}, which the first
 * handler calls.
 */
export function onExit(hook: ExitHook): void {
  const hooks = exitState().hooks;
  if (!hooks.includes(hook)) hooks.push(hook);
}

/** Adds a function run when Deno reports an uncaught error or unhandled rejection. */
export function onCrash(hook: ExitHook): void {
  const s = exitState();
  if (!s.crashDrains.includes(hook)) s.crashDrains.push(hook);
}

/**
 * Adds a synchronous function run when an uncaught error or unhandled rejection ends a Deno
 * program, whose `unload` event does not fire then (Bun and Node run the exit hooks instead). It
 * is skipped when a listener that ran before it called `preventDefault()` (the program goes on).
 */
export function onFatalError(hook: ExitHook): void {
  const s = exitState();
  if (!s.fatalHooks.includes(hook)) s.fatalHooks.push(hook);
}

function runFatalHooks(event: { defaultPrevented?: boolean }): void {
  runCrashDrains();
  if (event?.defaultPrevented) return;
  for (const hook of exitState().fatalHooks) {
    try {
      hook();
    } catch {
      // Keep going: the program is ending.
    }
  }
}

function runExitHooks(): void {
  const s = exitState();
  if (s.ran) return;
  s.ran = true;
  for (const hook of s.hooks) {
    try {
      hook();
    } catch {
      // Nothing can be reported at exit; keep going.
    }
  }
}

function runCrashDrains(): void {
  for (const hook of exitState().crashDrains) {
    try {
      hook();
    } catch {
      // Keep draining.
    }
  }
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: { defaultPrevented?: boolean }) => void): void;
}
interface ProcessLike {
  on?(event: string, listener: (...args: unknown[]) => void): unknown;
  exit?(code?: number): never;
  kill?(pid: number, signal: string): void;
  pid?: number;
}

/** Registers the runtime's exit hooks, once per program. */
export function ensureExitHooks(): void {
  const s = exitState();
  if (s.registered) return;
  s.registered = true;
  const g = globalThis as unknown as { Deno?: unknown; process?: ProcessLike } & EventTargetLike;
  if (g.Deno !== undefined && typeof g.addEventListener === "function") {
    g.addEventListener("unload", runExitHooks);
    g.addEventListener("error", runFatalHooks);
    g.addEventListener("unhandledrejection", runFatalHooks);
  } else if (typeof g.process?.on === "function") {
    g.process.on("exit", runExitHooks);
  }
  // Edge runtimes: no exit event exists; users hand `flush()` to `waitUntil`.
}

/**
 * Opt-in: on SIGINT or SIGTERM, write out every buffer synchronously; then, unless the application
 * listens for that signal too, run `shutdown()` (every handler closed) and exit with the
 * conventional status (130 for SIGINT, 143 for SIGTERM). When the application has its own
 * listener (a graceful shutdown), the exit stays the application's: its own shutdown runs, it may
 * go on logging, and the library's exit hooks drain again when it exits. Not installed by
 * default, because a signal listener cancels the runtime's default termination.
 *
 * Needed only by a program that has no SIGINT/SIGTERM listener of its own and is ended by one:
 * without a listener the runtime dies at once, and records still in a batch (up to 64 KiB or
 * 100 ms of them) or queued for a stream, socket or HTTP peer are lost. A program whose own
 * listener ends with `process.exit()` / `Deno.exit()` needs nothing: the exit hooks drain.
 *
 * Application listeners are seen when they are added with `process.on` (Node, Bun, and Deno 2's
 * `process`); in Deno, a listener added with `Deno.addSignalListener` is not visible to the
 * library: add it with `process.on`, or pass `{ exit: false }`.
 *
 * @example
 * ```ts
 * import { exitOnSignals } from "@pylog/logging";
 * exitOnSignals();
 * ```
 */
export function exitOnSignals(
  signals: readonly ("SIGINT" | "SIGTERM")[] = ["SIGINT", "SIGTERM"],
  options: { exit?: boolean } = {},
): void {
  const g = globalThis as unknown as {
    Deno?: { addSignalListener?(s: string, f: () => void): void; exit(code: number): never };
    process?: ProcessLike & { listenerCount?(event: string): number };
  };
  const p = g.process;
  const viaProcess = typeof p?.on === "function";
  for (const signal of signals) {
    const code = signal === "SIGINT" ? 130 : 143;
    const handler = (): void => {
      runCrashDrains(); // every buffer written now, synchronously
      if (options.exit === false) return;
      // Another listener than this one: the application shuts down in its own way.
      if (viaProcess && (p?.listenerCount?.(signal) ?? 1) > 1) return;
      runExitHooks();
      if (g.Deno?.exit) g.Deno.exit(code);
      else p?.exit?.(code);
    };
    if (viaProcess) p!.on!(signal, handler);
    else if (g.Deno?.addSignalListener) g.Deno.addSignalListener(signal, handler);
  }
}
