// Settings: environment variables and CLI flags (flags win) -> one frozen Config, validated once at start.
// Every setting is listed in SETTINGS, which also renders `--help` and is what the README table documents.

export type Config = Readonly<{
  dnsHosts: readonly string[];
  dnsPort: number;
  httpHost: string;
  httpPort: number;
  db: string;
  adminToken: string | null;
  nameservers: readonly string[];
  soaContact: string;
  soaRefresh: number;
  soaRetry: number;
  soaExpire: number;
  soaMinimum: number;
  soaTtl: number;
  nsTtl: number;
  ednsUdpMax: number;
  udpBatchQps: number;
  warmupQueries: number;
  tcpIdleMs: number;
  tcpMaxConnections: number;
  maxBodyBytes: number;
  maxImportBytes: number;
  geoipDb: string | null;
  geoGroups: string | null;
  geoDefaultCountry: string;
}>;

type Kind = "string" | "port" | "uint" | "list" | "hosts" | "optional";

type Setting = { key: keyof Config; env: string; kind: Kind; def: string; help: string; min?: number; max?: number };

export const SETTINGS: readonly Setting[] = [
  { key: "dnsHosts", env: "MERIDIAN_DNS_HOST", kind: "hosts", def: "::", help: "DNS listen addresses (UDP and TCP), comma-separated; `::` is IPv6 and IPv4 (falls back to 0.0.0.0 where IPv6 is off)" },
  { key: "dnsPort", env: "MERIDIAN_DNS_PORT", kind: "port", def: "53", help: "DNS listen port (UDP and TCP); 0 picks a free port" },
  { key: "httpHost", env: "MERIDIAN_HTTP_HOST", kind: "string", def: "127.0.0.1", help: "HTTP API listen address" },
  { key: "httpPort", env: "MERIDIAN_HTTP_PORT", kind: "port", def: "8080", help: "HTTP API listen port; 0 picks a free port" },
  { key: "db", env: "MERIDIAN_DB", kind: "string", def: "./data/meridian.sqlite", help: "SQLite database file (created with its folder)" },
  { key: "adminToken", env: "MERIDIAN_ADMIN_TOKEN", kind: "optional", def: "", help: "admin API token; unset: one is generated at first start, printed once, and only its hash kept" },
  { key: "nameservers", env: "MERIDIAN_NAMESERVERS", kind: "list", def: "ns1.meridian.test.,ns2.meridian.test.", help: "comma-separated nameserver names for every zone's apex NS and SOA MNAME (the first)" },
  { key: "soaContact", env: "MERIDIAN_SOA_CONTACT", kind: "string", def: "hostmaster", help: "SOA RNAME: an email (`dns@example.net`), an FQDN (`dns.example.net.`), or a label placed under each zone's apex" },
  { key: "soaRefresh", env: "MERIDIAN_SOA_REFRESH", kind: "uint", def: "7200", help: "SOA refresh, seconds" },
  { key: "soaRetry", env: "MERIDIAN_SOA_RETRY", kind: "uint", def: "3600", help: "SOA retry, seconds" },
  { key: "soaExpire", env: "MERIDIAN_SOA_EXPIRE", kind: "uint", def: "1209600", help: "SOA expire, seconds" },
  { key: "soaMinimum", env: "MERIDIAN_SOA_MINIMUM", kind: "uint", def: "300", help: "SOA minimum: the negative-caching TTL (RFC 2308)" },
  { key: "soaTtl", env: "MERIDIAN_SOA_TTL", kind: "uint", def: "3600", help: "TTL of the synthesised SOA record" },
  { key: "nsTtl", env: "MERIDIAN_NS_TTL", kind: "uint", def: "3600", help: "TTL of the synthesised apex NS records" },
  { key: "ednsUdpMax", env: "MERIDIAN_EDNS_UDP_MAX", kind: "uint", def: "1232", help: "largest UDP answer sent to an EDNS client (RFC 6891); 512..65535", min: 512, max: 65535 },
  { key: "udpBatchQps", env: "MERIDIAN_UDP_BATCH_QPS", kind: "uint", def: "40000", help: "above this many UDP queries/s, replies go out in batches (one sendmmsg per loop turn); 0 always batches" },
  { key: "warmupQueries", env: "MERIDIAN_WARMUP_QUERIES", kind: "uint", def: "200000", help: "synthetic queries answered at start-up, before the DNS ports open, so the JIT has compiled the hot path before real traffic; 0 skips it, at most 10000000", max: 10000000 },
  { key: "tcpIdleMs", env: "MERIDIAN_TCP_IDLE_MS", kind: "uint", def: "10000", help: "a TCP connection idle this long is closed (RFC 7766 s6.2.3)", min: 1 },
  { key: "tcpMaxConnections", env: "MERIDIAN_TCP_MAX_CONNECTIONS", kind: "uint", def: "1000", help: "concurrent DNS TCP connections; more are closed at once", min: 1 },
  { key: "maxBodyBytes", env: "MERIDIAN_MAX_BODY_BYTES", kind: "uint", def: "1048576", help: "largest HTTP request body; larger gets 413", min: 1024 },
  { key: "maxImportBytes", env: "MERIDIAN_MAX_IMPORT_BYTES", kind: "uint", def: "33554432", help: "largest zone file POST /api/client/import/bind takes (about 300k records at 32 MiB)", min: 1024 },
  { key: "geoipDb", env: "MERIDIAN_GEOIP_DB", kind: "optional", def: "", help: "MaxMind-format (.mmdb) Country or City database for GeoDNS; unset: the embedded DB-IP Lite country database. Reloaded on SIGHUP or when the file is replaced" },
  { key: "geoGroups", env: "MERIDIAN_GEO_GROUPS", kind: "optional", def: "", help: 'JSON file of extra location groups, {"NAME": ["US", "CA"]}, added to the built-in ones' },
  { key: "geoDefaultCountry", env: "MERIDIAN_GEO_DEFAULT_COUNTRY", kind: "string", def: "US", help: "where a querier of unknown location is taken to be when a geo name has no global records (proximity rule)" },
];

export class ConfigError extends Error {}

/** `--dns-port 53` or `--dns-port=53` for MERIDIAN_DNS_PORT. */
export function flagName(env: string): string {
  return `--${env.slice("MERIDIAN_".length).toLowerCase().replaceAll("_", "-")}`;
}

function parseFlags(argv: readonly string[]): Map<string, string> {
  const known = new Map(SETTINGS.map((s) => [flagName(s.env), s.env]));
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const env = known.get(flag);
    if (env === undefined) throw new ConfigError(`unknown option ${flag} (see --help)`);
    let value: string | undefined = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new ConfigError(`option ${flag} needs a value`);
    out.set(env, value);
  }
  return out;
}

function convert(s: Setting, raw: string, source: string): Config[keyof Config] {
  switch (s.kind) {
    case "string":
      if (raw.trim() === "") throw new ConfigError(`${source} must not be empty`);
      return raw.trim();
    case "optional":
      return raw.trim() === "" ? null : raw.trim();
    case "hosts": {
      const hosts = raw.split(",").map((x) => x.trim()).filter((x) => x !== "");
      if (hosts.length === 0) throw new ConfigError(`${source} needs at least one address`);
      return hosts;
    }
    case "list": {
      const items = raw.split(",").map((x) => x.trim()).filter((x) => x !== "");
      if (items.length === 0) throw new ConfigError(`${source} needs at least one name`);
      return items.map((x) => (x.endsWith(".") ? x.toLowerCase() : `${x.toLowerCase()}.`));
    }
    case "port":
    case "uint": {
      const max = s.kind === "port" ? 65535 : (s.max ?? 2147483647);
      const min = s.min ?? 0;
      if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${source} must be a whole number, got "${raw}"`);
      const n = Number(raw.trim());
      if (n < min || n > max) throw new ConfigError(`${source} must be between ${min} and ${max}, got ${n}`);
      return n;
    }
  }
}

export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const flags = parseFlags(argv);
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const flag = flags.get(s.env);
    const raw = flag ?? env[s.env] ?? s.def;
    const source = flag !== undefined ? flagName(s.env) : env[s.env] !== undefined ? s.env : `default of ${s.env}`;
    out[s.key] = convert(s, raw, source);
  }
  return Object.freeze(out) as Config;
}

export function helpText(): string {
  const rows = SETTINGS.map((s) => `  ${flagName(s.env).padEnd(26)} ${s.env.padEnd(30)} default ${s.def === "" ? "(unset)" : s.def}\n      ${s.help}`);
  return `meridian: authoritative GeoDNS server\n\nusage: bun src/main.ts [--flag value ...]\n\n${rows.join("\n")}\n`;
}
