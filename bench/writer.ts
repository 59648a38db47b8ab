// API write load for bench/dnsperf.sh: while dnsperf measures DNS latency, this creates and deletes records
// through the API at a fixed rate in a 2000-record zone of its own (large enough that every change is a patch,
// as in a provider's bigger zones). Prints the writes done, their rate and the API's p50/p99 latency.
// Usage: bun bench/writer.ts URL ADMIN_TOKEN WRITES_PER_SECOND SECONDS LABEL (LABEL names the zone: one per run)
export {}; // a module, for top-level await

const [url, admin, rateText = "50", secsText = "10", label = "run"] = process.argv.slice(2);
if (!url || !admin) throw new Error("usage: writer.ts URL ADMIN_TOKEN WRITES_PER_SECOND SECONDS LABEL");
const rate = Number(rateText);
const secs = Number(secsText);

const call = async (method: string, path: string, token: string, body?: string, type = "application/json") => {
  const res = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, "content-type": type }, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
};

const client = await call("POST", "/api/admin/clients", admin, JSON.stringify({ name: `writer ${label}`, email: `writer-${label}@bench.test`, domain_limit: 1 }));
const lines = [`$ORIGIN ${label}.bench-writer.example.`, "$TTL 300"];
for (let i = 0; i < 2000; i++) lines.push(`w${i} A 10.9.${i >> 8}.${i & 255}`);
const imported = await call("POST", "/api/client/import/bind", client.api_token, `${lines.join("\n")}\n`, "text/plain");
const domainId: string = imported.domain.id;

const latencies: number[] = [];
const timed = async <T>(f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  latencies.push(performance.now() - t0);
  return r;
};
const start = performance.now();
let done = 0;
for (let i = 0; performance.now() - start < secs * 1000; i++) {
  const due = start + (done * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await Bun.sleep(wait);
  const rec = await timed(() => call("POST", "/api/client/records", client.api_token, JSON.stringify({ domain_id: domainId, name: `new${i}`, type: "A", value: "192.0.2.9" })));
  await timed(() => call("DELETE", `/api/client/records/${rec.id}`, client.api_token));
  done += 2;
}
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const at = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] as number).toFixed(2);
console.log(`writes: ${done} in ${elapsed.toFixed(1)} s (${(done / elapsed).toFixed(0)}/s), API latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
