// Which records a zone serves for each owner and type when several location variants exist. Until GeoDNS
// selection lands, the global variant (`disabled`) is served, else the first variant created.
import { GLOBAL, variantKey } from "../geo/codes.ts";
import type { RecordSpec } from "../records/spec.ts";

export function servedRecords(records: readonly RecordSpec[]): RecordSpec[] {
  const chosen = new Map<string, string>();
  for (const r of records) {
    const slot = `${r.name} ${r.type}`;
    const key = variantKey(r.countryCodes);
    const prev = chosen.get(slot);
    if (prev === undefined || (key === GLOBAL && prev !== GLOBAL)) chosen.set(slot, key);
  }
  const served = records.filter((r) => chosen.get(`${r.name} ${r.type}`) === variantKey(r.countryCodes));
  // RFC 1034 s3.6.2: one variant's CNAME must not be served beside another variant's data at the same owner.
  const others = new Set(served.filter((r) => r.type !== "CNAME").map((r) => r.name));
  return served.filter((r) => r.type !== "CNAME" || !others.has(r.name) || chosen.get(`${r.name} CNAME`) === GLOBAL)
    .filter((r) => r.type === "CNAME" || chosen.get(`${r.name} CNAME`) !== GLOBAL);
}
