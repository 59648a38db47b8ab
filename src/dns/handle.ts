// One query, bytes in -> bytes out, synchronous. Decides the rcode for everything that is not an answer
// (drop, FORMERR, NOTIMP, NOTAUTH, BADVERS, REFUSED) and hands the rest to the zone's answer. The Query and
// Response objects are reused, so a query allocates nothing but what the transport does.
import type { GeoDatabase } from "../geo/database.ts";
import type { ZoneRegistry } from "../zone/registry.ts";
import { QueryLocation } from "./answer/location.ts";
import { answerFromZone } from "./answer/resolve.ts";
import { BADVERS, CLASS_IN, DROP, EDE_NOT_AUTHORITATIVE, PARSED, RCODE, TYPE } from "./wire/constants.ts";
import { parseQuery, Query } from "./wire/query.ts";
import { Response } from "./wire/response.ts";

export type HandlerStats = { queries: number; dropped: number; failures: number; rcodes: Uint32Array };

export class DnsHandler {
  private readonly q = new Query();
  private readonly w = new Response();
  private readonly where: QueryLocation;
  readonly stats: HandlerStats = { queries: 0, dropped: 0, failures: 0, rcodes: new Uint32Array(24) };

  constructor(
    private readonly registry: ZoneRegistry,
    private readonly udpMax: number,
    geo: () => GeoDatabase | null = () => null,
  ) {
    this.where = new QueryLocation(geo);
  }

  /** Zeroes the counters (after start-up work that is not traffic). */
  resetStats(): void {
    const s = this.stats;
    s.queries = s.dropped = s.failures = 0;
    s.rcodes.fill(0);
  }

  /** The reply buffer; valid until the next call to handle(). */
  get out(): Uint8Array {
    return this.w.buf;
  }

  /** The last answer's geo decision (rule, area, location, scope), for the explain endpoint. */
  get lastGeo(): { rule: number; area: string | null; location: number; scope: number } {
    return { rule: this.w.geoRule, area: this.w.geoArea, location: this.where.index, scope: this.w.ecsScope };
  }

  /** Answers `msg[0, len)` from `source` (the querier's address); returns the reply length in `out`, or 0 to drop. */
  handle(msg: Uint8Array, len: number, tcp: boolean, source = ""): number {
    this.stats.queries++;
    try {
      return this.answer(msg, len, tcp, source);
    } catch (err) {
      // A bug must not stop the server: count it, answer SERVFAIL when the header is readable.
      this.stats.failures++;
      if (this.stats.failures <= 10) console.error("[dns] handler failure:", err);
      if (len < 12) return 0;
      const q = this.q;
      q.reset();
      q.id = ((msg[0] as number) << 8) | (msg[1] as number);
      this.w.begin(q, msg, 512);
      this.w.rcode = RCODE.SERVFAIL;
      return this.w.finish(q, q.id, this.udpMax, 0);
    }
  }

  private answer(msg: Uint8Array, len: number, tcp: boolean, source: string): number {
    const q = this.q;
    const w = this.w;
    const status = parseQuery(q, msg, len);
    if (status === DROP) {
      this.stats.dropped++;
      return 0;
    }
    // A malformed message gets a plain FORMERR / NOTIMP; a bad ECS option in a good OPT keeps the OPT (RFC 7871 s7.1.2).
    if (status !== PARSED && !q.ecsInvalid) q.edns = false;
    const udpLimit = q.edns ? Math.min(q.udpSize, this.udpMax) : 512;
    w.begin(q, msg, tcp ? 65535 : udpLimit);
    let ext = 0;
    if (status !== PARSED) w.rcode = status;
    else if (q.opcode !== 0) w.rcode = RCODE.NOTIMP; // RFC 1035 s4.1.1
    else if (q.tsig) w.rcode = RCODE.NOTAUTH; // RFC 8945 s5.2: no key is known here, so BADKEY -> NOTAUTH
    else if (q.edns && q.ednsVersion > 0) ext = BADVERS >> 4; // RFC 6891 s6.1.3
    else if (q.qclass !== CLASS_IN) w.rcode = RCODE.REFUSED;
    else if (q.qtype === TYPE.AXFR || q.qtype === TYPE.IXFR) w.rcode = RCODE.REFUSED; // RFC 5936 s4.2: no transfers
    else {
      const zone = this.registry.find(q.qname, q.labelAt, q.labelHash, q.labels, q.qlen);
      if (zone === undefined) {
        w.rcode = RCODE.REFUSED;
        w.setEde(EDE_NOT_AUTHORITATIVE, q);
      } else {
        this.where.begin(q, source);
        answerFromZone(q, zone, w, this.where);
      }
    }
    (this.stats.rcodes[w.rcode + (ext << 4)] as number)++;
    return w.finish(q, q.id, this.udpMax, ext);
  }
}
