// What the HTTP layer is given by the composition root: repositories and readiness. Nothing else.
import type { DnsHandler } from "../dns/handle.ts";
import type { GeoDatabase } from "../geo/database.ts";
import type { ClientRepo } from "../store/clients.ts";
import type { DomainRepo } from "../store/domains.ts";
import type { ImportRepo } from "../store/import.ts";
import type { RecordRepo } from "../store/records.ts";
import type { SoaSettings } from "../zone/types.ts";

export type ApiDeps = {
  clients: ClientRepo;
  domains: DomainRepo;
  records: RecordRepo;
  imports: ImportRepo;
  soa: SoaSettings;
  /** Resolves once every commit so far is on disk; a write's response waits for it. */
  durable(): Promise<void>;
  /** How many fsyncs durable() has made. */
  walSyncs(): number;
  /** The admin token's hash; empty (no admin access) until the server is listening. */
  adminTokenHash(): string;
  /** A DNS handler of its own over the live zones, so explain answers exactly as the DNS path does. */
  explain: DnsHandler;
  geo: GeoDatabase;
  /** DNS counters since start, summed over the UDP/TCP handler. */
  dnsStats(): { zones: number; queries: number; dropped: number; failures: number; rcodes: Uint32Array; tcpConnections: number; udpBatched: number };
  maxBodyBytes: number;
  maxImportBytes: number;
  isReady(): boolean;
};
