// The compiled zone snapshot: an immutable owner index whose RRsets are already wire bytes.
//
// Every RR in an EncodedRRset is stored as it goes on the wire, owner included: the owner is always a 2-byte
// compression pointer, and names inside rdata that end at the apex end in a 2-byte pointer to it. Both depend
// only on where the question's qname sits in the response, so writing an RRset is one copy plus a few
// pointer patches (RFC 1035 s4.1.4). The DNS side only reads these objects; a change builds a new Zone.
import type { NameMap } from "./name-map.ts";

export type EncodedRRset = {
  readonly type: number;
  readonly count: number;
  /** Per RR: OWNER(ptr, 2) TYPE CLASS TTL RDLENGTH RDATA. */
  readonly data: Uint8Array;
  /** Offset of each RR in `data` (its owner pointer). */
  readonly rrAt: Int32Array;
  /** Offset of each RR's rdata in `data`; a compressible in-zone target name starts there. */
  readonly rdataAt: Int32Array;
  /** Offsets in `data` of 2-byte pointers to the apex inside rdata. */
  readonly apexAt: Int32Array;
};

export type ZoneNode = {
  /** Labels between this owner and the apex (0 for the apex). */
  readonly depth: number;
  readonly types: Uint16Array;
  readonly sets: readonly EncodedRRset[];
  readonly cname: EncodedRRset | null;
  /** Lowercase wire name of the CNAME target when it lies inside this zone (so the chain is followed). */
  readonly cnameTarget: Uint8Array | null;
  /** The delegation point at or above this owner (never the apex), or null when the data is authoritative. */
  cut: ZoneNode | null;
  /** The `*.owner` node (RFC 4592 source of synthesis), if one exists. */
  wildcard: ZoneNode | null;
  /** At a delegation point: per NS RR, the address RRsets of its target when that target is in this zone. */
  glue: readonly (readonly EncodedRRset[])[] | null;
};

export type Zone = {
  readonly id: string;
  readonly apex: string;
  readonly apexWire: Uint8Array;
  readonly apexLabels: number;
  readonly serial: number;
  readonly names: NameMap<ZoneNode>;
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
