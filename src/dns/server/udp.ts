// DNS over UDP: one datagram in, at most one out, answered synchronously in the receive callback. Under heavy
// load, replies are copied into a ring and sent together with one sendMany (sendmmsg) once the loop turn's
// received datagrams are handled (setImmediate runs after the turn's I/O callbacks): one send system call for
// several replies. Under light load each reply goes out at once, since scheduling the flush would cost more
// than it saves. The mode follows the arrival rate, sampled every 100 ms against MERIDIAN_UDP_BATCH_QPS.
import type { DnsHandler } from "../handle.ts";

export type UdpListener = { port: number; close(): void; batchedReplies(): number };

/** Replies held before a flush is forced; the ring has this many slots. */
const MAX_BATCH = 64;
/** `batchQps`: the query rate above which replies are batched (MERIDIAN_UDP_BATCH_QPS; 0 = always). */
export async function listenUdp(handler: DnsHandler, hostname: string, port: number, maxReply: number, batchQps: number): Promise<UdpListener> {
  const out = handler.out;
  // Views of the handler's buffer by length, so direct sends allocate nothing.
  const views: (Uint8Array | undefined)[] = new Array(maxReply + 1);
  const ring = Array.from({ length: MAX_BATCH }, () => new Uint8Array(maxReply));
  const lengths = new Int32Array(MAX_BATCH);
  const ports = new Int32Array(MAX_BATCH);
  const addrs: string[] = new Array(MAX_BATCH).fill("");
  const batch: (Uint8Array | number | string)[] = [];
  let pending = 0;
  let scheduled = false;
  let received = 0;
  let batched = 0;
  let batching = batchQps === 0;
  const sampler = setInterval(() => {
    batching = received * 10 > batchQps;
    received = 0;
  }, 100);
  sampler.unref();

  const flush = () => {
    scheduled = false;
    if (pending === 0) return;
    batch.length = 0;
    for (let i = 0; i < pending; i++) batch.push((ring[i] as Uint8Array).subarray(0, lengths[i] as number), ports[i] as number, addrs[i] as string);
    batched += pending;
    pending = 0;
    socket.sendMany(batch as never);
  };

  const socket = await Bun.udpSocket({
    hostname,
    port,
    socket: {
      data(sock, buf, rport, raddr) {
        received++;
        const n = handler.handle(buf, buf.length, false, raddr);
        if (n === 0) return;
        if (!batching) {
          let v = views[n];
          if (v === undefined) views[n] = v = out.subarray(0, n);
          sock.send(v, rport, raddr);
          return;
        }
        const slot = ring[pending] as Uint8Array;
        for (let i = 0; i < n; i++) slot[i] = out[i] as number;
        lengths[pending] = n;
        ports[pending] = rport;
        addrs[pending] = raddr;
        if (++pending === MAX_BATCH) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      },
    },
  });
  return {
    port: socket.port,
    batchedReplies: () => batched,
    close: () => {
      clearInterval(sampler);
      flush();
      socket.close();
    },
  };
}
