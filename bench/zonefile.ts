// Zone-file import and export through the API: a 100k-record zone file POSTed to /api/client/import/bind and
// exported back, against a real server process. Prints each request's time and the server's peak RSS
// (VmHWM). Usage: bun bench/zonefile.ts [RECORDS=100000]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnMeridian } from "../test/helpers/spawn.ts";

const n = Number(process.argv[2] ?? "100000");
const dir = mkdtempSync(join(tmpdir(), "meridian-bench-zf-"));
const lines = ["$ORIGIN big.example.", "$TTL 3600", "@ IN MX 10 mail"];
for (let i = 0; i < n - 1; i++) {
  const k = i % 4;
  if (k === 0) lines.push(`host${i} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  else if (k === 1) lines.push(`host${i} IN AAAA 2001:db8::${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}`);
  else if (k === 2) lines.push(`txt${i} 300 IN TXT "record ${i} \\"quoted\\" text"`);
  else lines.push(`www${i} IN CNAME host${i - 3}`);
}
const text = `${lines.join("\n")}\n`;

const { proc, url } = await spawnMeridian(join(dir, "db.sqlite"), "bench");
const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
try {
  const client = (await (await fetch(`${url}/api/admin/clients`, { method: "POST", headers: { authorization: "Bearer bench", "content-type": "application/json" }, body: JSON.stringify({ name: "b", email: "b@b.test", domain_limit: 5 }) })).json()) as { api_token: string };
  const auth = { authorization: `Bearer ${client.api_token}` };
  const rssBefore = peakRss();
  const t0 = performance.now();
  const imp = await fetch(`${url}/api/client/import/bind`, { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: text });
  const body = (await imp.json()) as { records_created: number; domain: { id: string }; errors?: string[] };
  if (body.errors) console.log(`skipped ${body.errors.length}, first: ${body.errors.slice(0, 3).join(" / ")}`);
  const importMs = performance.now() - t0;
  const t1 = performance.now();
  const exp = await (await fetch(`${url}/api/client/domains/${body.domain.id}/export/bind`, { headers: auth })).text();
  const exportMs = performance.now() - t1;
  console.log(`zone file: ${n} records, ${(text.length / 1048576).toFixed(1)} MiB`);
  console.log(`import: HTTP ${imp.status}, ${body.records_created} records in ${importMs.toFixed(0)} ms (${((body.records_created / importMs) * 1000).toFixed(0)} records/s)`);
  console.log(`export: ${(exp.length / 1048576).toFixed(1)} MiB in ${exportMs.toFixed(0)} ms`);
  console.log(`server peak RSS: ${rssBefore.toFixed(0)} MiB before, ${peakRss().toFixed(0)} MiB after`);
} finally {
  proc.kill("SIGTERM");
  await proc.exited;
  rmSync(dir, { recursive: true, force: true });
}
