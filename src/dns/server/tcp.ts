// DNS over TCP (RFC 7766): 2-octet length framing, several queries per connection answered in order as they
// arrive (pipelining, s6.2.1.1), an idle timeout (s6.2.3) and a cap on open connections, so that slow or
// silent clients cannot hold the server.
import type { Socket } from "bun";
import type { DnsHandler } from "../handle.ts";

export type TcpListener = { port: number; connections(): number; close(): void };

type Conn = { pending: Uint8Array | null; backlog: Uint8Array[] };

export function listenTcp(handler: DnsHandler, hostname: string, port: number, idleMs: number, maxConnections: number): TcpListener {
  let open = 0;
  const idleSeconds = Math.max(1, Math.ceil(idleMs / 1000));

  const send = (s: Socket<Conn>, reply: Uint8Array) => {
    if (s.data.backlog.length > 0) {
      s.data.backlog.push(reply);
      return;
    }
    const wrote = s.write(reply);
    if (wrote < reply.length) s.data.backlog.push(reply.subarray(Math.max(0, wrote)));
  };

  const server = Bun.listen<Conn>({
    hostname,
    port,
    socket: {
      open(s) {
        s.data = { pending: null, backlog: [] };
        if (++open > maxConnections) {
          s.end();
          return;
        }
        s.timeout(idleSeconds);
      },
      data(s, chunk) {
        let buf: Uint8Array = chunk;
        if (s.data.pending !== null) {
          const joined = new Uint8Array(s.data.pending.length + chunk.length);
          joined.set(s.data.pending);
          joined.set(chunk, s.data.pending.length);
          buf = joined;
          s.data.pending = null;
        }
        let o = 0;
        while (buf.length - o >= 2) {
          const len = ((buf[o] as number) << 8) | (buf[o + 1] as number);
          if (buf.length - o - 2 < len) break;
          const n = handler.handle(buf.subarray(o + 2, o + 2 + len), len, true, s.remoteAddress);
          o += 2 + len;
          if (n === 0) {
            // RFC 7766 s6.2.4 lets a server close a connection carrying a message it cannot parse.
            s.end();
            return;
          }
          const reply = new Uint8Array(n + 2);
          reply[0] = n >> 8;
          reply[1] = n & 0xff;
          reply.set(handler.out.subarray(0, n), 2);
          send(s, reply);
        }
        if (o < buf.length) s.data.pending = buf.slice(o);
        s.timeout(idleSeconds);
      },
      drain(s) {
        const q = s.data.backlog;
        while (q.length > 0) {
          const head = q[0] as Uint8Array;
          const wrote = s.write(head);
          if (wrote < head.length) {
            q[0] = head.subarray(Math.max(0, wrote));
            return;
          }
          q.shift();
        }
      },
      timeout(s) {
        s.end();
      },
      close() {
        open--;
      },
      error() {
        // Bun closes the socket after an error; close() above does the accounting.
      },
    },
  });
  return { port: server.port, connections: () => open, close: () => server.stop(true) };
}
