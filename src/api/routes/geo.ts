// GeoDNS helpers: the list of valid location codes, and "explain": what a querier at a given address gets
// for a name and type, run through a DNS handler over the live zones (the same code path as the DNS server)
// with that address as EDNS Client Subnet.
import * as packet from "dns-packet";
import { Elysia, t } from "elysia";
import { badRequest } from "../../errors.ts";
import { groupTable, listCodes } from "../../geo/codes.ts";
import { CONTINENTS, COUNTRIES } from "../../geo/countries.ts";
import { RULE_NAMES, UNKNOWN } from "../../geo/select.ts";
import { parseIPv4, parseIPv6 } from "../../zone/ip.ts";
import { resolveOwner } from "../../zone/names.ts";
import { checkId } from "../auth.ts";
import type { ApiDeps } from "../deps.ts";
import { errorResponses } from "../models.ts";
import { clientAuth } from "./auth-plugins.ts";

const Code = t.Object({ code: t.String(), kind: t.String(), name: t.String(), countries: t.Optional(t.Array(t.String())) });

const Explain = t.Object({
  name: t.String(),
  type: t.String(),
  ip: t.String(),
  location: t.Union([
    t.Object({ country: t.String(), country_name: t.String(), continent: t.String(), continent_name: t.String(), groups: t.Array(t.String()) }),
    t.Null(),
  ]),
  network_prefix: t.Integer({ description: "prefix length of the database network holding the address" }),
  rule: t.String({ description: "country, area, global, proximity, or none (the name has no location-targeted records)" }),
  area: t.Union([t.String(), t.Null()]),
  ecs_scope: t.Integer({ description: "the scope prefix a resolver sending this address as ECS would get" }),
  rcode: t.String(),
  answers: t.Array(t.Object({ name: t.String(), type: t.String(), ttl: t.Integer(), data: t.String() })),
});

function rdataText(a: packet.Answer): string {
  const d = (a as { data?: unknown }).data;
  if (Buffer.isBuffer(d)) return d.toString();
  if (Array.isArray(d)) return d.map((x) => (Buffer.isBuffer(x) ? x.toString() : String(x))).join("");
  if (typeof d === "object" && d !== null) return Object.values(d).join(" ");
  return String(d);
}

export const geoRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/client", tags: ["geo"] })
    .use(clientAuth(deps))
    .get("/geo/codes", () => listCodes().map((c) => ({ ...c, countries: c.countries ? [...c.countries] : undefined })), {
      response: { 200: t.Array(Code), ...errorResponses },
      detail: { summary: "Every valid location code: countries, continents, groups, and disabled" },
    })
    .get(
      "/domains/:id/resolve",
      ({ client, params, query }) => {
        const domain = deps.domains.getOwned(client.id, checkId(params.id, "domain"));
        const owner = resolveOwner(query.name ?? "@", domain.name);
        if (!owner.ok) throw badRequest(owner.error);
        const type = (query.type ?? "A").toUpperCase();
        const ip = query.ip.trim();
        const v6 = parseIPv6(ip);
        const v4 = parseIPv4(ip);
        if (!v4 && !v6) throw badRequest(`"${ip}" is not an IPv4 or IPv6 address`);
        let msg: Buffer;
        try {
          msg = packet.encode({
            type: "query",
            id: 1,
            questions: [{ name: owner.name, type: type as packet.RecordType }],
            additionals: [{ type: "OPT", name: ".", udpPayloadSize: 65535, options: [{ code: "CLIENT_SUBNET", ip, sourcePrefixLength: v4 ? 32 : 128, scopePrefixLength: 0 }] } as unknown as packet.Answer],
          });
        } catch {
          throw badRequest(`unknown record type "${query.type}"`);
        }
        const n = deps.explain.handle(msg, msg.length, true, ip);
        const reply = packet.decode(Buffer.from(deps.explain.out.subarray(0, n))) as packet.Packet & { rcode?: string };
        const g = deps.explain.lastGeo;
        const country = g.location < UNKNOWN ? COUNTRIES[g.location] : undefined;
        return {
          name: owner.name,
          type,
          ip,
          location: country
            ? {
                country: country.code,
                country_name: country.name,
                continent: country.continent,
                continent_name: CONTINENTS[country.continent] ?? country.continent,
                groups: Object.entries(groupTable()).flatMap(([name, members]) => (members.includes(country.code) ? [name] : [])),
              }
            : null,
          network_prefix: deps.geo.prefix,
          rule: RULE_NAMES[g.rule] ?? "none",
          area: g.area,
          ecs_scope: g.scope,
          rcode: reply.rcode ?? "NOERROR",
          answers: (reply.answers ?? []).map((a) => ({ name: a.name, type: a.type, ttl: (a as { ttl?: number }).ttl ?? 0, data: rdataText(a) })),
        };
      },
      {
        query: t.Object({
          name: t.Optional(t.String({ description: "`@`, relative or FQDN inside the domain (default @)" })),
          type: t.Optional(t.String({ description: "record type (default A)" })),
          ip: t.String({ description: "the querier's address, IPv4 or IPv6" }),
        }),
        response: { 200: Explain, ...errorResponses },
        detail: { summary: "Explain: what a querier at `ip` gets for name/type, with the location, rule and ECS scope" },
      },
    );
