// DNS over UDP: one datagram in, at most one out, answered synchronously in the receive callback.
import type { DnsHandler } from "../handle.ts";

export type UdpListener = { port: number; close(): void };

export async function listenUdp(handler: DnsHandler, hostname: string, port: number): Promise<UdpListener> {
  const out = handler.out;
  const socket = await Bun.udpSocket({
    hostname,
    port,
    socket: {
      data(sock, buf, rport, raddr) {
        const n = handler.handle(buf, buf.length, false);
        if (n > 0) sock.send(out.subarray(0, n), rport, raddr);
      },
    },
  });
  return { port: socket.port, close: () => socket.close() };
}
