// Benchmark input: writes a zone file of N names for import, a dnsperf query file with a fixed mix (60%
// existing names, 10% NXDOMAIN, 10% NODATA, 10% wildcard, 10% CNAME), and a geo query file for the N/10 names
// that have location variants (US, EU, AS, global). Usage: gen-zone.ts ZONE N OUT_DIR
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [zone = "bench.example.", nText = "10000", out = "."] = process.argv.slice(2);
const n = Number(nText);
const lines = [`$ORIGIN ${zone}`, "$TTL 3600", "@ A 192.0.2.1", "*.wild A 192.0.2.200"];
for (let i = 0; i < n; i++) {
  lines.push(`host${i} A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  if (i % 10 === 0) {
    lines.push(`alias${i} CNAME host${i}`);
    lines.push(`geo${i} A 192.0.2.1 ; geo: US`, `geo${i} A 192.0.2.2 ; geo: EU`, `geo${i} A 192.0.2.3 ; geo: AS`, `geo${i} A 192.0.2.4`);
  }
}
writeFileSync(join(out, "bench.zone"), `${lines.join("\n")}\n`);

let seed = 7;
const rand = (k: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % k;
};
const queries: string[] = [];
for (let i = 0; i < 100000; i++) {
  const kind = rand(10);
  if (kind < 6) queries.push(`host${rand(n)}.${zone} A`);
  else if (kind === 6) queries.push(`missing${rand(n)}.${zone} A`);
  else if (kind === 7) queries.push(`host${rand(n)}.${zone} AAAA`);
  else if (kind === 8) queries.push(`w${rand(n)}.wild.${zone} A`);
  else queries.push(`alias${rand(Math.ceil(n / 10)) * 10}.${zone} A`);
}
writeFileSync(join(out, "queries.txt"), `${queries.join("\n")}\n`);
const geoQueries = Array.from({ length: 100000 }, () => `geo${rand(Math.ceil(n / 10)) * 10}.${zone} A`);
writeFileSync(join(out, "queries-geo.txt"), `${geoQueries.join("\n")}\n`);
