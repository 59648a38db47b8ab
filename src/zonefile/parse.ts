// RFC 1035 s5 master files -> record inputs: $ORIGIN (any number, mid-file), $TTL with units, TTL and class
// in either order, `@`, relative and absolute names, blank owners, and per-type rdata. Problems are per-line
// errors; only $INCLUDE (never read from disk) and lexing failures stop the parse. Pure.
import { GLOBAL } from "../geo/codes.ts";
import type { RecordInput } from "../records/spec.ts";
import { canonicalTxt, quoteCharString, readCharString } from "../zone/rdata.ts";
import { lex, type Token } from "./lexer.ts";

export type ParsedRecord = { line: number; input: RecordInput };
export type LineError = { line: number; error: string };
export type ZoneFile = {
  origin: string | null;
  soaOwner: string | null;
  records: ParsedRecord[];
  errors: LineError[];
  fatal: LineError | null;
};

const CLASSES = new Set(["IN", "CH", "CS", "HS"]);
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `3600`, `1d`, `2h30m`, `1W` (BIND units) -> seconds, or null. */
export function parseTtl(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^(\d+[smhdwSMHDW])+$/.test(s)) return null;
  let total = 0;
  for (const m of s.matchAll(/(\d+)([smhdwSMHDW])/g)) total += Number(m[1]) * (UNIT[(m[2] as string).toLowerCase()] as number);
  return total;
}

function absolute(name: string, origin: string | null): string | null {
  if (name.includes("\\")) throw new Error(`escaped characters in names are not supported: ${name}`);
  if (name === "@") return origin;
  if (name.endsWith(".")) return name.toLowerCase();
  // Provider exports without $ORIGIN (Cloudflare's SOA line) write full names without the dot.
  if (origin === null) return `${name}.`.toLowerCase();
  return `${name}.${origin === "." ? "" : origin}`.toLowerCase();
}

function decodeStrings(tokens: Token[]): Uint8Array[] {
  return tokens.map((t) => {
    const cs = readCharString(t.quoted ? `"${t.text}"` : t.text, 0);
    if (!cs) throw new Error(`bad character-string ${t.text}`);
    return cs.text;
  });
}

/** Rdata tokens of one type -> the API's value and priority. */
function toValue(type: string, rd: Token[], origin: string | null): { value: string; priority?: number } {
  const need = (n: number) => {
    if (rd.length !== n) throw new Error(`${type} needs ${n} rdata field${n > 1 ? "s" : ""}, got ${rd.length}`);
  };
  const name = (t: Token | undefined) => {
    const abs = absolute((t as Token).text, origin);
    if (abs === null) throw new Error(`${(t as Token).text} with no $ORIGIN`);
    return abs;
  };
  const u16 = (t: Token | undefined, what: string) => {
    const s = (t as Token).text;
    if (!/^\d+$/.test(s) || Number(s) > 65535) throw new Error(`${what} must be 0..65535, got ${s}`);
    return Number(s);
  };
  switch (type) {
    case "A":
    case "AAAA":
      need(1);
      return { value: (rd[0] as Token).text };
    case "CNAME":
    case "NS":
    case "PTR":
      need(1);
      return { value: name(rd[0]) };
    case "MX":
      need(2);
      return { priority: u16(rd[0], "MX preference"), value: name(rd[1]) };
    case "SRV":
      need(4);
      return { priority: u16(rd[0], "SRV priority"), value: `${u16(rd[1], "SRV weight")} ${u16(rd[2], "SRV port")} ${name(rd[3])}` };
    case "TXT":
      if (rd.length === 0) throw new Error("TXT needs at least one string");
      return { value: canonicalTxt(decodeStrings(rd)) };
    case "CAA": {
      need(3);
      const [v] = decodeStrings([rd[2] as Token]);
      return { value: `${(rd[0] as Token).text} ${(rd[1] as Token).text} ${quoteCharString(v as Uint8Array)}` };
    }
  }
  throw new Error(`unsupported record type ${type}`);
}

/** `; geo: US,CA` after a record (our export's convention) -> its location codes. */
function geoCodes(comment: string): string[] | undefined {
  const m = /^geo:\s*(.+)$/i.exec(comment);
  if (!m) return undefined;
  const codes = (m[1] as string).split(",").map((c) => c.trim()).filter((c) => c !== "");
  return codes.length === 1 && codes[0]?.toLowerCase() === GLOBAL ? undefined : codes;
}

export function parseZoneFile(text: string, initialOrigin: string | null = null): ZoneFile {
  const { entries, errors: lexErrors } = lex(text);
  const out: ZoneFile = { origin: null, soaOwner: null, records: [], errors: [], fatal: null };
  if (lexErrors.length > 0) {
    out.fatal = lexErrors[0] as LineError;
    return out;
  }
  let origin = initialOrigin;
  let defaultTtl: number | null = null;
  let lastOwner: string | null = null;
  let lastTtl: number | null = null;
  for (const e of entries) {
    const tokens = [...e.tokens];
    const head = (tokens[0] as Token).text;
    try {
      if (!(tokens[0] as Token).quoted && head.startsWith("$")) {
        const dir = head.toUpperCase();
        if (dir === "$INCLUDE") {
          out.fatal = { line: e.line, error: "$INCLUDE is not supported: paste the included file's records into this one" };
          return out;
        }
        if (dir === "$ORIGIN") {
          const o = absolute(tokens[1]?.text ?? "", origin);
          if (!o || tokens.length !== 2) throw new Error("$ORIGIN needs one name");
          origin = o;
          if (o !== ".") out.origin ??= o; // pdnsutil writes `$ORIGIN .` and full names
        } else if (dir === "$TTL") {
          const t = parseTtl(tokens[1]?.text ?? "");
          if (t === null) throw new Error(`bad $TTL ${tokens[1]?.text ?? ""}`);
          defaultTtl = t;
        } else throw new Error(`unsupported directive ${head}`);
        continue;
      }
      let owner: string | null;
      if (e.blankOwner) {
        if (lastOwner === null) throw new Error("record with a blank owner before any owner");
        owner = lastOwner;
      } else {
        owner = absolute((tokens.shift() as Token).text, origin);
        if (owner === null) throw new Error(`${head} with no $ORIGIN`);
      }
      lastOwner = owner;
      let ttl: number | null = null;
      let klass: string | null = null;
      for (let k = 0; k < 2 && tokens.length > 0; k++) {
        const t = (tokens[0] as Token).text;
        if (klass === null && CLASSES.has(t.toUpperCase())) klass = t.toUpperCase();
        else if (ttl === null && parseTtl(t) !== null) ttl = parseTtl(t);
        else break;
        tokens.shift();
      }
      const typeTok = tokens.shift();
      if (!typeTok) throw new Error("missing record type");
      const type = typeTok.text.toUpperCase();
      if (klass !== null && klass !== "IN") throw new Error(`class ${klass} is not supported`);
      if (type === "SOA") {
        out.soaOwner ??= owner;
        // RFC 2308 s4: without $TTL the SOA minimum was the default TTL in older files.
        if (defaultTtl === null && tokens.length >= 7) defaultTtl = parseTtl((tokens[6] as Token).text);
        continue;
      }
      const recordTtl: number = ttl ?? defaultTtl ?? lastTtl ?? 3600;
      lastTtl = recordTtl;
      const v = toValue(type, tokens, origin);
      out.records.push({
        line: e.line,
        input: { name: owner, type, value: v.value, ttl: recordTtl, priority: v.priority, country_codes: geoCodes(e.comment) },
      });
    } catch (err) {
      out.errors.push({ line: e.line, error: (err as Error).message });
    }
  }
  return out;
}
