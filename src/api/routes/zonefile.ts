// BIND zone files (contract: Import / Export BIND Zone File). Import takes text/plain or
// application/octet-stream up to MERIDIAN_MAX_IMPORT_BYTES; `dry_run` and `replace` go beyond the contract.
import { Elysia, t } from "elysia";
import { AppError } from "../../errors.ts";
import { rowToSpec } from "../../store/records.ts";
import { planImport } from "../../zonefile/plan.ts";
import { printZone } from "../../zonefile/print.ts";
import { checkId } from "../auth.ts";
import type { ApiDeps } from "../deps.ts";
import { DnsRecord, Domain, ErrorBody, errorResponses } from "../models.ts";
import { domainJson, recordJson } from "../serialize.ts";
import { clientAuth } from "./auth-plugins.ts";

const ImportResponse = t.Object({
  domain: Domain,
  records_created: t.Integer(),
  partial_success: t.Optional(t.Boolean()),
  errors: t.Optional(t.Array(t.String())),
  dry_run: t.Optional(t.Boolean()),
  records: t.Array(DnsRecord),
});

/** An OpenAPI response entry from a TypeBox schema (TypeBox schemas are JSON Schema). */
const documented = (description: string, schema: object) => ({ description, content: { "application/json": { schema: { ...schema } as Record<string, never> } } });

export const zonefileRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/client", tags: ["zone files"] })
    .use(clientAuth(deps))
    .post(
      "/import/bind",
      async ({ client, request, query, set }) => {
        const type = (request.headers.get("content-type") ?? "text/plain").toLowerCase();
        if (!type.startsWith("text/plain") && !type.startsWith("application/octet-stream"))
          throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "send the zone file as text/plain or application/octet-stream");
        const text = await request.text();
        const own = deps.domains.listForClient(client.id).map((d) => d.name);
        const plan = planImport(text, own);
        const result = deps.imports.run(client.id, plan.domain, plan.items, plan.errors, { replace: query.replace === true, dryRun: query.dry_run === true });
        set.status = result.errors.length > 0 ? 206 : 201;
        return {
          domain: domainJson(result.domain),
          records_created: result.created.length,
          ...(result.errors.length > 0 && { partial_success: true, errors: result.errors }),
          ...(query.dry_run === true && { dry_run: true }),
          records: result.created.map(recordJson),
        };
      },
      {
        parse: "none",
        query: t.Object({
          dry_run: t.Optional(t.Boolean({ description: "report what would be created and change nothing" })),
          replace: t.Optional(t.Boolean({ description: "make the domain's records exactly the file's, atomically" })),
        }),
        // The response schema is documentation only here: validating a 100k-record answer took longer than the import.
        detail: {
          summary: "Import a BIND zone file (201, or 206 with errors for skipped records)",
          responses: {
            201: documented("every record imported", ImportResponse),
            206: documented("some records skipped; see errors", ImportResponse),
            ...Object.fromEntries([400, 401, 403, 404, 409, 413, 415].map((code) => [code, documented("error", ErrorBody)])),
          },
        },
      },
    )
    .get(
      "/domains/:id/export/bind",
      ({ client, params, set }) => {
        const domain = deps.domains.getOwned(client.id, checkId(params.id, "domain"));
        const records = deps.records.listForDomain(domain.id).map(rowToSpec);
        records.sort((a, b) => Number(a.name !== domain.name) - Number(b.name !== domain.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        set.headers["content-type"] = "text/plain; charset=utf-8";
        set.headers["content-disposition"] = `attachment; filename="${domain.name.slice(0, -1)}.zone"`;
        return printZone(domain.name, domain.serial, records, deps.soa, new Date().toISOString());
      },
      { response: { 200: t.String(), ...errorResponses }, detail: { summary: "Export a domain as a BIND zone file" } },
    );
