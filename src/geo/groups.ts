// Named groups of countries (regions) usable in `country_codes`, and the operator's extension file.
// Built-in table, documented in the README; MERIDIAN_GEO_GROUPS may add or replace groups from a JSON file
// of the form {"NAME": ["US", "CA", ...]}. Group names are 3+ characters so they never shadow a country code.
import { readFileSync } from "node:fs";
import { COUNTRIES } from "./countries.ts";

const ME = "AE BH CY IL IQ IR JO KW LB OM PS QA SA SY TR YE GE AM AZ";
const byContinent = (...ks: string[]) => COUNTRIES.filter((c) => ks.includes(c.continent)).map((c) => c.code);
const minus = (a: string[], b: string) => a.filter((c) => !b.split(" ").includes(c));
const split = (s: string) => s.split(" ");

export const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  EU27: split("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"),
  EEA: split("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO"),
  DACH: split("DE AT CH"),
  BENELUX: split("BE NL LU"),
  NORDICS: split("DK FI IS NO SE FO AX GL"),
  UKI: split("GB IE IM JE GG"),
  GCC: split("AE BH KW OM QA SA"),
  MENA: split("AE BH DZ EG IQ IR IL JO KW LB LY MA OM PS QA SA SY TN YE"),
  EMEA: [...new Set([...byContinent("EU", "AF"), ...split(ME)])],
  APAC: minus(byContinent("AS", "OC"), ME),
  ASEAN: split("BN KH ID LA MY MM PH SG TH VN"),
  ANZ: split("AU NZ"),
  NORAM: split("US CA PM BM"),
  LATAM: [
    ...byContinent("SA"),
    ...split("MX BZ CR SV GT HN NI PA AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI"),
  ],
};

const NAME = /^[A-Z][A-Z0-9_-]{2,31}$/;

/** Reads an operator's group file; every member must be a known country code. Throws with the reason. */
export function loadGroupFile(path: string): Record<string, string[]> {
  const known = new Set(COUNTRIES.map((c) => c.code));
  const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${path}: expected {"NAME": ["US", ...]}`);
  const out: Record<string, string[]> = {};
  for (const [rawName, members] of Object.entries(parsed)) {
    const name = rawName.toUpperCase();
    if (!NAME.test(name)) throw new Error(`${path}: group name "${rawName}" must be 3-32 letters, digits, _ or -`);
    if (!Array.isArray(members) || members.length === 0) throw new Error(`${path}: group ${name} needs a list of country codes`);
    out[name] = members.map((m) => {
      const cc = String(m).toUpperCase();
      if (!known.has(cc)) throw new Error(`${path}: group ${name} has unknown country code "${m}"`);
      return cc;
    });
  }
  return out;
}
