// The GeoDNS choosing order, pure: for a querier in country C (continent K, groups G), among the records of
// one name and type: (1) records whose codes contain C; (2) else records with the smallest group or continent
// containing C (area measured in member countries); (3) else global records; (4) else the records nearest to C
// by great-circle distance between country centroids. An unknown location takes (3), else (4) from the
// configured default country. A name with records for some location therefore always answers.
import { distanceKm, CENTROIDS } from "./centroids.ts";
import { describeCode, GLOBAL } from "./codes.ts";
import { COUNTRIES } from "./countries.ts";

export const RULE = { COUNTRY: 1, AREA: 2, GLOBAL: 3, PROXIMITY: 4 } as const;
export const RULE_NAMES = ["none", "country", "area", "global", "proximity"] as const;

/** Index of a country in COUNTRIES; UNKNOWN is one past the last. */
export const COUNTRY_INDEX: ReadonlyMap<string, number> = new Map(COUNTRIES.map((c, i) => [c.code, i]));
export const UNKNOWN = COUNTRIES.length;

export type Choice = { picks: number[]; rule: number; area: string | null };

type Candidate = { codes: readonly string[] };

function countryOf(code: string): string | null {
  const d = describeCode(code);
  return d.kind === "country" ? (d.members[0] as string) : null;
}

function nearest(from: string, candidates: readonly Candidate[]): number[] {
  const origin = CENTROIDS.get(from) as readonly [number, number];
  const dist = candidates.map((c) => {
    if (c.codes.includes(GLOBAL)) return Number.POSITIVE_INFINITY;
    let best = Number.POSITIVE_INFINITY;
    for (const code of c.codes)
      for (const m of describeCode(code).members) {
        const at = CENTROIDS.get(m);
        if (at) best = Math.min(best, distanceKm(origin, at));
      }
    return best;
  });
  const min = Math.min(...dist);
  return dist.flatMap((d, i) => (d <= min + 1 ? [i] : []));
}

export function choose(location: number, candidates: readonly Candidate[], defaultCountry: string): Choice {
  const global = candidates.flatMap((c, i) => (c.codes.includes(GLOBAL) ? [i] : []));
  if (location >= UNKNOWN) {
    if (global.length > 0) return { picks: global, rule: RULE.GLOBAL, area: null };
    return { picks: nearest(defaultCountry, candidates), rule: RULE.PROXIMITY, area: null };
  }
  const cc = (COUNTRIES[location] as { code: string }).code;
  const exact = candidates.flatMap((c, i) => (c.codes.some((code) => countryOf(code) === cc) ? [i] : []));
  if (exact.length > 0) return { picks: exact, rule: RULE.COUNTRY, area: null };
  let area: string | null = null;
  let size = Number.POSITIVE_INFINITY;
  for (const c of candidates)
    for (const code of c.codes) {
      const d = describeCode(code);
      if (d.kind === "country" || !d.members.includes(cc)) continue;
      if (d.members.length < size || (d.members.length === size && area !== null && code < area)) {
        area = code;
        size = d.members.length;
      }
    }
  if (area !== null) {
    const a = area;
    return { picks: candidates.flatMap((c, i) => (c.codes.includes(a) ? [i] : [])), rule: RULE.AREA, area };
  }
  if (global.length > 0) return { picks: global, rule: RULE.GLOBAL, area: null };
  return { picks: nearest(cc, candidates), rule: RULE.PROXIMITY, area: null };
}
