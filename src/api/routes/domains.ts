// /api/client/domains: list, create (under quota), delete, and a domain's records (contract: Domains).
import { Elysia, t } from "elysia";
import { badRequest } from "../../errors.ts";
import { normalizeDomainName, resolveOwner } from "../../zone/names.ts";
import { checkId } from "../auth.ts";
import type { ApiDeps } from "../deps.ts";
import { CreateDomainBody, DnsRecord, Domain, ErrorBody, errorResponses, Message, PageQuery } from "../models.ts";
import { domainJson, recordJson } from "../serialize.ts";
import { clientAuth } from "./auth-plugins.ts";

export const domainRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/client", tags: ["domains"] })
    .use(clientAuth(deps))
    .get(
      "/domains",
      ({ client, query, set }) => {
        set.headers["x-total-count"] = String(deps.domains.countForClient(client.id));
        return deps.domains.listForClient(client.id, query).map(domainJson);
      },
      {
        query: PageQuery,
        response: { 200: t.Array(Domain), ...errorResponses },
        detail: { summary: "List the client's domains (all by default; limit/offset page them, X-Total-Count counts them)" },
      },
    )
    .post(
      "/domains",
      ({ client, body, set }) => {
        const name = normalizeDomainName(body.name);
        if (!name.ok) throw badRequest(name.error, "INVALID_FQDN");
        set.status = 201;
        return domainJson(deps.domains.create(client.id, name.name));
      },
      {
        body: CreateDomainBody,
        response: { 201: Domain, 403: ErrorBody, 409: ErrorBody, ...errorResponses },
        detail: { summary: "Create a domain (quota-checked: 403 Domain limit reached)" },
      },
    )
    .delete(
      "/domains/:id",
      ({ client, params }) => {
        deps.domains.delete(client.id, checkId(params.id, "domain"));
        return { message: "Domain deleted" };
      },
      { response: { 200: Message, ...errorResponses }, detail: { summary: "Delete a domain and its records" } },
    )
    .get(
      "/domains/:id/records",
      ({ client, params, query, set }) => {
        const domain = deps.domains.getOwned(client.id, checkId(params.id, "domain"));
        let name: string | undefined;
        if (query.name !== undefined) {
          const owner = resolveOwner(query.name, domain.name);
          if (!owner.ok) throw badRequest(owner.error);
          name = owner.name;
        }
        const filter = { ...query, name, type: query.type?.toUpperCase() };
        set.headers["x-total-count"] = String(deps.records.countForDomain(domain.id, filter));
        return deps.records.listForDomain(domain.id, filter).map(recordJson);
      },
      {
        query: t.Composite([PageQuery, t.Object({ name: t.Optional(t.String({ description: "only this owner (@, relative or FQDN)" })), type: t.Optional(t.String({ description: "only this type" })) })]),
        response: { 200: t.Array(DnsRecord), ...errorResponses },
        detail: { summary: "List a domain's records (all by default; name/type filter, limit/offset page, X-Total-Count counts)" },
      },
    );
