// DNS client for tests: dns-packet encode/decode over real UDP and TCP sockets to 127.0.0.1.
import * as dgram from "node:dgram";
import * as net from "node:net";
import * as packet from "dns-packet";

export type Answer = packet.Packet & { rcode?: string; flag_aa?: boolean; flag_tc?: boolean };

export type QueryOptions = { edns?: boolean; udpSize?: number; flags?: number; id?: number; options?: any[]; class?: string };

export function encodeQuery(name: string, type: string, o: QueryOptions = {}): Buffer {
  return packet.encode({
    type: "query",
    id: o.id ?? Math.floor(Math.random() * 65535),
    flags: o.flags ?? packet.RECURSION_DESIRED,
    questions: [{ type: type as packet.RecordType, name, class: (o.class ?? "IN") as packet.RecordClass }],
    additionals: o.edns === false ? [] : [{ type: "OPT", name: ".", udpPayloadSize: o.udpSize ?? 1232, flags: 0, options: o.options ?? [] } as any],
  });
}

/** Sends raw bytes over UDP; resolves with the reply bytes, or null after `timeoutMs` with no reply. */
export function udpRaw(port: number, msg: Uint8Array, timeoutMs = 1000): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket("udp4");
    const timer = setTimeout(() => {
      sock.close();
      resolve(null);
    }, timeoutMs);
    sock.on("message", (m) => {
      clearTimeout(timer);
      sock.close();
      resolve(m);
    });
    sock.send(msg, port, "127.0.0.1");
  });
}

export async function udpQuery(port: number, name: string, type: string, o: QueryOptions = {}): Promise<Answer> {
  const reply = await udpRaw(port, encodeQuery(name, type, o));
  if (!reply) throw new Error(`no UDP reply for ${name} ${type}`);
  return packet.decode(reply) as Answer;
}

/** Sends several framed messages on one TCP connection and collects `expect` replies in order. */
export function tcpExchange(port: number, msgs: Uint8Array[], expect = msgs.length, timeoutMs = 3000): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, "127.0.0.1");
    let buf = Buffer.alloc(0);
    const out: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(out);
    }, timeoutMs);
    sock.on("connect", () => {
      for (const m of msgs) {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(m.length);
        sock.write(Buffer.concat([len, m]));
      }
    });
    sock.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        out.push(Buffer.from(buf.subarray(2, 2 + buf.readUInt16BE(0))));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (out.length >= expect) {
        clearTimeout(timer);
        sock.destroy();
        resolve(out);
      }
    });
    sock.on("close", () => {
      clearTimeout(timer);
      resolve(out);
    });
    sock.on("error", reject);
  });
}

export async function tcpQuery(port: number, name: string, type: string, o: QueryOptions = {}): Promise<Answer> {
  const [reply] = await tcpExchange(port, [encodeQuery(name, type, o)]);
  if (!reply) throw new Error(`no TCP reply for ${name} ${type}`);
  return packet.decode(reply) as Answer;
}

/** Presentation-style lines for a section, for table-driven assertions. */
export function rrLines(rrs: packet.Answer[] | undefined): string[] {
  return (rrs ?? [])
    .filter((r) => r.type !== "OPT")
    .map((r: any) => {
      let data: string;
      if (r.type === "MX") data = `${r.data.preference} ${r.data.exchange}.`;
      else if (r.type === "SRV") data = `${r.data.priority} ${r.data.weight} ${r.data.port} ${r.data.target}.`;
      else if (r.type === "TXT") data = (r.data as Buffer[]).map((b) => JSON.stringify(b.toString())).join(" ");
      else if (r.type === "SOA") data = `${r.data.mname}. ${r.data.rname}. ${r.data.serial}`;
      else if (r.type === "CAA") data = `${r.data.flags} ${r.data.tag} "${r.data.value}"`;
      else if (["CNAME", "NS", "PTR"].includes(r.type)) data = `${r.data}.`;
      else data = String(r.data);
      return `${r.name.toLowerCase()}. ${r.ttl} ${r.type} ${data}`;
    })
    .sort();
}
