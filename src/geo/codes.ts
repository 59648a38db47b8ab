// Location codes in `country_codes`: validation and the one canonical form the API stores and returns.
// Continent codes win bare; the four countries whose code is also a continent (NA Namibia, SA Saudi Arabia,
// AS American Samoa, AF Afghanistan) are written `country:XX`. `disabled` (or []) means global.
import { CONTINENTS, COUNTRIES } from "./countries.ts";

export const GLOBAL = "disabled";

const COUNTRY_CODES = new Set(COUNTRIES.map((c) => c.code));

export type CodesResult = { ok: true; codes: string[] } | { ok: false; error: string };

function canonicalCode(raw: string): string | null {
  const s = raw.trim();
  const lower = s.toLowerCase();
  if (lower.startsWith("country:")) {
    const cc = s.slice(8).toUpperCase();
    if (!COUNTRY_CODES.has(cc)) return null;
    return cc in CONTINENTS ? `country:${cc}` : cc;
  }
  if (lower.startsWith("continent:")) {
    const k = s.slice(10).toUpperCase();
    return k in CONTINENTS ? k : null;
  }
  const up = s.toUpperCase();
  if (up in CONTINENTS) return up;
  return COUNTRY_CODES.has(up) ? up : null;
}

/** Validates and canonicalises a record's location codes; the result has no duplicates. */
export function normalizeCodes(input: readonly string[] | undefined): CodesResult {
  if (input === undefined || input.length === 0) return { ok: true, codes: [GLOBAL] };
  const out: string[] = [];
  for (const raw of input) {
    if (raw.trim().toLowerCase() === GLOBAL) {
      if (input.length > 1 && input.some((c) => c.trim().toLowerCase() !== GLOBAL))
        return { ok: false, error: `"disabled" cannot be combined with other location codes` };
      return { ok: true, codes: [GLOBAL] };
    }
    const code = canonicalCode(raw);
    if (code === null) return { ok: false, error: `unknown location code "${raw}"` };
    if (!out.includes(code)) out.push(code);
  }
  return { ok: true, codes: out };
}

/** A key equal for equal location sets, whatever their order: records with equal keys form one variant. */
export function variantKey(codes: readonly string[]): string {
  return [...codes].sort().join(",");
}
