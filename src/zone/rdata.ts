// Record values per type: validate what a client sends, store one canonical text form, and encode that form to
// rdata wire bytes at compile time. Pure: the API, the zone compiler and zone-file import share it.
import { formatIPv6, parseIPv4, parseIPv6 } from "./ip.ts";
import { nameToWire, normalizeTarget } from "./names.ts";

export const QTYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  CAA: 257,
} as const;

/** Types clients may create. SOA and apex NS are synthesised by the server. */
export const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "SRV", "PTR", "NS", "CAA"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export function isRecordType(t: string): t is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(t);
}

/** Total TXT text per record: large enough for 4096-bit DKIM keys, small enough to fit one TCP message. */
export const MAX_TXT_BYTES = 4000;

export type ValueResult = { ok: true; value: string; priority: number } | { ok: false; error: string };

const fail = (error: string): ValueResult => ({ ok: false, error });

function checkU16(n: number, what: string): string | null {
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? null : `${what} must be an integer from 0 to 65535`;
}

/** Reads one `<character-string>` (RFC 1035 s5.1): quoted with `\"`, `\\`, `\DDD` escapes, or a bare word. */
export function readCharString(s: string, start: number): { text: Uint8Array; end: number } | null {
  const bytes: number[] = [];
  let i = start;
  const quoted = s[i] === '"';
  if (quoted) i++;
  const enc = new TextEncoder();
  for (; i < s.length; i++) {
    const ch = s[i] as string;
    if (quoted && ch === '"') return { text: Uint8Array.from(bytes), end: i + 1 };
    if (!quoted && (ch === " " || ch === "\t")) break;
    if (ch === "\\") {
      const d = s.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(d)) {
        const n = Number(d);
        if (n > 255) return null;
        bytes.push(n);
        i += 3;
      } else if (i + 1 < s.length) {
        bytes.push(...enc.encode(s[i + 1] as string));
        i += 1;
      } else return null;
      continue;
    }
    bytes.push(...enc.encode(ch));
  }
  return quoted ? null : { text: Uint8Array.from(bytes), end: i };
}

/** Presentation form of octets as one quoted character-string; `\DDD` for anything outside printable ASCII. */
export function quoteCharString(bytes: Uint8Array): string {
  let out = '"';
  for (const c of bytes) {
    if (c === 0x22 || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c < 0x20 || c >= 0x7f) out += `\\${String(c).padStart(3, "0")}`;
    else out += String.fromCharCode(c);
  }
  return `${out}"`;
}

/**
 * TXT values are stored in one of two forms. Plain text (the common case: `v=spf1 -all`) goes on the wire in
 * 255-octet pieces. A value starting with `"` is a list of quoted character-strings with escapes
 * (`"a" "b\"c"`), which keeps string boundaries and arbitrary octets from zone files.
 */
export function txtStrings(value: string): Uint8Array[] | null {
  if (!value.startsWith('"')) {
    const text = new TextEncoder().encode(value);
    const out: Uint8Array[] = [];
    for (let i = 0; i < text.length; i += 255) out.push(text.subarray(i, i + 255));
    return out.length > 0 ? out : [new Uint8Array(0)];
  }
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] === " " || value[i] === "\t") {
      i++;
      continue;
    }
    if (value[i] !== '"') return null;
    const cs = readCharString(value, i);
    if (!cs) return null;
    for (let k = 0; k < cs.text.length; k += 255) out.push(cs.text.subarray(k, k + 255));
    if (cs.text.length === 0) out.push(cs.text);
    i = cs.end;
  }
  return out.length > 0 ? out : null;
}

function isPlainText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 || b === 0x7f) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false; // not UTF-8: only the quoted form can hold it
  }
}

/** The stored form for character-strings: plain text when 255-octet chunking of it gives the same wire. */
export function canonicalTxt(strings: readonly Uint8Array[]): string {
  const total = strings.reduce((n, b) => n + b.length, 0);
  const joined = new Uint8Array(total);
  let o = 0;
  for (const b of strings) {
    joined.set(b, o);
    o += b.length;
  }
  const chunked = strings.every((b, i) => (i < strings.length - 1 ? b.length === 255 : b.length > 0 || strings.length === 1));
  if (chunked && isPlainText(joined) && joined[0] !== 0x22) return new TextDecoder().decode(joined);
  return strings.map(quoteCharString).join(" ");
}

function parseCaa(value: string): ValueResult {
  const m = /^\s*(\d{1,3})\s+([A-Za-z0-9]{1,15})\s+(.*?)\s*$/.exec(value);
  if (!m) return fail('CAA value must be `flags tag "value"`, e.g. `0 issue "letsencrypt.org"`');
  const flags = Number(m[1]);
  if (flags > 255) return fail("CAA flags must be from 0 to 255");
  const rest = m[3] as string;
  const cs = readCharString(rest, 0);
  if (!cs || cs.end !== rest.length) return fail("CAA value must be one quoted string");
  return { ok: true, value: `${flags} ${(m[2] as string).toLowerCase()} ${quoteCharString(cs.text)}`, priority: 0 };
}

function parseSrv(value: string, priority: number | undefined): ValueResult {
  const parts = value.trim().split(/\s+/);
  if (parts.length === 4 && priority === undefined) priority = Number(parts.shift());
  if (parts.length !== 3) return fail("SRV value must be `weight port target`, with the priority in `priority`");
  const [w, p, target] = parts as [string, string, string];
  const prio = priority ?? 0;
  const weight = /^\d+$/.test(w) ? Number(w) : Number.NaN;
  const port = /^\d+$/.test(p) ? Number(p) : Number.NaN;
  const err = checkU16(prio, "SRV priority") ?? checkU16(weight, "SRV weight") ?? checkU16(port, "SRV port");
  if (err) return fail(err);
  const t = normalizeTarget(target, true); // RFC 2782: "." means the service is not available
  if (!t.ok) return fail(`SRV target: ${t.error}`);
  return { ok: true, value: `${weight} ${port} ${t.name}`, priority: prio };
}

/** Validates a value of a client-creatable type and returns its canonical text and priority. */
export function parseValue(type: RecordType, value: string, priority: number | undefined): ValueResult {
  switch (type) {
    case "A": {
      const b = parseIPv4(value.trim());
      return b ? { ok: true, value: Array.from(b).join("."), priority: 0 } : fail(`"${value}" is not a dotted-quad IPv4 address`);
    }
    case "AAAA": {
      const b = parseIPv6(value);
      return b ? { ok: true, value: formatIPv6(b), priority: 0 } : fail(`"${value}" is not an IPv6 address`);
    }
    case "CNAME":
    case "NS":
    case "PTR": {
      const t = normalizeTarget(value, false);
      return t.ok ? { ok: true, value: t.name, priority: 0 } : fail(t.error);
    }
    case "MX": {
      const prio = priority ?? 10;
      const err = checkU16(prio, "MX priority");
      if (err) return fail(err);
      const t = normalizeTarget(value, true); // RFC 7505 null MX is "."
      return t.ok ? { ok: true, value: t.name, priority: prio } : fail(t.error);
    }
    case "TXT": {
      const strings = txtStrings(value);
      if (strings === null) return fail('TXT value starting with a quote must be one or more quoted strings: "a" "b"');
      const size = strings.reduce((n, b) => n + b.length, 0);
      if (size > MAX_TXT_BYTES) return fail(`TXT value is ${size} bytes; the limit is ${MAX_TXT_BYTES}`);
      return { ok: true, value: canonicalTxt(strings), priority: 0 };
    }
    case "SRV":
      return parseSrv(value, priority);
    case "CAA":
      return parseCaa(value);
  }
}

/**
 * Rdata wire bytes for a canonical value. `nameAt` is the offset of a name that RFC 3597 s4 lets a server
 * compress (NS, CNAME, PTR, MX), or -1; SRV and CAA names are never compressed (RFC 2782).
 */
export function encodeRdata(type: RecordType, value: string, priority: number): { rdata: Uint8Array; nameAt: number } {
  switch (type) {
    case "A":
      return { rdata: parseIPv4(value) as Uint8Array, nameAt: -1 };
    case "AAAA":
      return { rdata: parseIPv6(value) as Uint8Array, nameAt: -1 };
    case "CNAME":
    case "NS":
    case "PTR":
      return { rdata: nameToWire(value), nameAt: 0 };
    case "MX": {
      const name = nameToWire(value);
      const out = new Uint8Array(2 + name.length);
      out[0] = priority >> 8;
      out[1] = priority & 0xff;
      out.set(name, 2);
      return { rdata: out, nameAt: 2 };
    }
    case "TXT": {
      // RFC 1035 s3.3.14: one or more <character-string>s of at most 255 octets each.
      const strings = txtStrings(value) as Uint8Array[];
      const out = new Uint8Array(strings.reduce((n, b) => n + b.length + 1, 0));
      let o = 0;
      for (const b of strings) {
        out[o++] = b.length;
        out.set(b, o);
        o += b.length;
      }
      return { rdata: out, nameAt: -1 };
    }
    case "SRV": {
      const [w, p, target] = value.split(" ") as [string, string, string];
      const name = nameToWire(target);
      const out = new Uint8Array(6 + name.length);
      const dv = new DataView(out.buffer);
      dv.setUint16(0, priority);
      dv.setUint16(2, Number(w));
      dv.setUint16(4, Number(p));
      out.set(name, 6);
      return { rdata: out, nameAt: -1 };
    }
    case "CAA": {
      const sp1 = value.indexOf(" ");
      const sp2 = value.indexOf(" ", sp1 + 1);
      const tag = value.slice(sp1 + 1, sp2);
      const cs = readCharString(value, sp2 + 1) as { text: Uint8Array };
      const out = new Uint8Array(2 + tag.length + cs.text.length);
      out[0] = Number(value.slice(0, sp1));
      out[1] = tag.length;
      for (let i = 0; i < tag.length; i++) out[2 + i] = tag.charCodeAt(i);
      out.set(cs.text, 2 + tag.length);
      return { rdata: out, nameAt: -1 };
    }
  }
}
