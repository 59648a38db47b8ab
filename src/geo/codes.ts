// Location codes in `country_codes`: validation and the one canonical form the API stores and returns, and
// the catalog that maps every code to its member countries. Continent codes win bare; the four countries whose
// code is also a continent (NA Namibia, SA Saudi Arabia, AS American Samoa, AF Afghanistan) are written
// `country:XX`. Groups are named regions (groups.ts). `disabled` (or []) means global.
import { CONTINENTS, COUNTRIES } from "./countries.ts";
import { BUILTIN_GROUPS } from "./groups.ts";

export const GLOBAL = "disabled";

const COUNTRY_CODES = new Set(COUNTRIES.map((c) => c.code));
let groups: Readonly<Record<string, readonly string[]>> = BUILTIN_GROUPS;

/** Adds (or replaces) operator groups; called once at start from the configured group file. */
export function setGroups(extra: Readonly<Record<string, readonly string[]>>): void {
  groups = { ...BUILTIN_GROUPS, ...extra };
}

export function groupTable(): Readonly<Record<string, readonly string[]>> {
  return groups;
}

export type CodesResult = { ok: true; codes: string[] } | { ok: false; error: string };

function canonicalCode(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (s.startsWith("COUNTRY:")) {
    const cc = s.slice(8);
    if (!COUNTRY_CODES.has(cc)) return null;
    return cc in CONTINENTS ? `country:${cc}` : cc;
  }
  if (s.startsWith("CONTINENT:")) return s.slice(10) in CONTINENTS ? s.slice(10) : null;
  if (s.startsWith("GROUP:")) return s.slice(6) in groups ? s.slice(6) : null;
  if (s in CONTINENTS) return s;
  if (COUNTRY_CODES.has(s)) return s;
  return s in groups ? s : null;
}

/** Validates and canonicalises a record's location codes; the result has no duplicates. */
export function normalizeCodes(input: readonly string[] | undefined): CodesResult {
  if (input === undefined || input.length === 0) return { ok: true, codes: [GLOBAL] };
  const out: string[] = [];
  for (const raw of input) {
    if (raw.trim().toLowerCase() === GLOBAL) {
      if (input.some((c) => c.trim().toLowerCase() !== GLOBAL)) return { ok: false, error: `"disabled" cannot be combined with other location codes` };
      return { ok: true, codes: [GLOBAL] };
    }
    const code = canonicalCode(raw);
    if (code === null) return { ok: false, error: `unknown location code "${raw}" (see GET /api/client/geo/codes)` };
    if (!out.includes(code)) out.push(code);
  }
  return { ok: true, codes: out };
}

/** A key equal for equal location sets, whatever their order: records with equal keys form one variant. */
export function variantKey(codes: readonly string[]): string {
  return [...codes].sort().join(",");
}

export type CodeKind = "country" | "continent" | "group";

/** What a canonical code is, and the countries it covers. */
export function describeCode(code: string): { kind: CodeKind; members: readonly string[] } {
  if (code.startsWith("country:")) return { kind: "country", members: [code.slice(8)] };
  if (code in CONTINENTS) return { kind: "continent", members: COUNTRIES.filter((c) => c.continent === code).map((c) => c.code) };
  if (COUNTRY_CODES.has(code)) return { kind: "country", members: [code] };
  return { kind: "group", members: groups[code] ?? [] };
}

/** Every valid code with its name, for GET /api/client/geo/codes. */
export function listCodes(): { code: string; kind: CodeKind; name: string; countries?: readonly string[] }[] {
  const out: { code: string; kind: CodeKind; name: string; countries?: readonly string[] }[] = [{ code: GLOBAL, kind: "group", name: "Global: every querier" }];
  for (const [code, name] of Object.entries(CONTINENTS)) out.push({ code, kind: "continent", name });
  for (const [code, members] of Object.entries(groups)) out.push({ code, kind: "group", name: `Group ${code}`, countries: members });
  for (const c of COUNTRIES) out.push({ code: c.code in CONTINENTS ? `country:${c.code}` : c.code, kind: "country", name: c.name });
  return out;
}
