// The answer algorithm over real UDP, table-driven in presentation format: exact matches, CNAME chains,
// wildcards, empty non-terminals, NXDOMAIN/NODATA with the SOA, referrals with glue, ANY.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Answer, rrLines, udpQuery } from "../helpers/dns.ts";
import { loadFixture } from "../helpers/fixture.ts";
import { removeDir, startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
let serial = 0;
beforeAll(async () => {
  s = await startTestServer();
  await loadFixture(s);
  serial = ((await udpQuery(s.dnsPort, "example.com", "SOA")).answers?.[0] as any).data.serial;
});
afterAll(async () => {
  await s.close();
  removeDir(s.dir);
});

const SOA_NEG = () => `example.com. 300 SOA ns1.meridian.test. hostmaster.example.com. ${serial}`;

type Case = { q: [string, string]; rcode: string; aa: boolean; answer?: string[]; authority?: string[] | "SOA"; additional?: string[] };

const cases: Case[] = [
  { q: ["example.com", "A"], rcode: "NOERROR", aa: true, answer: ["example.com. 3600 A 192.0.2.1"] },
  { q: ["example.com", "MX"], rcode: "NOERROR", aa: true, answer: ["example.com. 3600 MX 10 mail.example.com.", "example.com. 3600 MX 20 mail2.example.org."] },
  { q: ["example.com", "NS"], rcode: "NOERROR", aa: true, answer: ["example.com. 3600 NS ns1.meridian.test.", "example.com. 3600 NS ns2.meridian.test."] },
  { q: ["example.com", "CAA"], rcode: "NOERROR", aa: true, answer: ['example.com. 3600 CAA 0 iodef "mailto:security@example.com"', 'example.com. 3600 CAA 0 issue "letsencrypt.org"'] },
  { q: ["www.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["lb.example.com. 3600 A 192.0.2.80", "lb.example.com. 3600 A 192.0.2.81", "web.example.com. 3600 CNAME lb.example.com.", "www.example.com. 3600 CNAME web.example.com."] },
  { q: ["www.example.com", "CNAME"], rcode: "NOERROR", aa: true, answer: ["www.example.com. 3600 CNAME web.example.com."] },
  { q: ["www.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: ["web.example.com. 3600 CNAME lb.example.com.", "www.example.com. 3600 CNAME web.example.com."], authority: "SOA" },
  { q: ["cdn.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["cdn.example.com. 3600 CNAME cdn.example.net."], authority: [] },
  { q: ["dangling.example.com", "A"], rcode: "NXDOMAIN", aa: true, answer: ["dangling.example.com. 3600 CNAME nothere.example.com."], authority: "SOA" },
  { q: ["nodata-target.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: ["nodata-target.example.com. 3600 CNAME mail.example.com."], authority: "SOA" },
  { q: ["to-wild.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["foo.wild.example.com. 3600 A 192.0.2.200", "to-wild.example.com. 3600 CNAME foo.wild.example.com."] },
  { q: ["nothere.example.com", "A"], rcode: "NXDOMAIN", aa: true, answer: [], authority: "SOA" },
  { q: ["mail.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["ent.example.com", "A"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["deep.ent.example.com", "A"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["x.deep.ent.example.com", "A"], rcode: "NXDOMAIN", aa: true, answer: [], authority: "SOA" },
  { q: ["anything.wild.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["anything.wild.example.com. 3600 A 192.0.2.200"] },
  { q: ["a.b.wild.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: ['a.b.wild.example.com. 3600 TXT "wildcard txt"'] },
  { q: ["anything.wild.example.com", "AAAA"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["sub.wild.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["x.sub.wild.example.com", "A"], rcode: "NXDOMAIN", aa: true, answer: [], authority: "SOA" },
  { q: ["ent2.wild.example.com", "A"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["*.wild.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["*.wild.example.com. 3600 A 192.0.2.200"] },
  { q: ["x.cwild.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["lb.example.com. 3600 A 192.0.2.80", "lb.example.com. 3600 A 192.0.2.81", "web.example.com. 3600 CNAME lb.example.com.", "www.example.com. 3600 CNAME web.example.com.", "x.cwild.example.com. 3600 CNAME www.example.com."] },
  { q: ["www.sub.example.com", "A"], rcode: "NOERROR", aa: false, answer: [], authority: ["sub.example.com. 3600 NS ns1.sub.example.com.", "sub.example.com. 3600 NS ns2.sub.example.com."], additional: ["ns1.sub.example.com. 3600 A 192.0.2.60", "ns2.sub.example.com. 3600 A 192.0.2.61", "ns2.sub.example.com. 3600 AAAA 2001:db8::61"] },
  { q: ["sub.example.com", "NS"], rcode: "NOERROR", aa: false, answer: [], authority: ["sub.example.com. 3600 NS ns1.sub.example.com.", "sub.example.com. 3600 NS ns2.sub.example.com."] },
  { q: ["ns1.sub.example.com", "A"], rcode: "NOERROR", aa: false, answer: [] },
  { q: ["sub.example.com", "DS"], rcode: "NOERROR", aa: true, answer: [], authority: "SOA" },
  { q: ["www.ext.example.com", "A"], rcode: "NOERROR", aa: false, answer: [], authority: ["ext.example.com. 3600 NS ns1.example.net."], additional: [] },
  { q: ["to-deleg.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["to-deleg.example.com. 3600 CNAME www.sub.example.com."], authority: ["sub.example.com. 3600 NS ns1.sub.example.com.", "sub.example.com. 3600 NS ns2.sub.example.com."] },
  { q: ["ttl0.example.com", "A"], rcode: "NOERROR", aa: true, answer: ["ttl0.example.com. 0 A 192.0.2.230"] },
  { q: ["_sip._tcp.example.com", "SRV"], rcode: "NOERROR", aa: true, answer: ["_sip._tcp.example.com. 3600 SRV 10 60 5060 sip1.example.com."] },
  { q: ["txt-long.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: [`txt-long.example.com. 3600 TXT ${JSON.stringify("a".repeat(255))} ${JSON.stringify("b".repeat(45))}`] },
  { q: ["txt-empty.example.com", "TXT"], rcode: "NOERROR", aa: true, answer: ['txt-empty.example.com. 3600 TXT ""'] },
];

describe("answers", () => {
  for (const c of cases) {
    test(`${c.q[0]} ${c.q[1]} -> ${c.rcode}`, async () => {
      const r: Answer = await udpQuery(s.dnsPort, c.q[0], c.q[1]);
      expect(r.rcode).toBe(c.rcode);
      expect(r.flag_aa).toBe(c.aa);
      expect((r.flags ?? 0) & 0x80).toBe(0); // RA clear
      if (c.answer) expect(rrLines(r.answers)).toEqual([...c.answer].sort());
      if (c.authority === "SOA") expect(rrLines(r.authorities)).toEqual([SOA_NEG()]);
      else if (c.authority) expect(rrLines(r.authorities)).toEqual([...c.authority].sort());
      if (c.additional) expect(rrLines(r.additionals)).toEqual([...c.additional].sort());
    });
  }

  test("an 8-hop chain is followed to the end", async () => {
    const r = await udpQuery(s.dnsPort, "c1.example.com", "A");
    expect(rrLines(r.answers).filter((l) => l.includes(" CNAME ")).length).toBe(8);
    expect(rrLines(r.answers).filter((l) => l.includes(" A ")).length).toBe(2);
  });

  test("a CNAME loop terminates", async () => {
    const r = await udpQuery(s.dnsPort, "loop1.example.com", "A");
    expect(r.rcode).toBe("NOERROR");
    expect((r.answers ?? []).length).toBeGreaterThan(1);
    expect((r.answers ?? []).every((a) => a.type === "CNAME")).toBe(true);
  });

  test("ANY gets one RRset (RFC 8482)", async () => {
    const r = await udpQuery(s.dnsPort, "example.com", "ANY");
    const types = new Set((r.answers ?? []).map((a) => a.type));
    expect(r.rcode).toBe("NOERROR");
    expect(types.size).toBe(1);
    const c = await udpQuery(s.dnsPort, "www.example.com", "ANY");
    expect(rrLines(c.answers)).toEqual(["www.example.com. 3600 CNAME web.example.com."]);
  });

  test("the SOA carries the configured contact and timers", async () => {
    const r = await udpQuery(s.dnsPort, "example.com", "SOA");
    const soa = (r.answers?.[0] as any).data;
    expect(soa).toMatchObject({ mname: "ns1.meridian.test", rname: "hostmaster.example.com", refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 });
    expect((r.answers?.[0] as any).ttl).toBe(3600);
  });
});
