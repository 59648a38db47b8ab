// Protocol behaviour over real sockets: refusals and error rcodes, EDNS(0), truncation and TCP retry,
// pipelined TCP, case preservation, malformed packets and fuzz (the server must keep answering), live updates.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import * as packet from "dns-packet";
import { encodeQuery, tcpExchange, tcpQuery, udpQuery, udpRaw } from "../helpers/dns.ts";
import { loadFixture } from "../helpers/fixture.ts";
import { addRecord, removeDir, startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
let token: string;
let domainId: string;
beforeAll(async () => {
  s = await startTestServer({ MERIDIAN_TCP_IDLE_MS: "1000", MERIDIAN_TCP_MAX_CONNECTIONS: "20", MERIDIAN_UDP_BATCH_QPS: "1000" });
  ({ token, domainId } = await loadFixture(s));
});
afterAll(async () => {
  await s.close();
  removeDir(s.dir);
});

const hex = (h: string) => Buffer.from(h, "hex");
const rcodeOf = (b: Buffer) => b[3]! & 0x0f;
async function stillAnswers() {
  const r = await udpQuery(s.dnsPort, "example.com", "A");
  expect(r.rcode).toBe("NOERROR");
}

describe("refusals and errors", () => {
  test("a name in no zone we serve is REFUSED with EDE 20", async () => {
    const r = await udpQuery(s.dnsPort, "example.net", "A");
    expect(r.rcode).toBe("REFUSED");
    expect(r.flag_aa).toBe(false);
    const opt = r.additionals?.find((a) => a.type === "OPT") as any;
    expect(opt.options.some((o: any) => o.code === 15 && o.data.readUInt16BE(0) === 20)).toBe(true);
  });

  test("class other than IN is REFUSED; AXFR and IXFR are REFUSED", async () => {
    expect((await udpQuery(s.dnsPort, "example.com", "A", { class: "CH" })).rcode).toBe("REFUSED");
    expect((await udpQuery(s.dnsPort, "example.com", "A", { class: "ANY" })).rcode).toBe("REFUSED");
    expect((await tcpQuery(s.dnsPort, "example.com", "AXFR")).rcode).toBe("REFUSED");
    expect((await udpQuery(s.dnsPort, "example.com", "IXFR")).rcode).toBe("REFUSED");
  });

  test("opcodes other than QUERY are NOTIMP with the question echoed", async () => {
    for (const opcode of [1, 2, 4, 5, 15]) {
      const q = encodeQuery("example.com", "SOA", { edns: false });
      q[2] = (q[2]! & 0x87) | (opcode << 3);
      const reply = (await udpRaw(s.dnsPort, q)) as Buffer;
      expect(rcodeOf(reply)).toBe(4);
      expect(reply.readUInt16BE(4)).toBe(1);
      expect((reply[2]! >> 3) & 0xf).toBe(opcode);
    }
  });

  test("QDCOUNT != 1 and garbled questions are FORMERR; QR=1 and short packets are dropped", async () => {
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef00000000000000000000"))) as Buffer)).toBe(1);
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef00000002000000000000076578616d706c6503636f6d0000060001076578616d706c6503636f6d0000060001"))) as Buffer)).toBe(1);
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef00000001000000000000c00c00060001"))) as Buffer)).toBe(1);
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef0000000100000000000041780000060001"))) as Buffer)).toBe(1);
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef00000001000000000000076578616d706c6503636f6d"))) as Buffer)).toBe(1);
    expect(await udpRaw(s.dnsPort, hex("beef80000001000000000000076578616d706c6503636f6d0000060001"), 300)).toBeNull();
    expect(await udpRaw(s.dnsPort, hex("beef000000010000000000"), 300)).toBeNull();
    await stillAnswers();
  });

  test("a compression loop in the additional section or an oversized label never hangs the server", async () => {
    // An RR in the additional section whose owner is a pointer to itself: never followed, so no loop.
    const loop = hex("beef00000001000000000001076578616d706c6503636f6d0000010001c01d00010001000000000004c0000201");
    const reply = await udpRaw(s.dnsPort, loop, 500);
    expect(reply === null || [0, 1].includes(reply[3]! & 0x0f)).toBe(true);
    expect(rcodeOf((await udpRaw(s.dnsPort, hex(`beef000000010000000000004${"0".repeat(1)}${"61".repeat(64)}0000010001`))) as Buffer)).toBe(1);
    await stillAnswers();
  });

  test("two OPT records or a broken option are FORMERR; TSIG with an unknown key is NOTAUTH", async () => {
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef00000001000000000002076578616d706c6503636f6d000006000100002904d000000000000000002904d0000000000000"))) as Buffer)).toBe(1);
    expect(rcodeOf((await udpRaw(s.dnsPort, hex("beef00000001000000000001076578616d706c6503636f6d000006000100002904d0000000000006006400146162"))) as Buffer)).toBe(1);
    const tsig = "beef00000001000000000001076578616d706c6503636f6d00000600010b756e6b6e6f776e2d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006553f100012c00200000000000000000000000000000000000000000000000000000000000000000beef00000000";
    expect(rcodeOf((await udpRaw(s.dnsPort, hex(tsig))) as Buffer)).toBe(9);
  });
});

describe("EDNS(0)", () => {
  test("OPT echoed with our size; none without EDNS; DO echoed; unknown options ignored", async () => {
    const r = await udpQuery(s.dnsPort, "example.com", "A", { udpSize: 4096, options: [{ code: 65001, data: Buffer.from("zz") }] });
    const opt = r.additionals?.find((a) => a.type === "OPT") as any;
    expect(opt.udpPayloadSize).toBe(1232);
    expect(opt.options).toEqual([]);
    const plain = await udpQuery(s.dnsPort, "example.com", "A", { edns: false });
    expect(plain.additionals?.some((a) => a.type === "OPT")).toBe(false);
    const q = packet.encode({ type: "query", id: 7, questions: [{ type: "A", name: "example.com" }], additionals: [{ type: "OPT", name: ".", udpPayloadSize: 1232, flags: packet.DNSSEC_OK } as any] });
    const reply = packet.decode((await udpRaw(s.dnsPort, q)) as Buffer) as any;
    expect(reply.additionals.find((a: any) => a.type === "OPT").flags & packet.DNSSEC_OK).toBe(packet.DNSSEC_OK);
  });

  test("version > 0 is BADVERS with an OPT of version 0", async () => {
    const reply = (await udpRaw(s.dnsPort, hex("beef00000001000000000001076578616d706c6503636f6d00000600010000291000000100000000"))) as Buffer;
    expect(rcodeOf(reply)).toBe(0);
    const opt = reply.subarray(reply.length - 11);
    expect(opt[5]).toBe(1); // extended rcode 1 << 4 = 16 BADVERS
    expect(opt[6]).toBe(0); // version 0
    expect(reply.readUInt16BE(6)).toBe(0);
  });
});

describe("truncation and TCP", () => {
  test("an answer too big for 512 is TC=1 with no half RRset; EDNS 1232 fits; TCP gives all", async () => {
    const small = await udpQuery(s.dnsPort, "big.example.com", "A", { edns: false });
    expect(small.flag_tc).toBe(true);
    expect(small.answers?.length).toBe(0);
    const edns = await udpQuery(s.dnsPort, "big.example.com", "A");
    expect(edns.flag_tc).toBe(false);
    expect(edns.answers?.length).toBe(40);
    const tiny = await udpQuery(s.dnsPort, "big.example.com", "A", { udpSize: 300 });
    expect(tiny.flag_tc).toBe(true);
    const tcp = await tcpQuery(s.dnsPort, "big.example.com", "A", { edns: false });
    expect(tcp.flag_tc).toBe(false);
    expect(tcp.answers?.length).toBe(40);
  });

  test("pipelined queries on one connection are all answered, in order", async () => {
    const names = ["example.com", "www.example.com", "nothere.example.com", "big.example.com", "mail.example.com"];
    const msgs = names.map((n, i) => encodeQuery(n, "A", { id: 100 + i }));
    const replies = await tcpExchange(s.dnsPort, msgs);
    expect(replies.map((r) => r.readUInt16BE(0))).toEqual([100, 101, 102, 103, 104]);
    const decoded = replies.map((r) => packet.decode(r) as any);
    expect(decoded[2].rcode).toBe("NXDOMAIN");
    expect(decoded[3].answers.length).toBe(40);
  });

  test("a message split across TCP segments is reassembled", async () => {
    const q = encodeQuery("example.com", "A", { id: 55 });
    const framed = Buffer.concat([Buffer.from([q.length >> 8, q.length & 0xff]), q]);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const sock = require("node:net").connect(s.dnsPort, "127.0.0.1");
      sock.on("connect", async () => {
        sock.write(framed.subarray(0, 5));
        await Bun.sleep(50);
        sock.write(framed.subarray(5));
      });
      sock.on("data", (d: Buffer) => {
        sock.destroy();
        resolve(d);
      });
      sock.on("error", reject);
    });
    expect(reply.readUInt16BE(2)).toBe(55);
  });

  test("an idle connection is closed by the server", async () => {
    const closedAfter = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      const sock = require("node:net").connect(s.dnsPort, "127.0.0.1");
      sock.on("close", () => resolve(Date.now() - t0));
    });
    expect(closedAfter).toBeGreaterThanOrEqual(900);
    expect(closedAfter).toBeLessThan(5000);
  });

  test("connections beyond the cap are closed at once, and the server keeps answering", async () => {
    const net = require("node:net");
    const held = Array.from({ length: 20 }, () => net.connect(s.dnsPort, "127.0.0.1"));
    await Bun.sleep(100);
    const extra = await new Promise<boolean>((resolve) => {
      const sock = net.connect(s.dnsPort, "127.0.0.1");
      const timer = setTimeout(() => resolve(false), 800);
      sock.on("close", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    expect(extra).toBe(true);
    for (const h of held) h.destroy();
    await stillAnswers();
  });
});

describe("load", () => {
  test("a burst past the batching rate: every reply is the right answer to its own query", async () => {
    const dgram = require("node:dgram");
    const sock = dgram.createSocket("udp4");
    const names = ["example.com", "www.example.com", "nothere.example.com", "mail.example.com", "x.wild.example.com"];
    const expected = new Map<number, string>();
    let ok = 0;
    let wrong = 0;
    sock.on("message", (m: Buffer) => {
      const d = packet.decode(m) as any;
      const want = expected.get(d.id);
      if (want !== undefined && d.questions[0].name.toLowerCase() === want) ok++;
      else wrong++;
    });
    await new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", () => resolve()));
    const before = s.handler.stats.queries;
    const batchedBefore = (await s.admin("GET", "/api/admin/stats")).body.udp_batched_replies;
    // About 60k queries/s for 0.3 s, past this server's batching rate (1000/s, MERIDIAN_UDP_BATCH_QPS). Bursts
    // stay small enough for the test's own receive buffer.
    let id = 0;
    for (let burst = 0; burst < 120; burst++) {
      for (let i = 0; i < 150; i++) {
        const name = names[id % names.length] as string;
        expected.set(id, name);
        sock.send(encodeQuery(name, "A", { id }), s.dnsPort, "127.0.0.1");
        id++;
      }
      await Bun.sleep(2);
    }
    await Bun.sleep(300);
    sock.close();
    const handled = s.handler.stats.queries - before;
    const batched = (await s.admin("GET", "/api/admin/stats")).body.udp_batched_replies - batchedBefore;
    expect(wrong).toBe(0);
    expect(batched).toBeGreaterThan(0);
    // Every query the server handled got its own answer back; UDP may drop a few on the way in or out.
    expect(ok).toBeGreaterThan(handled * 0.75);
    expect(handled).toBeGreaterThan(id * 0.5);
    await stillAnswers();
  });
});

describe("names and case", () => {
  test("the question keeps the qname's case (0x20) and answers compress to it", async () => {
    const q = encodeQuery("WwW.ExAmPlE.cOm", "A", { id: 9 });
    const reply = (await udpRaw(s.dnsPort, q)) as Buffer;
    expect(reply.subarray(12, 12 + 17).toString("latin1")).toContain("WwW");
    const decoded = packet.decode(reply) as any;
    expect(decoded.questions[0].name).toBe("WwW.ExAmPlE.cOm");
    expect(decoded.answers.length).toBe(4);
    expect(reply.length).toBeLessThan(200); // names compressed
  });
});

describe("robustness", () => {
  test("random and mutated packets never stop the server", async () => {
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const base = encodeQuery("www.example.com", "A");
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 400; i++) {
      let msg: Buffer;
      if (i % 2 === 0) {
        msg = Buffer.from(base);
        for (let k = 0; k < 1 + (rand() % 6); k++) msg[rand() % msg.length] = rand() & 0xff;
        msg = msg.subarray(0, Math.max(0, msg.length - (rand() % 8)));
      } else {
        msg = Buffer.alloc(rand() % 80);
        for (let k = 0; k < msg.length; k++) msg[k] = rand() & 0xff;
      }
      sends.push(udpRaw(s.dnsPort, msg, 200));
    }
    await Promise.all(sends);
    expect(s.handler.stats.failures).toBe(0);
    await stillAnswers();
    const tcpJunk = await tcpExchange(s.dnsPort, [Buffer.from("garbage that is not dns"), encodeQuery("example.com", "A")], 2, 800);
    expect(tcpJunk.length).toBeLessThanOrEqual(2);
    await stillAnswers();
  });
});

describe("live update", () => {
  test("a record created, changed and deleted through the API is served at once", async () => {
    const rec = await addRecord(s, token, domainId, { name: "live", type: "A", value: "192.0.2.99" });
    const t0 = performance.now();
    const r1 = await udpQuery(s.dnsPort, "live.example.com", "A");
    expect(r1.answers?.map((a: any) => a.data)).toEqual(["192.0.2.99"]);
    expect(performance.now() - t0).toBeLessThan(1000);
    await s.api("PUT", `/api/client/records/${rec.id}`, { value: "192.0.2.100" }, token);
    expect((await udpQuery(s.dnsPort, "live.example.com", "A")).answers?.map((a: any) => a.data)).toEqual(["192.0.2.100"]);
    const soa1 = ((await udpQuery(s.dnsPort, "example.com", "SOA")).answers?.[0] as any).data.serial;
    await s.api("DELETE", `/api/client/records/${rec.id}`, undefined, token);
    expect((await udpQuery(s.dnsPort, "live.example.com", "A")).rcode).toBe("NXDOMAIN");
    const soa2 = ((await udpQuery(s.dnsPort, "example.com", "SOA")).answers?.[0] as any).data.serial;
    expect(soa2).toBeGreaterThan(soa1);
  });

  test("a deleted domain is REFUSED at once", async () => {
    const c = await s.admin("POST", "/api/admin/clients", { name: "tmp", email: "t@t.test", domain_limit: 1 });
    const d = await s.api("POST", "/api/client/domains", { name: "fleeting.example" }, c.body.api_token);
    expect((await udpQuery(s.dnsPort, "fleeting.example", "SOA")).rcode).toBe("NOERROR");
    await s.api("DELETE", `/api/client/domains/${d.body.id}`, undefined, c.body.api_token);
    expect((await udpQuery(s.dnsPort, "fleeting.example", "SOA")).rcode).toBe("REFUSED");
  });
});

describe("IPv4 and IPv6", () => {
  test("several listen addresses share one port", async () => {
    const multi = await startTestServer({ MERIDIAN_DNS_HOST: "127.0.0.1, ::1" });
    await loadFixture(multi);
    const dgram = require("node:dgram");
    const over6 = await new Promise<Buffer>((resolve) => {
      const sock = dgram.createSocket("udp6");
      sock.on("message", (m: Buffer) => {
        sock.close();
        resolve(m);
      });
      sock.send(encodeQuery("example.com", "A", { id: 77 }), multi.dnsPort, "::1");
    });
    expect(over6.readUInt16BE(0)).toBe(77);
    expect((await udpQuery(multi.dnsPort, "example.com", "A")).answers?.length).toBe(1);
    await multi.close();
    removeDir(multi.dir);
  });

  test("the dual-stack address `::` answers on 127.0.0.1 and ::1, over UDP and TCP", async () => {
    const v6 = await startTestServer({ MERIDIAN_DNS_HOST: "::" });
    await loadFixture(v6);
    const dgram = require("node:dgram");
    const q = encodeQuery("example.com", "A", { id: 4242 });
    const over6 = await new Promise<Buffer>((resolve) => {
      const sock = dgram.createSocket("udp6");
      sock.on("message", (m: Buffer) => {
        sock.close();
        resolve(m);
      });
      sock.send(q, v6.dnsPort, "::1");
    });
    expect(over6.readUInt16BE(0)).toBe(4242);
    expect((packet.decode(over6) as any).answers[0].data).toBe("192.0.2.1");
    expect((await udpQuery(v6.dnsPort, "example.com", "A")).answers?.length).toBe(1);
    expect((await tcpQuery(v6.dnsPort, "example.com", "A")).answers?.length).toBe(1);
    await v6.close();
    removeDir(v6.dir);
  });
});
