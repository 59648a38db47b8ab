// Admin client API, the error contract (400/401/404/405/413/415/500 shapes), OpenAPI and health.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { clientWithDomain, removeDir, startTestServer, type TestServer, useTestServer } from "../helpers/server.ts";

let s: TestServer;
useTestServer((server) => {
  s = server;
});

describe("admin clients", () => {
  test("full lifecycle; tokens never shown after creation", async () => {
    expect((await s.api("GET", "/api/admin/clients")).status).toBe(401);
    expect((await s.api("GET", "/api/admin/clients", undefined, "wrong")).body.code).toBe("INVALID_APIKEY");
    const created = await s.admin("POST", "/api/admin/clients", { name: "Acme", email: "ops@acme.test", domain_limit: 3 });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["api_token", "created_at", "domain_limit", "email", "id", "name", "updated_at"]);
    const id = created.body.id;
    const got = await s.admin("GET", `/api/admin/clients/${id}`);
    expect(got.body).toMatchObject({ id, name: "Acme", email: "ops@acme.test", domain_limit: 3 });
    expect(got.body.api_token).toBeUndefined();
    const list = await s.admin("GET", "/api/admin/clients");
    expect(list.body.some((c: any) => c.id === id && c.api_token === undefined)).toBe(true);
    const upd = await s.admin("PUT", `/api/admin/clients/${id}`, { domain_limit: 7 });
    expect(upd.body).toMatchObject({ name: "Acme", domain_limit: 7 });
    const rot = await s.admin("POST", `/api/admin/clients/${id}/rotate-api-key`);
    expect(rot.status).toBe(200);
    expect((await s.api("GET", "/api/client/domains", undefined, created.body.api_token)).status).toBe(401);
    expect((await s.api("GET", "/api/client/domains", undefined, rot.body.api_token)).status).toBe(200);
    expect((await s.admin("DELETE", `/api/admin/clients/${id}`)).body).toEqual({ message: "Client deleted" });
    expect((await s.admin("GET", `/api/admin/clients/${id}`)).status).toBe(404);
    expect((await s.admin("GET", "/api/admin/clients/nope")).body).toEqual({ error: "Invalid client ID", code: "INVALID_ID" });
  });

  test("invalid bodies are 400 INVALID_PARAMETER", async () => {
    const r = await s.admin("POST", "/api/admin/clients", { name: "x", email: "x@y.z", domain_limit: -1 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("INVALID_PARAMETER");
  });

  test("deleting a client deletes its domains, and DNS stops serving them", async () => {
    const { clientId, domainId } = await clientWithDomain(s, "gone-with-client.example");
    expect(s.registry.byDomainId(domainId)).toBeDefined();
    await s.admin("DELETE", `/api/admin/clients/${clientId}`);
    expect(s.registry.byDomainId(domainId)).toBeUndefined();
  });
});

describe("admin stats", () => {
  test("DNS counters move with queries and need the admin token", async () => {
    const { udpQuery } = await import("../helpers/dns.ts");
    expect((await s.api("GET", "/api/admin/stats")).status).toBe(401);
    const before = (await s.admin("GET", "/api/admin/stats")).body;
    await udpQuery(s.dnsPort, "not-served.example", "A");
    const after = (await s.admin("GET", "/api/admin/stats")).body;
    expect(after.queries).toBe(before.queries + 1);
    expect(after.rcodes.REFUSED).toBe((before.rcodes.REFUSED ?? 0) + 1);
    expect(after.zones).toBeGreaterThanOrEqual(0);
    expect(after.failures).toBe(0);
  });
});

describe("error contract", () => {
  test("malformed JSON is 400", async () => {
    const { token } = await clientWithDomain(s, "err1.example");
    const r = await s.api("POST", "/api/client/domains", "{not json", token);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("INVALID_JSON");
  });

  test("a JSON endpoint sent another content type is 415", async () => {
    const { token } = await clientWithDomain(s, "err2.example");
    const r = await s.api("POST", "/api/client/domains", "name=x.example", token, { "content-type": "application/x-www-form-urlencoded" });
    expect(r.status).toBe(415);
    expect(r.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  test("a body over 1 MiB is 413", async () => {
    const { token } = await clientWithDomain(s, "err3.example");
    const r = await s.api("POST", "/api/client/domains", JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }), token);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("unknown route is 404 JSON, wrong method 405 JSON", async () => {
    const r = await s.api("GET", "/api/nothing/here");
    expect(r.status).toBe(404);
    expect(r.body.code).toBe("NOT_FOUND");
    const m = await s.api("PATCH", "/api/client/domains");
    expect(m.status).toBe(405);
    expect(m.body.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("docs and health", () => {
  test("OpenAPI document lists every client path", async () => {
    const r = await s.api("GET", "/api/openapi.json");
    expect(r.status).toBe(200);
    const paths = Object.keys(r.body.paths);
    for (const p of ["/api/client/domains", "/api/client/domains/{id}", "/api/client/domains/{id}/records", "/api/client/records", "/api/client/records/{id}", "/api/client/rotate-api-key"])
      expect(paths).toContain(p);
    const docs = await fetch(`${s.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
  });

  test("health is 200 ok with no token", async () => {
    const r = await s.api("GET", "/health");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok" });
  });
});

describe("unexpected faults", () => {
  test("a store failure is a 500 with a generic message and a request id, and no stack trace", async () => {
    const broken = await startTestServer();
    const { token, domainId } = await clientWithDomain(broken, "fault.example");
    const db = new Database(broken.config.db);
    db.exec("DROP TABLE records");
    db.close();
    const r = await broken.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(r.status).toBe(500);
    expect(r.body.code).toBe("INTERNAL_ERROR");
    expect(r.body.error).toMatch(/^Internal server error \(request id [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(r.body)).not.toContain("records");
    await broken.close();
    removeDir(broken.dir);
  });
});
