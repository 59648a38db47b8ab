// The Client API of the contract over real HTTP: every endpoint and status code, both auth header forms,
// quota, isolation between clients, rotation.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { clientWithDomain, type TestServer, useTestServer } from "../helpers/server.ts";

let s: TestServer;
useTestServer((server) => {
  s = server;
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

async function newClient(limit = 5): Promise<string> {
  const c = await s.admin("POST", "/api/admin/clients", { name: "c", email: "c@example.test", domain_limit: limit });
  expect(c.status).toBe(201);
  return c.body.api_token;
}

describe("authentication", () => {
  test("missing token is 401 AUTH_REQUIRED, wrong token 401 INVALID_APIKEY, both JSON", async () => {
    const none = await s.api("GET", "/api/client/domains");
    expect(none.status).toBe(401);
    expect(none.body.code).toBe("AUTH_REQUIRED");
    expect(typeof none.body.error).toBe("string");
    const wrong = await s.api("GET", "/api/client/domains", undefined, "nope");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: "Invalid API token", code: "INVALID_APIKEY" });
  });

  test("Bearer and bare token forms both work", async () => {
    const token = await newClient();
    const bearer = await s.api("GET", "/api/client/domains", undefined, null, { authorization: `Bearer ${token}` });
    const bare = await s.api("GET", "/api/client/domains", undefined, null, { authorization: token });
    expect(bearer.status).toBe(200);
    expect(bare.status).toBe(200);
    expect(bare.body).toEqual([]);
  });
});

describe("domains", () => {
  test("create normalises the name and returns the contract's shape", async () => {
    const token = await newClient();
    const r = await s.api("POST", "/api/client/domains", { name: "  Shop.Example.ORG  " }, token);
    expect(r.status).toBe(201);
    expect(r.body.name).toBe("shop.example.org.");
    expect(r.body.active).toBe(true);
    expect(r.body.id).toMatch(UUID_RE);
    expect(r.body.client_id).toMatch(UUID_RE);
    expect(r.body.created_at).toMatch(RFC3339);
    expect(Object.keys(r.body).sort()).toEqual(["active", "client_id", "created_at", "id", "name", "updated_at"]);
    const list = await s.api("GET", "/api/client/domains", undefined, token);
    expect(list.body.map((d: any) => d.name)).toEqual(["shop.example.org."]);
  });

  test("IDNA input is stored as punycode; invalid names are 400", async () => {
    const token = await newClient();
    const idn = await s.api("POST", "/api/client/domains", { name: "bücher.example" }, token);
    expect(idn.status).toBe(201);
    expect(idn.body.name).toBe("xn--bcher-kva.example.");
    for (const bad of ["", "com", "-bad.example", "bad_.example", "a..example", `${"a".repeat(64)}.example`, "sp ace.example"]) {
      const r = await s.api("POST", "/api/client/domains", { name: bad }, token);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe("INVALID_FQDN");
    }
    const missing = await s.api("POST", "/api/client/domains", {}, token);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("INVALID_PARAMETER");
  });

  test("names are unique across clients, case-insensitively: 409", async () => {
    const a = await newClient();
    const b = await newClient();
    expect((await s.api("POST", "/api/client/domains", { name: "unique.example" }, a)).status).toBe(201);
    const dup = await s.api("POST", "/api/client/domains", { name: "UNIQUE.example." }, b);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("ZONE_ALREADY_IN_USE");
    const nested = await s.api("POST", "/api/client/domains", { name: "sub.unique.example" }, b);
    expect(nested.status).toBe(409);
  });

  test("quota: 403 Domain limit reached", async () => {
    const token = await newClient(1);
    expect((await s.api("POST", "/api/client/domains", { name: "q1.example" }, token)).status).toBe(201);
    const over = await s.api("POST", "/api/client/domains", { name: "q2.example" }, token);
    expect(over.status).toBe(403);
    expect(over.body).toEqual({ error: "Domain limit reached", code: "FEATURE_LIMIT_REACHED" });
  });

  test("delete: 200 message, 404 for another client's domain, 400 for a bad id", async () => {
    const owner = await newClient();
    const other = await newClient();
    const d = await s.api("POST", "/api/client/domains", { name: "del.example" }, owner);
    const foreign = await s.api("DELETE", `/api/client/domains/${d.body.id}`, undefined, other);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ error: "Domain not found", code: "NOT_FOUND" });
    const bad = await s.api("DELETE", "/api/client/domains/not-a-uuid", undefined, owner);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "Invalid domain ID", code: "INVALID_ID" });
    const ok = await s.api("DELETE", `/api/client/domains/${d.body.id}`, undefined, owner);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ message: "Domain deleted" });
    expect((await s.api("DELETE", `/api/client/domains/${d.body.id}`, undefined, owner)).status).toBe(404);
  });

  test("deleting a domain deletes its records", async () => {
    const { token, domainId } = await clientWithDomain(s, "cascade.example");
    await s.api("POST", "/api/client/records", { domain_id: domainId, name: "www", type: "A", value: "192.0.2.1" }, token);
    expect((await s.api("DELETE", `/api/client/domains/${domainId}`, undefined, token)).status).toBe(200);
    const db = new Database(s.config.db, { readonly: true });
    expect((db.query("SELECT count(*) AS n FROM records WHERE domain_id = ?").get(domainId) as { n: number }).n).toBe(0);
    db.close();
  });
});

describe("isolation", () => {
  test("every route with an id answers 404 for another client's objects", async () => {
    const a = await clientWithDomain(s, "iso-a.example");
    const b = await clientWithDomain(s, "iso-b.example");
    const rec = await s.api("POST", "/api/client/records", { domain_id: a.domainId, name: "www", type: "A", value: "192.0.2.1" }, a.token);
    expect(rec.status).toBe(201);
    const attempts = [
      s.api("GET", `/api/client/domains/${a.domainId}/records`, undefined, b.token),
      s.api("DELETE", `/api/client/domains/${a.domainId}`, undefined, b.token),
      s.api("POST", "/api/client/records", { domain_id: a.domainId, name: "x", type: "A", value: "192.0.2.2" }, b.token),
      s.api("PUT", `/api/client/records/${rec.body.id}`, { value: "192.0.2.9" }, b.token),
      s.api("DELETE", `/api/client/records/${rec.body.id}`, undefined, b.token),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe("NOT_FOUND");
    }
    const still = await s.api("GET", `/api/client/domains/${a.domainId}/records`, undefined, a.token);
    expect(still.body.map((r: any) => r.value)).toEqual(["192.0.2.1"]);
  });
});

describe("rotate-api-key", () => {
  test("returns a new token; the old one is invalid at once", async () => {
    const old = await newClient();
    const r = await s.api("POST", "/api/client/rotate-api-key", undefined, old);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["api_token", "created_at", "domain_limit", "email", "id", "name", "updated_at"]);
    expect(r.body.api_token).not.toBe(old);
    expect((await s.api("GET", "/api/client/domains", undefined, old)).status).toBe(401);
    expect((await s.api("GET", "/api/client/domains", undefined, r.body.api_token)).status).toBe(200);
  });
});
