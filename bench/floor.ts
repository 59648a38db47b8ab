// The "Bun floor": a UDP responder that only copies a precomputed reply and patches the query's ID into it.
// Nothing a real server can do costs less in Bun, so Meridian's CPU per query is reported as a ratio to it.
// Usage: bun bench/floor.ts PORT
import * as packet from "dns-packet";

const port = Number(process.argv[2] ?? "5300");
const reply = Buffer.from(
  packet.encode({
    type: "response",
    id: 0,
    flags: packet.AUTHORITATIVE_ANSWER,
    questions: [{ type: "A", name: "host1.bench.example" }],
    answers: [{ type: "A", name: "host1.bench.example", ttl: 3600, data: "10.0.0.1" }],
  }),
);
await Bun.udpSocket({
  hostname: "127.0.0.1",
  port,
  socket: {
    data(sock, buf, rport, raddr) {
      reply[0] = buf[0] as number;
      reply[1] = buf[1] as number;
      sock.send(reply, rport, raddr);
    },
  },
});
console.log(`floor listening on 127.0.0.1:${port}`);
