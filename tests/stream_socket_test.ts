// StreamSocketWriter (the stream-socket writer SocketHandler and SysLogHandler share) over a fake
// socket whose deliveries the test controls: a peer that reads slowly while records keep coming is
// not taken for a stalled one; a peer that stops reading is, after `timeout` seconds, reported once.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { NetSocket } from "../handlers/net/socket.ts";
import { StreamSocketWriter } from "../handlers/net/_stream_socket.ts";
import { makeLogRecord } from "../record.ts";

/** A connected socket that hands a queued write to "the system" only when `deliver()` says so. */
class FakeSocket extends EventEmitter {
  queued: { bytes: number; cb?: () => void }[] = [];
  destroyed = false;
  get writableLength(): number {
    return this.queued.reduce((n, q) => n + q.bytes, 0);
  }
  write(data: Uint8Array | string, cb?: () => void): boolean {
    this.queued.push({ bytes: data.length, cb });
    return false;
  }
  /** The peer reads: the oldest queued write is handed to the system (`drain` once empty). */
  deliver(): void {
    this.queued.shift()?.cb?.();
    if (this.queued.length === 0) this.emit("drain");
  }
  end(): void {
    queueMicrotask(() => this.emit("close"));
  }
  destroy(): void {
    this.destroyed = true;
  }
  ref(): void {}
  unref(): void {}
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function connected(timeout: number): { w: StreamSocketWriter; sock: FakeSocket; lost: Error[] } {
  const lost: Error[] = [];
  const w = new StreamSocketWriter({
    timeout: () => timeout,
    report: (_r, e) => void lost.push(e),
  });
  const sock = new FakeSocket();
  w.connect(sock as unknown as NetSocket);
  sock.emit("connect");
  w.last = makeLogRecord({ msg: "the record reported", levelno: 20 }); // set by the handler
  return { w, sock, lost };
}

describe("StreamSocketWriter's stall timer", () => {
  it("a peer reading slower than records arrive is not judged stalled", async () => {
    const { w, sock, lost } = connected(0.15);
    const chunk = new Uint8Array(1000);
    w.put(chunk, null);
    // for 0.6 s (four timeouts): each 30 ms the peer takes one write and two more are queued, so
    // the bytes waiting only grow although the peer keeps reading
    for (let t = 0; t < 20; t++) {
      await sleep(30);
      sock.deliver();
      w.put(chunk, null);
      w.put(chunk, null);
    }
    assert.deepEqual(lost, []);
    assert.equal(w.sock, sock as unknown as NetSocket, "still connected");
    assert.ok(w.held > 1, "writes were still waiting");
    while (sock.queued.length > 0) sock.deliver();
    await w.close();
  });

  it("a peer that stops reading is reported once after the timeout, and the socket dropped", async () => {
    const { w, sock, lost } = connected(0.1);
    w.put(new Uint8Array(1000), null);
    w.put(new Uint8Array(1000), null);
    await sleep(60);
    assert.equal(lost.length, 0, "not before the timeout");
    await sleep(200);
    assert.equal(lost.length, 1);
    assert.match(String(lost[0].name), /TimeoutError|OSError/);
    assert.equal(w.sock, null);
    assert.ok(sock.destroyed);
  });
});
