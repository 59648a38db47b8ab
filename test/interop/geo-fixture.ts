// Writes the MMDB used by the interop suite: the oracle's geo subnets, each in a country of its own (see
// test/interop/geo/geo.example.zone). Usage: bun test/interop/geo-fixture.ts OUT.mmdb
import { writeMmdb } from "../helpers/mmdb-writer.ts";

const out = process.argv[2];
if (!out) throw new Error("usage: geo-fixture.ts OUT.mmdb");
writeMmdb(out, { "198.51.100.0/24": "DE", "203.0.113.0/25": "US", "10.0.0.0/8": "BR", "2001:db8:100::/48": "GB" });
