// Turns a zone file into an import plan: which domain it is for ($ORIGIN, else the SOA owner, else the
// longest suffix shared by every owner, preferring a domain the client already has) and the records to try.
// The apex NS records are dropped (the server serves its own); NS below the apex are delegations and stay.
import { badRequest } from "../errors.ts";
import { normalizeDomainName } from "../zone/names.ts";
import { type ParsedRecord, parseZoneFile } from "./parse.ts";

export type ImportPlan = { domain: string; items: ParsedRecord[]; errors: string[]; ignored: number };

function commonSuffix(names: readonly string[]): string {
  let labels = (names[0] as string).split(".").reverse();
  for (const n of names) {
    const other = n.split(".").reverse();
    let k = 0;
    while (k < labels.length && k < other.length && labels[k] === other[k]) k++;
    labels = labels.slice(0, k);
  }
  return labels.reverse().join(".");
}

export function planImport(text: string, ownDomains: readonly string[]): ImportPlan {
  const zf = parseZoneFile(text);
  if (zf.fatal) throw badRequest(`line ${zf.fatal.line}: ${zf.fatal.error}`, "INVALID_ZONE_FILE");
  const errors = zf.errors.map((e) => `line ${e.line}: ${e.error}`);
  if (zf.records.length === 0 && zf.soaOwner === null)
    throw badRequest(errors[0] ?? "not a zone file: no records found", "INVALID_ZONE_FILE");
  const owners = zf.records.map((r) => r.input.name);
  let apex = zf.origin ?? zf.soaOwner;
  if (apex === null) {
    const mine = ownDomains.filter((d) => owners.every((o) => o === d || o.endsWith(`.${d}`))).sort((a, b) => b.length - a.length);
    apex = mine[0] ?? commonSuffix(owners);
  }
  const norm = normalizeDomainName(apex);
  if (!norm.ok) throw badRequest(`cannot tell the zone's domain from the file (${apex || "no common suffix"}): add $ORIGIN`, "INVALID_ZONE_FILE");
  const items = zf.records.filter((r) => !(r.input.type.toUpperCase() === "NS" && r.input.name === norm.name));
  return { domain: norm.name, items, errors, ignored: zf.records.length - items.length };
}
