// Composition root: opens the store, compiles every zone, starts DNS (UDP+TCP) and HTTP, and stops them in
// order. The only file that wires management (store, API) to serving (registry, DNS).
import { createApp } from "./api/app.ts";
import type { Config } from "./config.ts";
import { DnsHandler } from "./dns/handle.ts";
import { listenTcp, type TcpListener } from "./dns/server/tcp.ts";
import { listenUdp, type UdpListener } from "./dns/server/udp.ts";
import { setGroups } from "./geo/codes.ts";
import { GeoDatabase, embeddedDatabasePath } from "./geo/database.ts";
import { loadGroupFile } from "./geo/groups.ts";
import { COUNTRY_INDEX } from "./geo/select.ts";
import { resolveAdminTokenHash } from "./store/admin-token.ts";
import { ClientRepo } from "./store/clients.ts";
import { openStore } from "./store/db.ts";
import { DomainRepo } from "./store/domains.ts";
import { ImportRepo } from "./store/import.ts";
import { RecordRepo } from "./store/records.ts";
import { ZoneSync } from "./sync/sync.ts";
import { warmUp } from "./warmup.ts";
import { ZoneRegistry } from "./zone/registry.ts";
import type { SoaSettings } from "./zone/types.ts";

export type Meridian = {
  dnsPort: number;
  httpPort: number;
  registry: ZoneRegistry;
  handler: DnsHandler;
  geo: GeoDatabase;
  stop(): Promise<void>;
};

export type StartOptions = { log?: (line: string) => void; announceAdminToken?: (token: string) => void };

function soaSettings(c: Config): SoaSettings {
  return {
    nameservers: c.nameservers,
    contact: c.soaContact,
    refresh: c.soaRefresh,
    retry: c.soaRetry,
    expire: c.soaExpire,
    minimum: c.soaMinimum,
    soaTtl: c.soaTtl,
    nsTtl: c.nsTtl,
  };
}

function bindError(err: unknown, what: string, env: string): Error {
  const code = (err as { code?: string }).code ?? "";
  const reason = code === "EACCES" ? "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : code === "EADDRINUSE" ? "address already in use" : String(err);
  return new Error(`cannot listen on ${what}: ${reason}; set ${env} (or its flag) to another value`);
}

const hostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

type DnsListeners = { hosts: string[]; port: number; close(): void; connections(): number; batchedReplies(): number };

/**
 * UDP and TCP on one address; with port 0, the port UDP got is tried for TCP, a few times if taken. The
 * dual-stack default `::` falls back to IPv4 alone on a machine with IPv6 turned off.
 */
async function listenOn(handler: DnsHandler, c: Config, wanted: string, port: number): Promise<{ host: string; udp: UdpListener; tcp: TcpListener }> {
  let host = wanted;
  for (let attempt = 0; ; attempt++) {
    let udp: UdpListener;
    try {
      udp = await listenUdp(handler, host, port, c.ednsUdpMax, c.udpBatchQps);
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (host === "::" && (code === "EAFNOSUPPORT" || code === "EADDRNOTAVAIL")) {
        host = "0.0.0.0";
        continue;
      }
      throw bindError(err, `${hostPort(host, port)}/udp`, port === 53 ? "MERIDIAN_DNS_PORT" : "MERIDIAN_DNS_HOST or MERIDIAN_DNS_PORT");
    }
    try {
      return { host, udp, tcp: listenTcp(handler, host, udp.port, c.tcpIdleMs, c.tcpMaxConnections) };
    } catch (err) {
      udp.close();
      if (port !== 0 || attempt >= 10) throw bindError(err, `${hostPort(host, udp.port)}/tcp`, "MERIDIAN_DNS_PORT");
    }
  }
}

/** Every configured address on one port (the first address picks it when the port is 0). */
async function listenDns(handler: DnsHandler, c: Config): Promise<DnsListeners> {
  const bound: { host: string; udp: UdpListener; tcp: TcpListener }[] = [];
  const close = () => {
    for (const b of bound) {
      b.udp.close();
      b.tcp.close();
    }
  };
  try {
    for (const host of c.dnsHosts) bound.push(await listenOn(handler, c, host, bound[0]?.udp.port ?? c.dnsPort));
  } catch (err) {
    close();
    throw err;
  }
  return {
    hosts: bound.map((b) => b.host),
    port: (bound[0] as { udp: UdpListener }).udp.port,
    close,
    connections: () => bound.reduce((n, b) => n + b.tcp.connections(), 0),
    batchedReplies: () => bound.reduce((n, b) => n + b.udp.batchedReplies(), 0),
  };
}

function openGeo(config: Config, log: (line: string) => void): GeoDatabase {
  if (config.geoGroups !== null) setGroups(loadGroupFile(config.geoGroups));
  if (!COUNTRY_INDEX.has(config.geoDefaultCountry.toUpperCase()))
    throw new Error(`MERIDIAN_GEO_DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 code, got "${config.geoDefaultCountry}"`);
  const path = config.geoipDb ?? embeddedDatabasePath();
  try {
    return new GeoDatabase(path, log);
  } catch (err) {
    throw new Error(`cannot open the geo database ${path}: ${String(err)}; set MERIDIAN_GEOIP_DB to a MaxMind-format file`);
  }
}

export async function startMeridian(config: Config, opts: StartOptions = {}): Promise<Meridian> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const geo = openGeo(config, log);
  const store = openStore(config.db);
  const registry = new ZoneRegistry();
  let sync: ZoneSync | null = null;
  const onChange = (domainId: string, owners: readonly string[] = []) => sync?.changed(domainId, owners);
  const clients = new ClientRepo(store.db, onChange);
  const domains = new DomainRepo(store.db, onChange);
  const records = new RecordRepo(store.db, onChange);
  const imports = new ImportRepo(store.db, store.sqlite, onChange);
  const soa = soaSettings(config);
  sync = new ZoneSync(domains, records, registry, soa, { defaultCountry: config.geoDefaultCountry.toUpperCase() });
  const loaded = sync.loadAll();
  // Resolved once every listener is up, so a start that fails never generates (and prints) a token for nothing.
  let adminTokenHash = "";

  const handler = new DnsHandler(registry, config.ednsUdpMax, () => geo);
  const warmMs = config.warmupQueries > 0 ? warmUp(handler, registry, soa, config.warmupQueries).ms : 0;
  let ready = false;
  let dns: DnsListeners;
  try {
    dns = await listenDns(handler, config);
  } catch (err) {
    store.close();
    throw err;
  }
  const app = createApp({
    dnsStats: () => ({ ...handler.stats, zones: registry.size, tcpConnections: dns.connections(), udpBatched: dns.batchedReplies() }),
    clients,
    domains,
    records,
    imports,
    soa,
    durable: store.durable,
    walSyncs: store.syncs,
    adminTokenHash: () => adminTokenHash,
    explain: new DnsHandler(registry, config.ednsUdpMax, () => geo),
    geo,
    maxBodyBytes: config.maxBodyBytes,
    maxImportBytes: config.maxImportBytes,
    isReady: () => ready,
  });
  let http: ReturnType<typeof Bun.serve>;
  try {
    http = Bun.serve({ hostname: config.httpHost, port: config.httpPort, fetch: app.fetch, maxRequestBodySize: Math.max(config.maxBodyBytes, config.maxImportBytes) + 1024 });
  } catch (err) {
    dns.close();
    store.close();
    throw bindError(err, `${config.httpHost}:${config.httpPort}/tcp (HTTP)`, "MERIDIAN_HTTP_PORT");
  }
  let generated: string | null = null;
  adminTokenHash = resolveAdminTokenHash(store.db, config.adminToken, (t) => {
    generated = t;
  });
  // The generated token's hash is on disk before the token is shown (it is shown once).
  await store.durable();
  if (generated !== null) (opts.announceAdminToken ?? ((t: string) => log(`meridian: generated admin token (shown once, keep it): ${t}`)))(generated);
  if (config.geoipDb !== null) geo.watchFile();
  ready = true;
  log(
    `meridian: dns udp+tcp ${dns.hosts.map((h) => hostPort(h, dns.port)).join(" ")}, http ${hostPort(config.httpHost, http.port as number)}; ` +
      `${loaded.zones} zones, ${loaded.records} records compiled in ${loaded.ms.toFixed(1)} ms; JIT warm-up ${warmMs.toFixed(0)} ms; db ${config.db}; geo ${geo.description}`,
  );

  let stopped = false;
  return {
    dnsPort: dns.port,
    httpPort: http.port as number,
    registry,
    handler,
    geo,
    async stop() {
      if (stopped) return;
      stopped = true;
      ready = false;
      dns.close();
      await http.stop(false);
      geo.close();
      store.close();
    },
  };
}
