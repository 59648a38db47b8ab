// A small MaxMind DB (.mmdb) writer for tests: an IPv6 search tree with 24-bit records (IPv4 networks live
// under ::/96, as in MaxMind's own files), a data section of {country_code} maps, and the metadata map.
// Enough of the format (MaxMind DB spec 2.0) for mmdb-lib to read the fixture the tests generate.

import { writeFileSync } from "node:fs";

type Node = { left: Node | number | null; right: Node | number | null };

function encodeData(value: unknown): number[] {
  const ctrl = (type: number, size: number): number[] => {
    if (type <= 7) return [(type << 5) | size];
    return [size, type - 7]; // extended type
  };
  if (typeof value === "string") {
    const b = Array.from(new TextEncoder().encode(value));
    return [...ctrl(2, b.length), ...b];
  }
  if (typeof value === "number" && !Number.isInteger(value)) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value);
    return [...ctrl(3, 8), ...b];
  }
  if (typeof value === "number") {
    const bytes: number[] = [];
    for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    return [...ctrl(value > 0xffffffff ? 9 : value > 0xffff ? 6 : 5, bytes.length), ...bytes];
  }
  if (Array.isArray(value)) return [...ctrl(11, value.length), ...value.flatMap(encodeData)];
  const entries = Object.entries(value as Record<string, unknown>);
  return [...ctrl(7, entries.length), ...entries.flatMap(([k, v]) => [...encodeData(k), ...encodeData(v)])];
}

function bitsOf(cidr: string): number[] {
  const [addr, len] = cidr.split("/") as [string, string];
  const bytes: number[] = [];
  if (addr.includes(":")) {
    const [head, tail] = addr.split("::") as [string, string | undefined];
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = [...h, ...new Array(8 - h.length - t.length).fill("0"), ...t].map((g) => Number.parseInt(g, 16));
    for (const g of groups) bytes.push(g >> 8, g & 0xff);
  } else {
    bytes.push(...new Array(12).fill(0), ...addr.split(".").map(Number));
  }
  const prefix = addr.includes(":") ? Number(len) : 96 + Number(len);
  const bits: number[] = [];
  for (let i = 0; i < prefix; i++) bits.push(((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1);
  return bits;
}

/** A City-style record: country plus the network's coordinates. */
export type CityPlace = { country: string; lat: number; lon: number };

/**
 * Writes an .mmdb with the given networks ("192.0.2.0/24" or "2001:db8::/48") mapped to country codes
 * (DB-IP style `{country_code}`), or to places (MaxMind City style `{country: {iso_code}, location}`).
 */
export function writeMmdb(path: string, networks: Record<string, string | CityPlace>): void {
  const root: Node = { left: null, right: null };
  const data: number[] = [];
  const dataAt = new Map<string, number>();
  for (const [cidr, place] of Object.entries(networks)) {
    const cc = typeof place === "string" ? place : `${place.country}@${place.lat},${place.lon}`;
    if (!dataAt.has(cc)) {
      dataAt.set(cc, data.length);
      data.push(
        ...encodeData(
          typeof place === "string"
            ? { country_code: place }
            : { country: { iso_code: place.country }, location: { latitude: place.lat, longitude: place.lon } },
        ),
      );
    }
    const bits = bitsOf(cidr);
    let node = root;
    bits.forEach((bit, i) => {
      const side = bit === 0 ? "left" : "right";
      if (i === bits.length - 1) {
        node[side] = -1 - (dataAt.get(cc) as number); // data marker, resolved below
        return;
      }
      let next = node[side];
      if (next === null || typeof next === "number") node[side] = next = { left: next, right: next };
      node = next as Node;
    });
  }
  const order: Node[] = [];
  const number = new Map<Node, number>();
  const visit = (n: Node) => {
    number.set(n, order.length);
    order.push(n);
    for (const c of [n.left, n.right]) if (c !== null && typeof c === "object") visit(c);
  };
  visit(root);
  const nodeCount = order.length;
  const tree: number[] = [];
  const rec = (c: Node | number | null): number => {
    if (c === null) return nodeCount; // empty
    if (typeof c === "number") return nodeCount + 16 + (-1 - c);
    return number.get(c) as number;
  };
  for (const n of order) for (const v of [rec(n.left), rec(n.right)]) tree.push((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  const meta = encodeData({
    node_count: nodeCount,
    record_size: 24,
    ip_version: 6,
    database_type: "Meridian-Test-Country",
    languages: ["en"],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1700000000,
    description: { en: "Meridian test fixture" },
  });
  const marker = [0xab, 0xcd, 0xef, ...new TextEncoder().encode("MaxMind.com")];
  writeFileSync(path, new Uint8Array([...tree, ...new Array(16).fill(0), ...data, ...marker, ...meta]));
}

/** The networks every geo test uses: TEST-NET and shared address space carved into countries. */
export const FIXTURE_NETWORKS: Record<string, string> = {
  "192.0.2.0/24": "US",
  "198.51.100.0/25": "DE",
  "198.51.100.128/25": "FR",
  "203.0.113.0/24": "JP",
  "100.64.0.0/16": "BR",
  "100.65.0.0/16": "NA",
  "100.66.0.0/16": "AU",
  "100.67.0.0/16": "CA",
  "100.68.0.0/16": "ZA",
  "100.69.1.128/25": "IN",
  "100.70.0.0/16": "CH",
  "2001:db8:1::/48": "GB",
  "2001:db8:2::/48": "US",
};
