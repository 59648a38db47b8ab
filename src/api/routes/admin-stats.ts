// /api/admin/stats: the DNS side's counters (queries, drops, rcodes, handler failures), what is served and the
// store's fsyncs, for operators; the hot path only increments counters and never logs per query.
import { Elysia, t } from "elysia";
import { adminAuth } from "./auth-plugins.ts";
import type { ApiDeps } from "../deps.ts";
import { errorResponses } from "../models.ts";

const RCODE_NAMES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];

const Stats = t.Object({
  zones: t.Integer(),
  queries: t.Integer(),
  dropped: t.Integer({ description: "unanswerable packets (QR=1, shorter than a header)" }),
  failures: t.Integer({ description: "queries that hit a handler bug and got SERVFAIL" }),
  rcodes: t.Record(t.String(), t.Integer()),
  tcp_connections: t.Integer(),
  udp_batched_replies: t.Integer({ description: "UDP replies sent in batches (sendmmsg) under heavy load" }),
  wal_fsyncs: t.Integer({ description: "fsyncs that made API writes durable; concurrent writes share one" }),
});

export const adminStatsRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/admin", tags: ["admin"] })
    .use(adminAuth(deps))
    .get(
      "/stats",
      () => {
        const s = deps.dnsStats();
        const rcodes: Record<string, number> = {};
        s.rcodes.forEach((n, code) => {
          if (n > 0) rcodes[code === 16 ? "BADVERS" : (RCODE_NAMES[code] ?? String(code))] = n;
        });
        return { zones: s.zones, queries: s.queries, dropped: s.dropped, failures: s.failures, rcodes, tcp_connections: s.tcpConnections, udp_batched_replies: s.udpBatched, wal_fsyncs: deps.walSyncs() };
      },
      { response: { 200: Stats, ...errorResponses }, detail: { summary: "DNS and store counters since start" } },
    );
