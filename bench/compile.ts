// Memory and compile time for zones of 10k, 100k and 1M records: RSS per record of the compiled snapshot, the
// full compile, a full recompile through the store (read rows, compile, swap: start-up and bulk changes), and
// the time from one record's commit to the new snapshot being served (sync.changed: a patch). Inputs are
// generated before the timed parts. Usage: bun bench/compile.ts [10000,100000,1000000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordSpec } from "../src/records/spec.ts";
import { openStore } from "../src/store/db.ts";
import { DomainRepo } from "../src/store/domains.ts";
import { RecordRepo } from "../src/store/records.ts";
import { ZoneSync } from "../src/sync/sync.ts";
import { compileZone } from "../src/zone/compile.ts";
import { ZoneRegistry } from "../src/zone/registry.ts";

const soa = { nameservers: ["ns1.bench.example."], contact: "hostmaster", refresh: 7200, retry: 3600, expire: 1209600, minimum: 300, soaTtl: 3600, nsTtl: 3600 };
const apex = "bench.example.";
const sizes = (process.argv[2] ?? "10000,100000,1000000").split(",").map(Number);

function records(n: number): RecordSpec[] {
  const out: RecordSpec[] = [];
  for (let i = 0; i < n; i++) out.push({ name: `host${i}.${apex}`, type: "A", ttl: 3600, countryCodes: ["disabled"], priority: 0, value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
  return out;
}

const mb = (b: number) => (b / 1048576).toFixed(0);
console.log("records   compile ms   RSS MB   bytes/record   full recompile ms   change served after ms (median of 20)");
for (const n of sizes) {
  const recs = records(n);
  Bun.gc(true);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const zone = compileZone({ id: "z", apex, serial: 1, records: recs }, soa);
  const compileMs = performance.now() - t0;
  Bun.gc(true);
  const rss = process.memoryUsage().rss - rss0;

  const dir = mkdtempSync(join(tmpdir(), "meridian-bench-"));
  const store = openStore(join(dir, "b.sqlite"));
  store.sqlite.exec("INSERT INTO clients VALUES ('c','c','c@x','h',10,'t','t')");
  store.sqlite.exec(`INSERT INTO domains VALUES ('d','c','${apex}',1,1,'t','t')`);
  const insert = store.sqlite.prepare("INSERT INTO records VALUES (?, 'd', ?, 'A', 3600, '[\"disabled\"]', 0, ?, 't', 't')");
  store.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`r${i}`, (recs[i] as RecordSpec).name, (recs[i] as RecordSpec).value);
  })();
  const registry = new ZoneRegistry();
  const sync = new ZoneSync(new DomainRepo(store.db, () => {}), new RecordRepo(store.db, () => {}), registry, soa, { defaultCountry: "US" });
  const t1 = performance.now();
  sync.refresh("d");
  const refreshMs = performance.now() - t1;
  const changes: number[] = [];
  for (let i = 0; i < 20; i++) {
    insert.run(`new${i}`, `new${i}.${apex}`, "192.0.2.1");
    store.sqlite.exec("UPDATE domains SET serial = serial + 1 WHERE id = 'd'");
    const t2 = performance.now();
    sync.changed("d", [`new${i}.${apex}`]);
    changes.push(performance.now() - t2);
  }
  changes.sort((a, b) => a - b);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${String(n).padEnd(9)} ${compileMs.toFixed(0).padStart(10)} ${mb(rss).padStart(8)} ${(rss / n).toFixed(0).padStart(14)} ${refreshMs.toFixed(0).padStart(19)} ${(changes[10] as number).toFixed(2).padStart(20)}`,
  );
  if (zone.recordCount !== n) throw new Error("compile lost records");
}
