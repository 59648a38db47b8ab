// Reads a query message into a reused Query: header, the question (lowercased copy for lookup, offsets of
// each label), and the additional section's OPT (RFC 6891). Returns PARSED, DROP, or an rcode to answer with.
// Never throws and never allocates: every bound is checked against the datagram length.
import { HASH_SEED, hashKey, hashStep } from "../../zone/name-map.ts";
import { DROP, OPT_CODE, PARSED, RCODE, TYPE } from "./constants.ts";

export class Query {
  id = 0;
  flags = 0;
  opcode = 0;
  /** Lowercase wire qname and its length; labelAt[i] is where label i starts, labelAt[labels] the root octet. */
  readonly qname = new Uint8Array(256);
  qlen = 0;
  readonly labelAt = new Int32Array(129);
  /** labelHash[i] = hashName(qname, labelAt[i], qlen): every suffix's lookup key from one backward pass. */
  readonly labelHash = new Int32Array(129);
  labels = 0;
  /** The question as received (original case, RFC 4343) is msg[12, questionEnd). */
  questionEnd = 0;
  hasQuestion = false;
  qtype = 0;
  qclass = 0;
  edns = false;
  udpSize = 512;
  ednsVersion = 0;
  dnssecOk = false;
  tsig = false;
  /** EDNS Client Subnet (RFC 7871 s6): family 1 or 2, source prefix, address octets as sent. */
  ecs = false;
  ecsFamily = 0;
  ecsSource = 0;
  readonly ecsAddr = new Uint8Array(16);
  ecsAddrLen = 0;
  /** The OPT record was well formed but its ECS option was not: FORMERR still carries an OPT. */
  ecsInvalid = false;

  reset(): void {
    this.ecs = false;
    this.ecsInvalid = false;
    this.hasQuestion = false;
    this.edns = false;
    this.udpSize = 512;
    this.ednsVersion = 0;
    this.dnssecOk = false;
    this.tsig = false;
    this.qlen = 0;
    this.labels = 0;
  }
}

const u16 = (m: Uint8Array, o: number) => ((m[o] as number) << 8) | (m[o + 1] as number);

/** Skips a possibly compressed name in a non-question RR; returns the offset after it, or -1. */
function skipName(m: Uint8Array, pos: number, len: number): number {
  while (pos < len) {
    const l = m[pos] as number;
    if (l === 0) return pos + 1;
    if ((l & 0xc0) === 0xc0) return pos + 2 <= len ? pos + 2 : -1;
    if (l > 63) return -1;
    pos += l + 1;
  }
  return -1;
}

function readQuestion(q: Query, m: Uint8Array, len: number): number {
  let pos = 12;
  let out = 0;
  let labels = 0;
  for (;;) {
    if (pos >= len) return -1;
    const l = m[pos] as number;
    if (l === 0) break;
    if (l > 63 || out + l + 2 > 255) return -1; // RFC 1035 s2.3.4; a pointer (0xC0) in a question is refused too
    if (pos + 1 + l > len) return -1;
    q.labelAt[labels++] = out;
    q.qname[out++] = l;
    for (let i = 1; i <= l; i++) {
      const c = m[pos + i] as number;
      q.qname[out++] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    }
    pos += l + 1;
  }
  q.labelAt[labels] = out;
  q.qname[out++] = 0;
  q.qlen = out;
  q.labels = labels;
  let h = HASH_SEED;
  for (let k = labels, end = out; k >= 0; k--) {
    const start = q.labelAt[k] as number;
    for (let i = end - 1; i >= start; i--) h = hashStep(h, q.qname[i] as number);
    q.labelHash[k] = hashKey(h);
    end = start;
  }
  pos++;
  if (pos + 4 > len) return -1;
  q.qtype = u16(m, pos);
  q.qclass = u16(m, pos + 2);
  return pos + 4;
}

function readOpt(q: Query, m: Uint8Array, pos: number, rdlen: number): boolean {
  if (q.edns) return false; // RFC 6891 s6.1.1: more than one OPT is FORMERR
  q.edns = true;
  q.udpSize = Math.max(512, u16(m, pos + 2));
  q.ednsVersion = m[pos + 5] as number;
  q.dnssecOk = ((m[pos + 6] as number) & 0x80) !== 0;
  const end = pos + 10 + rdlen;
  for (let o = pos + 10; o < end; ) {
    if (o + 4 > end) return false;
    const code = u16(m, o);
    const len = u16(m, o + 2);
    if (o + 4 + len > end) return false;
    if (code === OPT_CODE.ECS && !readEcs(q, m, o + 4, len)) q.ecsInvalid = true;
    o += 4 + len;
  }
  return true;
}

/**
 * RFC 7871 s6: FORMERR for an unknown family, a source prefix longer than the family allows, an address
 * whose length is not ceil(source/8), non-zero bits beyond the source prefix, or a non-zero scope in a query.
 */
function readEcs(q: Query, m: Uint8Array, at: number, len: number): boolean {
  if (q.ecs || len < 4) return false;
  const family = u16(m, at);
  const source = m[at + 2] as number;
  const scope = m[at + 3] as number;
  const max = family === 1 ? 32 : family === 2 ? 128 : -1;
  if (max < 0 || source > max || scope !== 0) return false;
  const addrLen = (source + 7) >> 3;
  if (len - 4 !== addrLen) return false;
  if (addrLen > 0 && (source & 7) !== 0 && ((m[at + 4 + addrLen - 1] as number) & (0xff >> (source & 7))) !== 0) return false;
  q.ecs = true;
  q.ecsFamily = family;
  q.ecsSource = source;
  q.ecsAddrLen = addrLen;
  for (let i = 0; i < addrLen; i++) q.ecsAddr[i] = m[at + 4 + i] as number;
  return true;
}

export function parseQuery(q: Query, m: Uint8Array, len: number): number {
  q.reset();
  if (len < 12) return DROP;
  q.id = u16(m, 0);
  q.flags = u16(m, 2);
  if ((q.flags & 0x8000) !== 0) return DROP; // a response: never answer it (RFC 1035 s4.1.1)
  q.opcode = (q.flags >> 11) & 0xf;
  if (u16(m, 4) !== 1) return q.opcode !== 0 ? RCODE.NOTIMP : RCODE.FORMERR;
  let pos = readQuestion(q, m, len);
  if (pos < 0) return RCODE.FORMERR;
  q.questionEnd = pos;
  q.hasQuestion = true;
  const skip = u16(m, 6) + u16(m, 8);
  const additional = u16(m, 10);
  for (let i = 0; i < skip + additional; i++) {
    const owner = pos;
    pos = skipName(m, pos, len);
    if (pos < 0 || pos + 10 > len) return RCODE.FORMERR;
    const type = u16(m, pos);
    const rdlen = u16(m, pos + 8);
    if (pos + 10 + rdlen > len) return RCODE.FORMERR;
    if (q.tsig) return RCODE.FORMERR; // RFC 8945 s5.1: TSIG must be the last RR
    if (type === TYPE.OPT) {
      if (i < skip || m[owner] !== 0 || pos !== owner + 1) return RCODE.FORMERR;
      if (!readOpt(q, m, pos, rdlen) || q.ecsInvalid) return RCODE.FORMERR;
    } else if (type === TYPE.TSIG && i >= skip) q.tsig = true;
    pos += 10 + rdlen;
  }
  return pos === len ? PARSED : RCODE.FORMERR;
}
