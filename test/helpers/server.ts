// Test harness: a real Meridian on 127.0.0.1 port 0 (DNS UDP+TCP and HTTP) over a temporary SQLite file,
// plus small HTTP helpers. Nothing is mocked.
import { afterAll, beforeAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig } from "../../src/config.ts";
import { type Meridian, startMeridian } from "../../src/server.ts";

export const ADMIN_TOKEN = "test-admin-token";

export type TestServer = Meridian & {
  url: string;
  dir: string;
  config: Config;
  api(method: string, path: string, body?: unknown, token?: string | null, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
};

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "meridian-test-"));
}

export async function startTestServer(env: Record<string, string> = {}, dir = tempDir()): Promise<TestServer> {
  const config = loadConfig({
    MERIDIAN_DNS_HOST: "127.0.0.1",
    MERIDIAN_DNS_PORT: "0",
    MERIDIAN_HTTP_HOST: "127.0.0.1",
    MERIDIAN_HTTP_PORT: "0",
    MERIDIAN_DB: join(dir, "meridian.sqlite"),
    MERIDIAN_ADMIN_TOKEN: ADMIN_TOKEN,
    MERIDIAN_NAMESERVERS: "ns1.meridian.test,ns2.meridian.test",
    ...env,
  });
  const m = await startMeridian(config, { log: () => {} });
  const url = `http://127.0.0.1:${m.httpPort}`;
  const api: TestServer["api"] = async (method, path, body, token, headers = {}) => {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await fetch(url + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (a zone file, a docs page): the text itself is the body
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    ...m,
    url,
    dir,
    config,
    api,
    admin: (method, path, body) => api(method, path, body, ADMIN_TOKEN),
    async close() {
      await m.stop();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Creates a client with a domain; returns the client's token and the domain's id. */
export async function clientWithDomain(s: TestServer, domain: string, limit = 10): Promise<{ token: string; clientId: string; domainId: string }> {
  const c = await s.admin("POST", "/api/admin/clients", { name: `client for ${domain}`, email: `ops@${domain}`, domain_limit: limit });
  if (c.status !== 201) throw new Error(`client create failed: ${JSON.stringify(c.body)}`);
  const d = await s.api("POST", "/api/client/domains", { name: domain }, c.body.api_token);
  if (d.status !== 201) throw new Error(`domain create failed: ${JSON.stringify(d.body)}`);
  return { token: c.body.api_token, clientId: c.body.id, domainId: d.body.id };
}

export async function addRecord(s: TestServer, token: string, domainId: string, rec: Record<string, unknown>): Promise<any> {
  const r = await s.api("POST", "/api/client/records", { domain_id: domainId, ...rec }, token);
  if (r.status !== 201) throw new Error(`record create failed (${r.status}): ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Starts one server for a test file (before all its tests) and stops it after; `ready` receives it. */
export function useTestServer(ready: (s: TestServer) => void | Promise<void>, env: Record<string, string> = {}): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(env);
    await ready(server);
  });
  afterAll(async () => {
    if (!server) return;
    await server.close();
    removeDir(server.dir);
  });
}
