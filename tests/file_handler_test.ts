// FileHandler's error cases: relative paths, missing directories, permission denied, a full disk
// and a descriptor closed under the handler (the last two in child processes, whose stderr is
// checked for Python's `--- Logging error ---` report).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FileHandler } from "../handlers/stream/file.ts";
import { Formatter } from "../formatters/formatter.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";

const proc = (globalThis as unknown as {
  process: {
    cwd(): string;
    execPath: string;
    getuid?: () => number;
    env: Record<string, string>;
  };
}).process;
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";

function record(msg: string): LogRecord {
  return makeLogRecord({ msg, levelno: 20, levelname: "INFO", name: "fx" });
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "pylog-file-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertOSError(fn: () => unknown, name: string, errno: number, text: string, path: string) {
  assert.throws(fn, (e: Error & { errno?: number; filename?: string }) => {
    assert.equal(e.name, name);
    assert.equal(e.errno, errno);
    assert.equal(e.filename, path);
    assert.equal(e.message, `[Errno ${errno}] ${text}: '${path}'`);
    assert.equal(String(e), `${name}: [Errno ${errno}] ${text}: '${path}'`);
    return true;
  });
}

describe("FileHandler paths and open errors", () => {
  it("makes a relative path absolute against the current directory, as os.path.abspath", () => {
    const h = new FileHandler("logs/../app.log", "a", null, true);
    assert.equal(h.baseFilename, join(proc.cwd(), "app.log"));
    h.close();
  });

  it("missing directory: FileNotFoundError with Python's message, at construction", () => {
    withDir((dir) => {
      const path = join(dir, "no", "such", "dir", "app.log");
      assertOSError(
        () => new FileHandler(path),
        "FileNotFoundError",
        2,
        "No such file or directory",
        path,
      );
    });
  });

  it("missing directory with delay: constructing succeeds, the first record reports the error", () => {
    withDir((dir) => {
      const path = join(dir, "missing", "app.log");
      const h = new FileHandler(path, "a", null, true);
      const errors: Error[] = [];
      h.handleError = (_r, e) => void errors.push(e as Error);
      h.handle(record("x"));
      assert.equal(errors.length, 1);
      assert.equal(errors[0].name, "FileNotFoundError");
      assert.equal(errors[0].message, `[Errno 2] No such file or directory: '${path}'`);
      h.close();
    });
  });

  it("a directory as the path: IsADirectoryError", () => {
    withDir((dir) => {
      assertOSError(() => new FileHandler(dir), "IsADirectoryError", 21, "Is a directory", dir);
    });
  });

  it("mode x on an existing file: FileExistsError", () => {
    withDir((dir) => {
      const path = join(dir, "app.log");
      writeFileSync(path, "");
      assertOSError(() => new FileHandler(path, "x"), "FileExistsError", 17, "File exists", path);
    });
  });

  it("permission denied: PermissionError (as root, where modes do not deny, a sysfs file)", () => {
    const root = proc.getuid?.() === 0;
    if (!root) {
      withDir((dir) => {
        const locked = join(dir, "locked");
        mkdirSync(locked);
        chmodSync(locked, 0o500);
        const path = join(locked, "app.log");
        try {
          assertOSError(
            () => new FileHandler(path),
            "PermissionError",
            13,
            "Permission denied",
            path,
          );
        } finally {
          chmodSync(locked, 0o700);
        }
      });
      return;
    }
    // Root: a read-only directory does not stop it (what does happen is asserted)...
    withDir((dir) => {
      const locked = join(dir, "locked");
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      const h = new FileHandler(join(locked, "app.log"));
      h.close();
      assert.equal(existsSync(join(locked, "app.log")), true);
    });
    // ...but sysfs refuses to open a read-only attribute for writing, even for root.
    const path = "/sys/kernel/notes";
    assert.equal(existsSync(path), true, "this test needs Linux sysfs when run as root");
    assertOSError(() => new FileHandler(path), "PermissionError", 13, "Permission denied", path);
  });

  it("mode w: not reopened after close; mode a: reopened", () => {
    withDir((dir) => {
      const w = new FileHandler(join(dir, "w.log"), "w");
      w.setFormatter(new Formatter("%(message)s"));
      w.handle(record("one"));
      w.close();
      w.handle(record("two")); // Python drops it: a closed mode-w handler is not reopened
      w.close();
      assert.equal(readFileSync(join(dir, "w.log"), "utf8"), "one\n");
      const a = new FileHandler(join(dir, "a.log"), "a");
      a.setFormatter(new Formatter("%(message)s"));
      a.handle(record("one"));
      a.close();
      a.handle(record("two"));
      a.close();
      assert.equal(readFileSync(join(dir, "a.log"), "utf8"), "one\ntwo\n");
    });
  });
});

const child = fileURLToPath(new URL("./exit/write_errors.ts", import.meta.url));

function runWriteErrors(args: string[], dir: string): { status: number | null; stderr: string } {
  const errPath = join(dir, "stderr.txt");
  const errFd = openSync(errPath, "w");
  try {
    const r = spawnSync(proc.execPath, isDeno ? ["run", "-A", child, ...args] : [child, ...args], {
      stdio: ["ignore", "ignore", errFd],
      timeout: 30_000,
      env: { ...proc.env, NO_COLOR: "1" },
    });
    if (r.error) throw r.error;
    return { status: r.status, stderr: readFileSync(errPath, "utf8") };
  } finally {
    closeSync(errFd);
  }
}

function expectedGood(count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) s += `record ${i}\n`;
  return s + "still running\n";
}

describe("write errors during emit are reported and the program goes on", () => {
  it("disk full (/dev/full, ENOSPC)", () => {
    if (!existsSync("/dev/full")) assert.fail("this test needs Linux /dev/full");
    withDir((dir) => {
      const good = join(dir, "good.log");
      const { status, stderr } = runWriteErrors(["full", good, "300"], dir);
      assert.equal(status, 0, stderr.slice(-2000));
      assert.equal(readFileSync(good, "utf8"), expectedGood(300));
      assert.match(stderr, /^--- Logging error ---$/m);
      assert.match(stderr, /no space left on device/i);
      assert.match(stderr, /^Message: 'still running'$/m);
    });
  });

  it("descriptor closed under the handler (EBADF)", () => {
    withDir((dir) => {
      const good = join(dir, "good.log");
      const bad = join(dir, "bad.log");
      const { status, stderr } = runWriteErrors(["closed", good, "300", bad], dir);
      assert.equal(status, 0, stderr.slice(-2000));
      assert.equal(readFileSync(good, "utf8"), expectedGood(300));
      assert.equal(readFileSync(bad, "utf8"), "");
      assert.match(stderr, /^--- Logging error ---$/m);
      assert.match(stderr, /bad file descriptor/i);
    });
  });
});
