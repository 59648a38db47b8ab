// Records through the API: names, per-type validation, defaults, CNAME rules, duplicates, update, delete.
import { describe, expect, test } from "bun:test";
import { clientWithDomain, type TestServer, useTestServer } from "../helpers/server.ts";

let s: TestServer;
let token: string;
let domainId: string;
useTestServer(async (server) => {
  s = server;
  ({ token, domainId } = await clientWithDomain(s, "rec.example"));
});

const create = (rec: Record<string, unknown>) => s.api("POST", "/api/client/records", { domain_id: domainId, ...rec }, token);

describe("create", () => {
  test("defaults: ttl 3600, country_codes [disabled], priority 0, type uppercased", async () => {
    const r = await create({ name: "defaults", type: "a", value: "192.0.2.1" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: "defaults.rec.example.", type: "A", ttl: 3600, country_codes: ["disabled"], priority: 0, value: "192.0.2.1", domain_id: domainId });
    expect(Object.keys(r.body).sort()).toEqual(["country_codes", "created_at", "domain_id", "id", "name", "priority", "ttl", "type", "updated_at", "value"]);
  });

  test.each([
    ["@", "rec.example."],
    ["", "rec.example."],
    ["rel", "rel.rec.example."],
    ["Deep.Rel", "deep.rel.rec.example."],
    ["fq.rec.example.", "fq.rec.example."],
    ["fq2.rec.example", "fq2.rec.example."],
    ["*.wild", "*.wild.rec.example."],
    ["_sip._tcp", "_sip._tcp.rec.example."],
  ])("owner %p is stored as %p", async (name, fqdn) => {
    const r = await create({ name, type: "TXT", value: `owner test ${name}` });
    expect(r.status).toBe(201);
    expect(r.body.name).toBe(fqdn);
  });

  test.each([["other.example."], ["rec.example.com."], ["a.*.rec.example."], ["bad label"]])("owner %p is refused with 400", async (name) => {
    const r = await create({ name, type: "A", value: "192.0.2.1" });
    expect(r.status).toBe(400);
    expect(typeof r.body.code).toBe("string");
  });

  test.each([
    ["A", "192.0.2.7", undefined, "192.0.2.7", 0],
    ["AAAA", "2001:DB8:0:0:0:0:0:1", undefined, "2001:db8::1", 0],
    ["AAAA", "::ffff:192.0.2.1", undefined, "::ffff:c000:201", 0],
    ["CNAME", "Target.Example.NET", undefined, "target.example.net.", 0],
    ["NS", "ns1.provider.example", undefined, "ns1.provider.example.", 0],
    ["PTR", "host.example.", undefined, "host.example.", 0],
    ["MX", "mail.rec.example", 5, "mail.rec.example.", 5],
    ["MX", ".", 0, ".", 0],
    ["TXT", "v=spf1 -all", undefined, "v=spf1 -all", 0],
    ["SRV", "60 5060 sip.rec.example", 10, "60 5060 sip.rec.example.", 10],
    ["SRV", "20 60 5061 sips.rec.example.", undefined, "60 5061 sips.rec.example.", 20],
    ["CAA", '0 issue "letsencrypt.org"', undefined, '0 issue "letsencrypt.org"', 0],
    ["CAA", "128 IODEF \"mailto:sec@rec.example\"", undefined, '128 iodef "mailto:sec@rec.example"', 0],
  ])("%s %p (priority %p) is stored as %p", async (type, value, priority, stored, prio) => {
    const r = await create({ name: `v-${type.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`, type, value, priority });
    expect(r.status).toBe(201);
    expect(r.body.value).toBe(stored);
    expect(r.body.priority).toBe(prio);
  });

  test.each([
    ["A", "192.0.2"],
    ["A", "192.0.2.256"],
    ["A", "01.2.3.4"],
    ["A", "2001:db8::1"],
    ["AAAA", "192.0.2.1"],
    ["AAAA", "2001:db8::1::2"],
    ["CNAME", "bad host!"],
    ["MX", "-bad.example"],
    ["SRV", "5060 sip.example"],
    ["SRV", "1 70000 sip.example"],
    ["CAA", "0 issue letsencrypt.org extra"],
    ["CAA", "300 issue \"x\""],
    ["TXT", "x".repeat(4001)],
    ["HINFO", "x y"],
  ])("%s %p is refused with 400", async (type, value) => {
    const r = await create({ name: "invalid", type, value });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("INVALID_PARAMETER");
    expect(r.body.error.length).toBeGreaterThan(5);
  });

  test("ttl and priority ranges", async () => {
    expect((await create({ name: "ttl-max", type: "A", value: "192.0.2.1", ttl: 2147483647 })).status).toBe(201);
    expect((await create({ name: "ttl-zero", type: "A", value: "192.0.2.1", ttl: 0 })).status).toBe(201);
    expect((await create({ name: "ttl-neg", type: "A", value: "192.0.2.1", ttl: -1 })).status).toBe(400);
    expect((await create({ name: "ttl-big", type: "A", value: "192.0.2.1", ttl: 2147483648 })).status).toBe(400);
    expect((await create({ name: "mx-prio", type: "MX", value: "mx.example.", priority: 65536 })).status).toBe(400);
    expect((await create({ name: "ttl-frac", type: "A", value: "192.0.2.1", ttl: 1.5 })).status).toBe(400);
  });

  test("country_codes: canonical form, [] means disabled, unknown codes are 400", async () => {
    expect((await create({ name: "geo1", type: "A", value: "192.0.2.1", country_codes: [] })).body.country_codes).toEqual(["disabled"]);
    expect((await create({ name: "geo2", type: "A", value: "192.0.2.1", country_codes: ["us", "EU", "US"] })).body.country_codes).toEqual(["US", "EU"]);
    expect((await create({ name: "geo3", type: "A", value: "192.0.2.1", country_codes: ["NA", "country:NA"] })).body.country_codes).toEqual(["NA", "country:NA"]);
    const bad = await create({ name: "geo4", type: "A", value: "192.0.2.1", country_codes: ["ZZ"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("ZZ");
    expect((await create({ name: "geo5", type: "A", value: "192.0.2.1", country_codes: ["disabled", "US"] })).status).toBe(400);
  });

  test("body fields a client may not set are ignored", async () => {
    const r = await create({ name: "protected", type: "A", value: "192.0.2.1", id: "00000000-0000-0000-0000-000000000000", created_at: "2000-01-01T00:00:00Z" });
    expect(r.status).toBe(201);
    expect(r.body.id).not.toBe("00000000-0000-0000-0000-000000000000");
    expect(r.body.created_at.startsWith("2000")).toBe(false);
  });
});

describe("DNS rules: 409 with a code", () => {
  test("CNAME beside other data, per location variant", async () => {
    expect((await create({ name: "cn", type: "A", value: "192.0.2.1" })).status).toBe(201);
    const clash = await create({ name: "cn", type: "CNAME", value: "elsewhere.example." });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe("CNAME_CONFLICT");
    // A different location variant may carry a CNAME.
    expect((await create({ name: "cn", type: "CNAME", value: "us.example.", country_codes: ["US"] })).status).toBe(201);
    const second = await create({ name: "cn", type: "A", value: "192.0.2.2", country_codes: ["US"] });
    expect(second.status).toBe(409);
    expect((await create({ name: "cn", type: "CNAME", value: "us2.example.", country_codes: ["US"] })).status).toBe(409);
  });

  test("CNAME or NS at the apex", async () => {
    const cname = await create({ name: "@", type: "CNAME", value: "x.example." });
    expect(cname.status).toBe(409);
    expect(cname.body.code).toBe("CNAME_AT_APEX");
    expect((await create({ name: "@", type: "NS", value: "ns.example." })).status).toBe(409);
  });

  test("the exact same record twice", async () => {
    expect((await create({ name: "dup", type: "MX", value: "mx.example.", priority: 10 })).status).toBe(201);
    const dup = await create({ name: "DUP.rec.example.", type: "mx", value: "MX.example", priority: 10 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("DNS_RECORD_ALREADY_EXIST");
    expect((await create({ name: "dup", type: "MX", value: "mx.example.", priority: 20 })).status).toBe(201);
  });
});

describe("update and delete", () => {
  test("PUT changes only the given fields and validates the result", async () => {
    const r = await create({ name: "upd", type: "A", value: "192.0.2.1", ttl: 60 });
    const u = await s.api("PUT", `/api/client/records/${r.body.id}`, { value: "192.0.2.2" }, token);
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ id: r.body.id, value: "192.0.2.2", ttl: 60, type: "A", name: "upd.rec.example." });
    const bad = await s.api("PUT", `/api/client/records/${r.body.id}`, { type: "AAAA" }, token);
    expect(bad.status).toBe(400);
    const list = await s.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(list.body.find((x: any) => x.id === r.body.id).value).toBe("192.0.2.2");
    const changeType = await s.api("PUT", `/api/client/records/${r.body.id}`, { type: "txt", value: "now text" }, token);
    expect(changeType.body).toMatchObject({ type: "TXT", value: "now text" });
  });

  test("PUT never moves a record to another domain or takes ids and timestamps from the body", async () => {
    const other = await clientWithDomain(s, "elsewhere-put.example");
    const r = await create({ name: "stay", type: "A", value: "192.0.2.1" });
    const u = await s.api("PUT", `/api/client/records/${r.body.id}`, { domain_id: other.domainId, id: "00000000-0000-4000-8000-000000000000", created_at: "2000-01-01T00:00:00Z", ttl: 120 }, token);
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ id: r.body.id, domain_id: domainId, ttl: 120, created_at: r.body.created_at });
  });

  test("PUT into a conflict is 409 and changes nothing", async () => {
    await create({ name: "pc", type: "A", value: "192.0.2.1" });
    const other = await create({ name: "pc-other", type: "CNAME", value: "t.example." });
    const u = await s.api("PUT", `/api/client/records/${other.body.id}`, { name: "pc" }, token);
    expect(u.status).toBe(409);
    const list = await s.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(list.body.find((x: any) => x.id === other.body.id).name).toBe("pc-other.rec.example.");
  });

  test("bad ids are 400, unknown ids 404, delete answers the contract's message", async () => {
    expect((await s.api("PUT", "/api/client/records/xyz", { value: "1.2.3.4" }, token)).body).toEqual({ error: "Invalid record ID", code: "INVALID_ID" });
    expect((await s.api("DELETE", "/api/client/records/00000000-0000-4000-8000-000000000000", undefined, token)).status).toBe(404);
    const r = await create({ name: "gone", type: "A", value: "192.0.2.1" });
    const d = await s.api("DELETE", `/api/client/records/${r.body.id}`, undefined, token);
    expect(d.status).toBe(200);
    expect(d.body).toEqual({ message: "Record deleted" });
    const bad = await create({ domain_id: "nope", name: "x", type: "A", value: "192.0.2.1" });
    expect(bad.body).toEqual({ error: "Invalid domain ID", code: "INVALID_ID" });
  });
});

describe("listing beyond the contract", () => {
  test("records filter by name and type, page with limit/offset, and count in X-Total-Count", async () => {
    const { token: t2, domainId: d2 } = await clientWithDomain(s, "list.example");
    for (let i = 0; i < 5; i++) await s.api("POST", "/api/client/records", { domain_id: d2, name: "many", type: "A", value: `192.0.2.${i + 1}` }, t2);
    await s.api("POST", "/api/client/records", { domain_id: d2, name: "many", type: "TXT", value: "x" }, t2);
    await s.api("POST", "/api/client/records", { domain_id: d2, name: "other", type: "A", value: "192.0.2.9" }, t2);
    const all = await s.api("GET", `/api/client/domains/${d2}/records`, undefined, t2);
    expect(all.body.length).toBe(7);
    expect(all.headers.get("x-total-count")).toBe("7");
    const many = await s.api("GET", `/api/client/domains/${d2}/records?name=many&type=a`, undefined, t2);
    expect(many.body.map((r: any) => r.value)).toEqual(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]);
    const page = await s.api("GET", `/api/client/domains/${d2}/records?name=many&type=A&limit=2&offset=2`, undefined, t2);
    expect(page.body.map((r: any) => r.value)).toEqual(["192.0.2.3", "192.0.2.4"]);
    expect(page.headers.get("x-total-count")).toBe("5");
    expect((await s.api("GET", `/api/client/domains/${d2}/records?limit=0`, undefined, t2)).status).toBe(400);
    expect((await s.api("GET", `/api/client/domains/${d2}/records?name=elsewhere.example.`, undefined, t2)).status).toBe(400);
    const domains = await s.api("GET", "/api/client/domains?limit=1", undefined, t2);
    expect(domains.body.length).toBe(1);
    expect(domains.headers.get("x-total-count")).toBe("1");
  });
});
