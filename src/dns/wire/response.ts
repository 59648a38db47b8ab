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

  /** Starts a reply to `q`: echoes the question when it was read, keeps room for the OPT record. */
  begin(q: Query, msg: Uint8Array, maxSize: number): void {
    this.counts.fill(0);
    this.rcode = 0;
    this.ede = -1;
    // RFC 1035 s4.1.1: RD copied; RFC 6840 s5.9: CD copied. AA, TC, RA, Z and AD start clear.
    this.flags = FLAG.QR | (q.opcode << 11) | (q.flags & (FLAG.RD | FLAG.CD));
    let pos = 12;
    if (q.hasQuestion) {
      const qlen = q.questionEnd - 12;
      this.buf.set(msg.subarray(12, q.questionEnd), 12);
      pos += qlen;
    }
    this.pos = pos;
    this.optSize = q.edns ? 11 : 0;
    this.limit = maxSize - this.optSize;
  }

  /** Adds an Extended DNS Error (RFC 8914) to the OPT record, when the query had one. */
  setEde(code: number, q: Query): void {
    if (!q.edns) return;
    this.ede = code;
    this.optSize += 6;
    this.limit -= 6;
  }

  /** Writes a whole RRset with every owner pointing at `ownerPtr`; false when it does not fit. */
  writeRRset(set: EncodedRRset, ownerPtr: number, section: number): boolean {
    const at = this.pos;
    const data = set.data;
    if (at + data.length > this.limit) return false;
    const buf = this.buf;
    buf.set(data, at);
    const oHi = 0xc0 | (ownerPtr >> 8);
    const oLo = ownerPtr & 0xff;
    const rrAt = set.rrAt;
    for (let i = 0; i < rrAt.length; i++) {
      const o = at + (rrAt[i] as number);
      buf[o] = oHi;
      buf[o + 1] = oLo;
    }
    const apexAt = set.apexAt;
    if (apexAt.length > 0) {
      const aHi = 0xc0 | (this.apexPtr >> 8);
      const aLo = this.apexPtr & 0xff;
      for (let i = 0; i < apexAt.length; i++) {
        const o = at + (apexAt[i] as number);
        buf[o] = aHi;
        buf[o + 1] = aLo;
      }
    }
    this.pos = at + data.length;
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
      const rdlen = this.ede >= 0 ? 6 : 0;
      buf[pos + 9] = 0;
      buf[pos + 10] = rdlen;
      pos += 11;
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

