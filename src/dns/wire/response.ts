// The response under construction, in one reused buffer: header, the echoed question, whole RRsets patched
// with their compression pointers, and the OPT record. An RRset that does not fit is left out whole and the
// caller sets TC (RFC 2181 s9); room for the OPT record is kept from the start (RFC 6891 s7).
import type { EncodedRRset } from "../../zone/types.ts";
import { FLAG, TYPE } from "./constants.ts";
import type { Query } from "./query.ts";

export const SECTION = { ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 2 } as const;

export class Response {
  readonly buf = new Uint8Array(65535);
  pos = 12;
  limit = 512;
  readonly counts = new Uint16Array(3);
  flags = 0;
  rcode = 0;
  /** Pointer to the apex inside the echoed qname, patched into rdata names (types.ts). */
  apexPtr = 12;
  /** Where the last RRset written starts, to find its rdata names. */
  lastAt = 0;
  private optSize = 0;
  private ede = -1;
  /** ECS (RFC 7871) to echo: set by begin() from the query; scope is raised as geo answers are chosen. */
  ecsScope = 0;
  /** The geo rule (geo/select.ts RULE) and area of the last location table consulted, for explain. */
  geoRule = 0;
  geoArea: string | null = null;

  /** Starts a reply to `q`: echoes the question when it was read, keeps room for the OPT record. */
  begin(q: Query, msg: Uint8Array, maxSize: number): void {
    const counts = this.counts;
    counts[0] = 0;
    counts[1] = 0;
    counts[2] = 0;
    this.rcode = 0;
    this.ede = -1;
    // RFC 1035 s4.1.1: RD copied; RFC 6840 s5.9: CD copied. AA, TC, RA, Z and AD start clear.
    this.flags = FLAG.QR | (q.opcode << 11) | (q.flags & (FLAG.RD | FLAG.CD));
    let pos = 12;
    if (q.hasQuestion) {
      const buf = this.buf;
      for (let i = 12; i < q.questionEnd; i++) buf[i] = msg[i] as number;
      pos = q.questionEnd;
    }
    this.pos = pos;
    this.optSize = q.edns ? 11 : 0;
    this.ecsScope = 0;
    this.geoRule = 0;
    this.geoArea = null;
    if (q.edns && q.ecs) this.optSize += 8 + q.ecsAddrLen;
    this.limit = maxSize - this.optSize;
  }

  /** Adds an Extended DNS Error (RFC 8914) to the OPT record, when the query had one. */
  setEde(code: number, q: Query): void {
    if (!q.edns) return;
    this.ede = code;
    this.optSize += 6;
    this.limit -= 6;
  }

  /**
   * Writes a whole RRset from its arena with every owner pointing at `ownerPtr` and every apex placeholder
   * in rdata names pointing at the apex in the question; false when it does not fit.
   */
  writeRRset(set: EncodedRRset, ownerPtr: number, section: number): boolean {
    const at = this.pos;
    const arena = set.arena.bytes;
    const len = set.len;
    if (at + len > this.limit) return false;
    const buf = this.buf;
    const src = set.off;
    if (len <= 64) for (let i = 0; i < len; i++) buf[at + i] = arena[src + i] as number;
    else buf.set(arena.subarray(src, src + len), at);
    const oHi = 0xc0 | (ownerPtr >> 8);
    const oLo = ownerPtr & 0xff;
    const type = set.type;
    const names = type === TYPE.NS || type === TYPE.CNAME || type === TYPE.PTR || type === TYPE.MX ? 1 : type === TYPE.SOA ? 2 : 0;
    const nameAt = type === TYPE.MX ? 2 : 0;
    for (let o = at, end = at + len; o < end; ) {
      buf[o] = oHi;
      buf[o + 1] = oLo;
      const rdata = o + 12;
      const next = rdata + (((buf[o + 10] as number) << 8) | (buf[o + 11] as number));
      let p = rdata + nameAt;
      for (let n = 0; n < names; n++) {
        for (let l = buf[p] as number; l !== 0 && (l & 0xc0) !== 0xc0; l = buf[p] as number) p += l + 1;
        if (buf[p] === 0) p += 1;
        else {
          buf[p] = 0xc0 | (this.apexPtr >> 8);
          buf[p + 1] = this.apexPtr & 0xff;
          p += 2;
        }
      }
      o = next;
    }
    this.pos = at + len;
    this.lastAt = at;
    (this.counts[section] as number) += set.count;
    return true;
  }

  /** Finishes the header and OPT; returns the message length. */
  finish(q: Query, id: number, udpMax: number, extRcode: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (q.edns) {
      // RFC 6891 s6.1.2: root owner, our UDP size in CLASS, ext-rcode/version/DO in TTL.
      buf[pos] = 0;
      buf[pos + 1] = 0;
      buf[pos + 2] = TYPE.OPT;
      buf[pos + 3] = udpMax >> 8;
      buf[pos + 4] = udpMax & 0xff;
      buf[pos + 5] = extRcode;
      buf[pos + 6] = 0;
      buf[pos + 7] = q.dnssecOk ? 0x80 : 0;
      buf[pos + 8] = 0;
      const ecsLen = q.ecs ? 8 + q.ecsAddrLen : 0;
      const rdlen = (this.ede >= 0 ? 6 : 0) + ecsLen;
      buf[pos + 9] = 0;
      buf[pos + 10] = rdlen;
      pos += 11;
      if (q.ecs) {
        // RFC 7871 s7.2.1: family, source prefix and address as sent; our scope.
        buf[pos] = 0;
        buf[pos + 1] = 8;
        buf[pos + 2] = 0;
        buf[pos + 3] = 4 + q.ecsAddrLen;
        buf[pos + 4] = 0;
        buf[pos + 5] = q.ecsFamily;
        buf[pos + 6] = q.ecsSource;
        buf[pos + 7] = this.ecsScope;
        for (let i = 0; i < q.ecsAddrLen; i++) buf[pos + 8 + i] = q.ecsAddr[i] as number;
        pos += ecsLen;
      }
      if (this.ede >= 0) {
        buf[pos] = 0;
        buf[pos + 1] = 15;
        buf[pos + 2] = 0;
        buf[pos + 3] = 2;
        buf[pos + 4] = this.ede >> 8;
        buf[pos + 5] = this.ede & 0xff;
        pos += 6;
      }
      (this.counts[SECTION.ADDITIONAL] as number) += 1;
    }
    const flags = this.flags | (this.rcode & 0xf);
    buf[0] = id >> 8;
    buf[1] = id & 0xff;
    buf[2] = flags >> 8;
    buf[3] = flags & 0xff;
    buf[4] = 0;
    buf[5] = q.hasQuestion ? 1 : 0;
    for (let s = 0; s < 3; s++) {
      buf[6 + s * 2] = (this.counts[s] as number) >> 8;
      buf[7 + s * 2] = (this.counts[s] as number) & 0xff;
    }
    return pos;
  }
}

