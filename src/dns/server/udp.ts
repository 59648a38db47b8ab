// DNS over UDP: one datagram in, at most one out, answered synchronously in the receive callback. Replies
// are sent from views of the handler's buffer kept per length, so a steady load allocates nothing here.
import type { DnsHandler } from "../handle.ts";

export type UdpListener = { port: number; close(): void };

export async function listenUdp(handler: DnsHandler, hostname: string, port: number): Promise<UdpListener> {
  const out = handler.out;
  const views: (Uint8Array | undefined)[] = new Array(4097);
  const view = (n: number): Uint8Array => {
    if (n > 4096) return out.subarray(0, n);
    let v = views[n];
    if (v === undefined) views[n] = v = out.subarray(0, n);
    return v;
  };
  const socket = await Bun.udpSocket({
    hostname,
    port,
    socket: {
      data(sock, buf, rport, raddr) {
        const n = handler.handle(buf, buf.length, false, raddr);
        if (n > 0) sock.send(view(n), rport, raddr);
      },
    },
  });
  return { port: socket.port, close: () => socket.close() };
}
