// Where the querier is, found at most once per query and only when an answer needs it: the EDNS Client
// Subnet address when the query has one (RFC 7871 s7.1.1), else the transport source address. With ECS
// source prefix 0 the source address decides and the scope stays 0 (RFC 7871 s7.1.2).
import type { GeoDatabase } from "../../geo/database.ts";
import { UNKNOWN } from "../../geo/select.ts";
import type { Query } from "../wire/query.ts";

export class QueryLocation {
  private done = false;
  private q: Query | null = null;
  private source = "";
  index = UNKNOWN;
  /** The prefix length that may go in the ECS scope. */
  scope = 0;
  /** The querier's coordinates from a City database, else NaN. */
  lat = Number.NaN;
  lon = Number.NaN;

  constructor(private readonly db: () => GeoDatabase | null) {}

  begin(q: Query, source: string): void {
    this.done = false;
    this.q = q;
    this.source = source;
  }

  /** The querier's country index (UNKNOWN when not found); looks it up on first use. */
  resolve(): number {
    if (this.done) return this.index;
    this.done = true;
    const db = this.db();
    const q = this.q as Query;
    if (db === null) {
      this.index = UNKNOWN;
      this.scope = 0;
      this.lat = Number.NaN;
      return this.index;
    }
    if (q.ecs && q.ecsSource > 0) {
      db.lookupSubnet(q.ecsFamily, q.ecsAddr, q.ecsAddrLen);
      this.scope = db.prefix;
    } else {
      db.lookupAddress(this.source);
      this.scope = 0;
    }
    this.index = db.index;
    this.lat = db.lat;
    this.lon = db.lon;
    return this.index;
  }
}
