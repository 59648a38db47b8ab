// BIND import and export through the API: the contract's examples, provider dialects, partial success,
// errors, dry runs, replace, geo round trips, and fuzzed files that must never crash or half-import.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rrLines, udpQuery } from "../helpers/dns.ts";
import { type TestServer, useTestServer } from "../helpers/server.ts";

let s: TestServer;
useTestServer((server) => {
  s = server;
});

async function client(limit = 20): Promise<string> {
  return (await s.admin("POST", "/api/admin/clients", { name: "zf", email: "zf@example.test", domain_limit: limit })).body.api_token;
}
const importText = (token: string, text: string, query = "", type = "text/plain") =>
  s.api("POST", `/api/client/import/bind${query}`, text, token, { "content-type": type });
const dialect = (name: string) => readFileSync(join(import.meta.dir, "..", "zonefile", "dialects", name), "utf8");

const SPEC_EXAMPLE = `$ORIGIN example.com.
$TTL 3600

@       IN  A       192.0.2.1
www     IN  A       192.0.2.2
mail    IN  A       192.0.2.3
        IN  MX  10  mail.example.com.
sub     IN  A       192.0.2.4
@       IN  NS      ns1.other.example.
`;

describe("import", () => {
  test("the contract's standard example: 201, domain created, apex NS ignored, served at once", async () => {
    const token = await client();
    const r = await importText(token, SPEC_EXAMPLE);
    expect(r.status).toBe(201);
    expect(r.body.domain.name).toBe("example.com.");
    expect(r.body.records_created).toBe(5);
    expect(r.body.partial_success).toBeUndefined();
    expect(r.body.records.find((x: any) => x.type === "MX")).toMatchObject({ name: "mail.example.com.", priority: 10, value: "mail.example.com.", country_codes: ["disabled"] });
    const dns = await udpQuery(s.dnsPort, "mail.example.com", "MX");
    expect(rrLines(dns.answers)).toEqual(["mail.example.com. 3600 MX 10 mail.example.com."]);
    const ns = await udpQuery(s.dnsPort, "example.com", "NS");
    expect(rrLines(ns.answers)).toEqual(["example.com. 3600 NS ns1.meridian.test.", "example.com. 3600 NS ns2.meridian.test."]);
  });

  test.each([
    ["bunny.zone", "b4y.net.", 6, 0],
    ["cloudflare.zone", "cfexample.com.", 6, 0],
    ["cli53.zone", "r53example.com.", 7, 0],
    ["pdnsutil.zone", "pdnsexample.com.", 6, 0],
    ["named-compilezone.zone", "bindexample.com.", 6, 0],
  ])("provider dialect %s imports into %s", async (file, domain, created, errors) => {
    const token = await client();
    const r = await importText(token, dialect(file), "", "application/octet-stream");
    expect(r.body.domain?.name).toBe(domain);
    expect(r.body.records_created).toBe(created);
    expect(r.body.errors?.length ?? 0).toBe(errors);
    expect(r.status).toBe(201);
    const soa = await udpQuery(s.dnsPort, domain, "SOA");
    expect(soa.rcode).toBe("NOERROR");
  });

  test("per-record problems: 206 with line numbers; the rest is imported", async () => {
    const token = await client();
    const text = "$ORIGIN part.example.\n$TTL 300\nok A 192.0.2.1\nh HINFO \"a\" \"b\"\nout.other.example. A 192.0.2.2\nok A 192.0.2.1\nok CNAME x.example.\nbad A 300.1.1.1\n";
    const r = await importText(token, text);
    expect(r.status).toBe(206);
    expect(r.body.partial_success).toBe(true);
    expect(r.body.records_created).toBe(1);
    expect(r.body.errors.map((e: string) => e.split(":")[0])).toEqual(["line 4", "line 5", "line 6", "line 7", "line 8"]);
    expect(r.body.errors[1]).toContain("does not belong to domain part.example.");
    expect(r.body.errors[2]).toBe("line 6: Failed to create record ok.part.example. A: duplicate record");
  });

  test("not a zone file, or no valid record: 400 with the first error's line", async () => {
    const token = await client();
    const junk = await importText(token, "hello world\nthis is not a zone\n");
    expect(junk.status).toBe(400);
    expect(junk.body.code).toBe("INVALID_ZONE_FILE");
    expect(junk.body.error).toMatch(/^line \d+: /);
    const none = await importText(token, "$ORIGIN none.example.\nx HINFO a b\n");
    expect(none.status).toBe(400);
    expect(none.body.error).toStartWith("line 2:");
    expect((await s.api("GET", "/api/client/domains", undefined, token)).body).toEqual([]);
    const include = await importText(token, "$ORIGIN inc.example.\n$INCLUDE /etc/passwd\n");
    expect(include.status).toBe(400);
  });

  test("another client's domain is 404; quota is 403; wrong content type is 415", async () => {
    const a = await client();
    const b = await client(1);
    expect((await importText(a, "$ORIGIN owned.example.\nwww A 192.0.2.1\n")).status).toBe(201);
    expect((await importText(b, "$ORIGIN owned.example.\nwww A 192.0.2.9\n")).status).toBe(404);
    expect((await importText(b, "$ORIGIN q1.example.\nwww A 192.0.2.9\n")).status).toBe(201);
    const over = await importText(b, "$ORIGIN q2.example.\nwww A 192.0.2.9\n");
    expect(over.status).toBe(403);
    expect(over.body.error).toBe("Domain limit reached");
    expect((await importText(a, "{}", "", "application/json")).status).toBe(415);
  });

  test("dry_run reports and changes nothing; replace makes the records exactly the file's", async () => {
    const token = await client();
    const first = await importText(token, "$ORIGIN rep.example.\nold A 192.0.2.1\nkeep A 192.0.2.2\n");
    const domainId = first.body.domain.id;
    const dry = await importText(token, "$ORIGIN rep.example.\nnew A 192.0.2.3\n", "?dry_run=true&replace=true");
    expect(dry.status).toBe(201);
    expect(dry.body.dry_run).toBe(true);
    expect(dry.body.records_created).toBe(1);
    const before = await s.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(before.body.map((r: any) => r.name).sort()).toEqual(["keep.rep.example.", "old.rep.example."]);
    const rep = await importText(token, "$ORIGIN rep.example.\nkeep A 192.0.2.2\nnew A 192.0.2.3\n", "?replace=true");
    expect(rep.status).toBe(201);
    const after = await s.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(after.body.map((r: any) => r.name).sort()).toEqual(["keep.rep.example.", "new.rep.example."]);
    expect((await udpQuery(s.dnsPort, "old.rep.example", "A")).rcode).toBe("NXDOMAIN");
  });
});

describe("export", () => {
  test("headers, $ORIGIN/$TTL, @ and relative names, TTLs only where they differ, MX/SRV, TXT escaping", async () => {
    const token = await client();
    const text = '$ORIGIN exp.example.\n$TTL 600\n@ A 192.0.2.1\nwww 60 A 192.0.2.2\n@ MX 10 mail\n_s._tcp SRV 1 2 3 t.exp.example.\nq TXT "a \\"quoted\\" \\\\ value"\nm TXT "one" "two"\n';
    const imp = await importText(token, text);
    const r = await fetch(`${s.url}/api/client/domains/${imp.body.domain.id}/export/bind`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toStartWith("text/plain");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="exp.example.zone"');
    const body = await r.text();
    expect(body).toStartWith("; BIND zone file\n; Domain: exp.example.\n");
    expect(body).toContain("$ORIGIN exp.example.\n$TTL 600\n");
    expect(body).toMatch(/^@ +IN {2}A +192\.0\.2\.1$/m);
    expect(body).toMatch(/^www +60 IN {2}A +192\.0\.2\.2$/m);
    expect(body).toMatch(/^@ +IN {2}MX +10 {2}mail\.exp\.example\.$/m);
    expect(body).toMatch(/^_s\._tcp +IN {2}SRV +1 2 3 t\.exp\.example\.$/m);
    expect(body).toContain('"a \\"quoted\\" \\\\ value"');
    expect(body).toContain('"one" "two"');
    expect(body).toMatch(/^@ +3600 IN {2}NS +ns1\.meridian\.test\.$/m);
  });

  test("round trip with geo codes: export -> import elsewhere -> same records -> same file", async () => {
    const a = await client();
    const src = "$ORIGIN rt.example.\n$TTL 300\n@ A 192.0.2.1\nwww A 192.0.2.10 ; geo: US,CA\nwww A 192.0.2.20 ; geo: EU\nwww A 192.0.2.30\n" +
      `long TXT "${"z".repeat(255)}" "${"y".repeat(100)}"\nbin TXT "\\000\\255"\nmx MX 5 .\n_x._tcp SRV 0 0 0 .\n@ CAA 128 tbs "x y"\n`;
    const first = await importText(a, src);
    expect(first.status).toBe(201);
    const exportOf = async (token: string, id: string) => (await s.api("GET", `/api/client/domains/${id}/export/bind`, undefined, token)).body as string;
    const file1 = await exportOf(a, first.body.domain.id);
    expect(file1).toContain("; geo: US,CA");
    const recs1 = (await s.api("GET", `/api/client/domains/${first.body.domain.id}/records`, undefined, a)).body;
    await s.api("DELETE", `/api/client/domains/${first.body.domain.id}`, undefined, a);
    const second = await importText(a, file1);
    expect(second.status).toBe(201);
    const recs2 = (await s.api("GET", `/api/client/domains/${second.body.domain.id}/records`, undefined, a)).body;
    const norm = (rs: any[]) => rs.map((r) => `${r.name} ${r.type} ${r.ttl} ${r.priority} ${r.value} ${r.country_codes.join(",")}`).sort();
    expect(norm(recs2)).toEqual(norm(recs1));
    const file2 = await exportOf(a, second.body.domain.id);
    const stable = (f: string) => f.split("\n").filter((l) => !l.startsWith("; Generated") && !/\sSOA\s/.test(l)).join("\n");
    expect(stable(file2)).toBe(stable(file1));
  });
});

describe("fuzz", () => {
  test("random and mutated zone files never crash, hang or half-import", async () => {
    const token = await client(1000);
    let seed = 99;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const base = `${SPEC_EXAMPLE.replace("example.com.", "fuzz.example.")}txt TXT "a" "b\\"c"\n@ SOA ns1 host ( 1 2 3 4 5 )\n_s._tcp SRV 1 2 3 x.\n`;
    const alphabet = '$@;()"\\ \t\n.0123456789abcdefINATXMCSRV*';
    for (let i = 0; i < 120; i++) {
      let text: string;
      if (i % 3 === 0) text = Array.from({ length: rand() % 400 }, () => alphabet[rand() % alphabet.length]).join("");
      else {
        const chars = base.split("");
        for (let k = 0; k < 1 + (rand() % 8); k++) chars[rand() % chars.length] = alphabet[rand() % alphabet.length] as string;
        text = chars.join("");
      }
      const r = await importText(token, text);
      expect([201, 206, 400, 403, 404, 409]).toContain(r.status);
      if (r.status === 201 || r.status === 206) {
        const listed = await s.api("GET", `/api/client/domains/${r.body.domain.id}/records`, undefined, token);
        expect(listed.body.length).toBeGreaterThanOrEqual(r.body.records_created);
      }
    }
    expect((await udpQuery(s.dnsPort, "example.com", "SOA")).rcode).toBe("NOERROR");
  });
});
