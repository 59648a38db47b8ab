// The compiled zone snapshot: an immutable owner index whose RRsets are already wire bytes.
//
// All RRsets of a zone live in one byte arena. Every RR is stored as it goes on the wire, owner included:
// OWNER(2) TYPE CLASS TTL RDLENGTH RDATA, where the owner is a 2-byte compression pointer slot and every name
// inside rdata that ends at the apex ends in a 2-byte pointer placeholder (0xC000). Both depend only on where
// the question's qname sits in the response, so writing an RRset is one copy plus a few pointer patches
// (RFC 1035 s4.1.4). The DNS side only reads these objects; a change builds a new Zone.
import type { Arena } from "./encode.ts";
import type { NameMap } from "./name-map.ts";

export type EncodedRRset = {
  /** The arena holding the bytes: the zone's, or a patch's own for records changed since the compile. */
  readonly arena: Arena;
  readonly type: number;
  readonly count: number;
  /** Where the RRs start in the zone's arena, and their total length. */
  readonly off: number;
  readonly len: number;
  /** For a CNAME set: the target's lowercase wire name when it lies inside this zone (so the chain is followed). */
  readonly cnameTarget: Uint8Array | null;
};

/** Member-country centroids of the candidates, for proximity from a City database's coordinates. */
export type NearPoints = { readonly lat: Float64Array; readonly lon: Float64Array; readonly sets: readonly EncodedRRset[] };

/** One location table: per country index (and UNKNOWN last), the RRset served and the rule that chose it. */
export type GeoTable = {
  readonly sets: readonly EncodedRRset[];
  readonly rules: Uint8Array;
  readonly areas: readonly (string | null)[];
  /** Present when some entry was chosen by proximity: the querier's own coordinates may then decide. */
  readonly near: NearPoints | null;
};

/** A node with location-targeted records: one table per type present, and one for CNAME-only answers. */
export type GeoNode = {
  readonly types: readonly number[];
  readonly tables: readonly GeoTable[];
  readonly cnameOnly: GeoTable | null;
};

export type ZoneNode = {
  /** Labels between this owner and the apex (0 for the apex). */
  readonly depth: number;
  readonly types: readonly number[];
  readonly sets: readonly EncodedRRset[];
  readonly cname: EncodedRRset | null;
  /** Location variants, or null when every record here is global (then no geo lookup happens). */
  readonly geo: GeoNode | null;
  /** The delegation point at or above this owner (never the apex), or null when the data is authoritative. */
  cut: ZoneNode | null;
  /** The `*.owner` node (RFC 4592 source of synthesis), if one exists. */
  wildcard: ZoneNode | null;
  /** At a delegation point: per NS RR, the address RRsets of its target when that target is in this zone. */
  glue: readonly (readonly EncodedRRset[])[] | null;
  /** Child nodes below this owner, and client records at it: bookkeeping for patches (patch.ts). */
  kids: number;
  records: number;
};

export type Zone = {
  readonly id: string;
  readonly apex: string;
  readonly apexWire: Uint8Array;
  readonly apexLabels: number;
  readonly serial: number;
  /** The owner index built by the last full compile. */
  readonly names: NameMap<ZoneNode>;
  /** Owners changed since then (null = removed), consulted first; null when there are none (patch.ts). */
  readonly overlay: NameMap<ZoneNode | null> | null;
  /** Lowercase FQDNs that are NS targets with glue: changing them needs a full compile. */
  readonly glueTargets: ReadonlySet<string>;
  readonly apexNode: ZoneNode;
  /** The SOA for negative answers, TTL = min(SOA TTL, MINIMUM) (RFC 2308 s3). */
  readonly soaNegative: EncodedRRset;
  readonly recordCount: number;
};

export type SoaSettings = Readonly<{
  nameservers: readonly string[];
  contact: string;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
  soaTtl: number;
  nsTtl: number;
}>;
