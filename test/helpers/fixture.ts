// The DNS test zone, created through the real API: apex data, CNAME chains, wildcards, empty non-terminals,
// delegations with and without glue, large RRsets. Mirrors ../shared/oracle/zones/example.com where our
// record types allow.
import { addRecord, clientWithDomain, type TestServer } from "./server.ts";

export const FIXTURE: [string, string, string, number?, number?][] = [
  ["@", "A", "192.0.2.1"],
  ["@", "AAAA", "2001:db8::1"],
  ["@", "MX", "mail.example.com.", 10],
  ["@", "MX", "mail2.example.org.", 20],
  ["@", "TXT", "v=spf1 ip4:192.0.2.0/24 -all"],
  ["@", "CAA", '0 issue "letsencrypt.org"'],
  ["@", "CAA", '0 iodef "mailto:security@example.com"'],
  ["ns1", "A", "192.0.2.53"],
  ["mail", "A", "192.0.2.25"],
  ["mail", "AAAA", "2001:db8::25"],
  ["www", "CNAME", "web.example.com."],
  ["web", "CNAME", "lb.example.com."],
  ["lb", "A", "192.0.2.80"],
  ["lb", "A", "192.0.2.81"],
  ["lb", "AAAA", "2001:db8::80"],
  ...Array.from({ length: 8 }, (_, i): [string, string, string] => [`c${i + 1}`, "CNAME", i === 7 ? "lb.example.com." : `c${i + 2}.example.com.`]),
  ["cdn", "CNAME", "cdn.example.net."],
  ["dangling", "CNAME", "nothere.example.com."],
  ["nodata-target", "CNAME", "mail.example.com."],
  ["loop1", "CNAME", "loop2.example.com."],
  ["loop2", "CNAME", "loop1.example.com."],
  ["to-deleg", "CNAME", "www.sub.example.com."],
  ["to-wild", "CNAME", "foo.wild.example.com."],
  ["txt-long", "TXT", `${"a".repeat(255)}${"b".repeat(45)}`],
  ["txt-empty", "TXT", ""],
  ["_sip._tcp", "SRV", "60 5060 sip1.example.com.", 10],
  ["host.deep.ent", "A", "192.0.2.150"],
  ["*.wild", "A", "192.0.2.200"],
  ["*.wild", "TXT", "wildcard txt"],
  ["sub.wild", "A", "192.0.2.201"],
  ["host.ent2.wild", "A", "192.0.2.202"],
  ["*.cwild", "CNAME", "www.example.com."],
  ["sub", "NS", "ns1.sub.example.com."],
  ["sub", "NS", "ns2.sub.example.com."],
  ["ns1.sub", "A", "192.0.2.60"],
  ["ns2.sub", "A", "192.0.2.61"],
  ["ns2.sub", "AAAA", "2001:db8::61"],
  ["ext", "NS", "ns1.example.net."],
  ["ttl0", "A", "192.0.2.230", undefined, 0],
  ...Array.from({ length: 40 }, (_, i): [string, string, string] => ["big", "A", `192.0.2.${i + 1}`]),
];

export async function loadFixture(s: TestServer, apex = "example.com"): Promise<{ token: string; domainId: string }> {
  const ids = await clientWithDomain(s, apex);
  for (const [name, type, value, priority, ttl] of FIXTURE) {
    const v = value.replaceAll("example.com.", `${apex}.`);
    await addRecord(s, ids.token, ids.domainId, { name, type, value: v, ...(priority !== undefined && { priority }), ...(ttl !== undefined && { ttl }) });
  }
  return ids;
}
