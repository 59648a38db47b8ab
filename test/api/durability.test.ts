// Durability: a restart on the same SQLite file keeps everything, and a SIGKILL in the middle of a stream of
// writes loses no acknowledged write and leaves an intact database.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { openStore } from "../../src/store/db.ts";
import { udpQuery } from "../helpers/dns.ts";
import { spawnMeridian } from "../helpers/spawn.ts";
import { ADMIN_TOKEN, addRecord, clientWithDomain, removeDir, startTestServer, tempDir } from "../helpers/server.ts";

describe("restart", () => {
  test("clients, domains, records and the serial survive a stop and start", async () => {
    const dir = tempDir();
    const a = await startTestServer({}, dir);
    const { token, domainId } = await clientWithDomain(a, "persist.example");
    await addRecord(a, token, domainId, { name: "www", type: "A", value: "192.0.2.44" });
    const before = (await udpQuery(a.dnsPort, "persist.example", "SOA")).answers?.[0] as any;
    await a.close();
    const b = await startTestServer({}, dir);
    const list = await b.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(list.body.map((r: any) => r.value)).toEqual(["192.0.2.44"]);
    const dns = await udpQuery(b.dnsPort, "www.persist.example", "A");
    expect(dns.answers?.map((r: any) => r.data)).toEqual(["192.0.2.44"]);
    const after = (await udpQuery(b.dnsPort, "persist.example", "SOA")).answers?.[0] as any;
    expect(after.data.serial).toBe(before.data.serial);
    await b.close();
    removeDir(dir);
  });
});

describe("commit durability", () => {
  test("WAL with synchronous=NORMAL; durable() fsyncs the WAL, and callers during an fsync share the next one", async () => {
    const dir = tempDir();
    const store = openStore(join(dir, "m.sqlite"));
    expect(store.sqlite.query("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(store.sqlite.query("PRAGMA synchronous").get()).toEqual({ synchronous: 1 });
    store.sqlite.exec("CREATE TABLE t (x INTEGER)");
    const before = store.syncs();
    const waits: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      store.sqlite.exec(`INSERT INTO t VALUES (${i})`);
      waits.push(store.durable());
    }
    await Promise.all(waits);
    // The first call starts an fsync; the 19 made while it runs share one more, started after it.
    expect(store.syncs() - before).toBe(2);
    await store.durable();
    expect(store.syncs() - before).toBe(3);
    store.close();
    removeDir(dir);
  });

  test("an API write is answered after an fsync; concurrent writes share fsyncs; reads make none", async () => {
    const s = await startTestServer();
    const { token, domainId } = await clientWithDomain(s, "fsync.example");
    const syncs = async () => (await s.admin("GET", "/api/admin/stats")).body.wal_fsyncs as number;
    const a = await syncs();
    await addRecord(s, token, domainId, { name: "one", type: "A", value: "192.0.2.1" });
    const b = await syncs();
    expect(b).toBe(a + 1);
    await s.api("GET", `/api/client/domains/${domainId}/records`, undefined, token);
    expect(await syncs()).toBe(b);
    await Promise.all(Array.from({ length: 16 }, (_, i) => addRecord(s, token, domainId, { name: `c${i}`, type: "A", value: "192.0.2.2" })));
    const c = await syncs();
    expect(c).toBeGreaterThan(b);
    expect(c).toBeLessThanOrEqual(b + 16);
    await s.close();
    removeDir(s.dir);
  });
});

describe("signals", () => {
  test("SIGTERM stops the server cleanly with exit code 0", async () => {
    const dir = tempDir();
    const { proc, url } = await spawnMeridian(join(dir, "sig.sqlite"), ADMIN_TOKEN);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    proc.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    const db = new Database(join(dir, "sig.sqlite"));
    expect((db.query("PRAGMA integrity_check").get() as any).integrity_check).toBe("ok");
    db.close();
    removeDir(dir);
  });
});

describe("first start", () => {
  test("a start that fails to bind generates no admin token; the next start shows one that works", async () => {
    const dir = tempDir();
    const busy = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    await expect(startTestServer({ MERIDIAN_ADMIN_TOKEN: "", MERIDIAN_HTTP_PORT: String(busy.port) }, dir)).rejects.toThrow(/MERIDIAN_HTTP_PORT/);
    busy.stop(true);
    const db = new Database(join(dir, "meridian.sqlite"));
    expect(db.query("SELECT count(*) AS n FROM settings").get()).toEqual({ n: 0 });
    db.close();
    const { loadConfig } = await import("../../src/config.ts");
    const { startMeridian } = await import("../../src/server.ts");
    let shown = "";
    const m = await startMeridian(
      loadConfig({ MERIDIAN_DB: join(dir, "meridian.sqlite"), MERIDIAN_DNS_HOST: "127.0.0.1", MERIDIAN_DNS_PORT: "0", MERIDIAN_HTTP_HOST: "127.0.0.1", MERIDIAN_HTTP_PORT: "0" }),
      { log: () => {}, announceAdminToken: (t) => (shown = t) },
    );
    expect(shown).toStartWith("mrd_admin_");
    const ok = await fetch(`http://127.0.0.1:${m.httpPort}/api/admin/clients`, { headers: { authorization: `Bearer ${shown}` } });
    expect(ok.status).toBe(200);
    await m.stop();
    removeDir(dir);
  });
});

describe("crash", () => {
  test("SIGKILL mid-write: every acknowledged write is present and integrity_check is ok", async () => {
    const dir = tempDir();
    const db = join(dir, "crash.sqlite");
    const { proc, url } = await spawnMeridian(db, ADMIN_TOKEN);
    const post = (path: string, body: unknown, token: string) =>
      fetch(url + path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const client = (await (await post("/api/admin/clients", { name: "crash", email: "c@c.test", domain_limit: 5 }, ADMIN_TOKEN)).json()) as any;
    const domain = (await (await post("/api/client/domains", { name: "crash.example" }, client.api_token)).json()) as any;

    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await post("/api/client/records", { domain_id: domain.id, name: `w${w}-${i}`, type: "A", value: "192.0.2.1" }, client.api_token);
          if (res.status === 201) acknowledged.push(((await res.json()) as any).id);
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 60) await Bun.sleep(5);
    proc.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    await proc.exited;

    const check = new Database(db);
    expect((check.query("PRAGMA integrity_check").get() as any).integrity_check).toBe("ok");
    const ids = new Set((check.query("SELECT id FROM records").all() as { id: string }[]).map((r) => r.id));
    check.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);

    const again = await startTestServer({ MERIDIAN_DB: db }, dir);
    const list = await again.api("GET", `/api/client/domains/${domain.id}/records`, undefined, client.api_token);
    expect(list.body.length).toBe(ids.size);
    await again.close();
    removeDir(dir);
  });
});
