// Domain names in presentation form: normalise and validate (RFC 1035 s2.3.1, RFC 1123 s2.1, RFC 2181 s11),
// place record names relative to an apex, and encode to uncompressed wire form. Pure: no I/O.
import { domainToASCII } from "node:url";

export const MAX_NAME_WIRE = 255;

/** A name's wire length: one length octet per label, the label bytes, and the root's zero octet. */
function wireLength(fqdn: string): number {
  return fqdn === "." ? 1 : fqdn.length + 1;
}

function isLdh(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/**
 * Checks one label: LDH, neither starting nor ending with a hyphen (RFC 1123 s2.1). Labels that are not
 * zone names may also hold `_` (RFC 2782 service labels, DKIM selectors) and `/` (RFC 2317 classless
 * reverse delegation), both legal in any label (RFC 2181 s11).
 */
function labelError(label: string, hostname: boolean): string | null {
  if (label.length === 0) return "empty label";
  if (label.length > 63) return `label "${label.slice(0, 20)}…" is longer than 63 octets`;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (isLdh(c) || (!hostname && (c === 0x5f || c === 0x2f))) continue;
    return `label "${label}" has a character that is not a letter, digit or hyphen`;
  }
  if (label.startsWith("-") || label.endsWith("-")) return `label "${label}" starts or ends with a hyphen`;
  return null;
}

/** Lowercase, trim, punycode any Unicode (IDNA), add the trailing dot. Returns null when IDNA conversion fails. */
function canonical(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (s === "" || s === ".") return s;
  if (s.endsWith(".")) s = s.slice(0, -1);
  if (/[^\x00-\x7f]/.test(s)) {
    const ascii = domainToASCII(s);
    if (ascii === "") return null;
    s = ascii;
  }
  return `${s}.`;
}

export type NameResult = { ok: true; name: string } | { ok: false; error: string };

function checkLabels(fqdn: string, opts: { hostname: boolean; wildcard: boolean }): string | null {
  if (wireLength(fqdn) > MAX_NAME_WIRE) return "name is longer than 255 octets";
  const labels = fqdn.slice(0, -1).split(".");
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as string;
    if (label === "*" && i === 0 && opts.wildcard) continue; // RFC 4592 s2.1.1: only the leftmost label
    const err = labelError(label, opts.hostname);
    if (err) return err;
  }
  return null;
}

/** A zone name as clients create it: a valid hostname of at least two labels. */
export function normalizeDomainName(input: string): NameResult {
  const fqdn = canonical(input);
  if (fqdn === null || fqdn === "" || fqdn === ".") return { ok: false, error: "domain name is empty or not a valid name" };
  const err = checkLabels(fqdn, { hostname: true, wildcard: false });
  if (err) return { ok: false, error: `invalid domain name: ${err}` };
  if (fqdn.split(".").length < 3) return { ok: false, error: "domain name must have at least two labels" };
  return { ok: true, name: fqdn };
}

export function isInZone(fqdn: string, apex: string): boolean {
  return fqdn === apex || fqdn.endsWith(`.${apex}`);
}

/**
 * A record owner: `@`, a name relative to the apex (`www`), or a name inside the zone, with or without its
 * trailing dot (`www.example.com`). Returns the lowercase FQDN.
 */
export function resolveOwner(input: string, apex: string): NameResult {
  const raw = input.trim();
  if (raw === "" || raw === "@") return { ok: true, name: apex };
  const apexBare = apex.slice(0, -1);
  const lower = raw.toLowerCase();
  let candidate: string | null;
  if (raw.endsWith(".")) candidate = canonical(raw);
  else if (lower === apexBare || lower.endsWith(`.${apexBare}`)) candidate = canonical(raw);
  else candidate = canonical(`${raw}.${apexBare}`);
  if (candidate === null) return { ok: false, error: `invalid name "${raw}"` };
  const err = checkLabels(candidate, { hostname: false, wildcard: true });
  if (err) return { ok: false, error: `invalid name "${raw}": ${err}` };
  if (!isInZone(candidate, apex)) return { ok: false, error: `name ${candidate} does not belong to domain ${apex}` };
  return { ok: true, name: candidate };
}

/** A name inside rdata (CNAME, NS, PTR, MX, SRV target), always taken as fully qualified. `.` is the root. */
export function normalizeTarget(input: string, allowRoot: boolean): NameResult {
  const fqdn = canonical(input);
  if (fqdn === null || fqdn === "") return { ok: false, error: `invalid host name "${input.trim()}"` };
  if (fqdn === ".") return allowRoot ? { ok: true, name: "." } : { ok: false, error: "the root is not a valid target here" };
  const err = checkLabels(fqdn, { hostname: false, wildcard: false });
  if (err) return { ok: false, error: `invalid host name "${input.trim()}": ${err}` };
  return { ok: true, name: fqdn };
}

/** Uncompressed wire form of a validated lowercase FQDN. */
export function nameToWire(fqdn: string): Uint8Array {
  const out = new Uint8Array(wireLength(fqdn));
  if (fqdn === ".") return out;
  let o = 0;
  for (const label of fqdn.slice(0, -1).split(".")) {
    out[o++] = label.length;
    for (let i = 0; i < label.length; i++) out[o++] = label.charCodeAt(i);
  }
  out[o] = 0;
  return out;
}

/** The owner relative to the apex, `@` for the apex itself (for exports and messages). */
export function relativeName(fqdn: string, apex: string): string {
  if (fqdn === apex) return "@";
  return fqdn.endsWith(`.${apex}`) ? fqdn.slice(0, -apex.length - 1) : fqdn;
}
