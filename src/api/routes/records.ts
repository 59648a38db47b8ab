// /api/client/records: create, update, delete (contract: Records). Ownership failures are 404, never 403.
import { Elysia } from "elysia";
import { checkId } from "../auth.ts";
import type { ApiDeps } from "../deps.ts";
import { CreateRecordBody, DnsRecord, ErrorBody, errorResponses, Message, UpdateRecordBody } from "../models.ts";
import { recordJson } from "../serialize.ts";
import { clientAuth } from "./auth-plugins.ts";

export const recordRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/client", tags: ["records"] })
    .use(clientAuth(deps))
    .post(
      "/records",
      ({ client, body, set }) => {
        const row = deps.records.create(client.id, checkId(body.domain_id, "domain"), body);
        set.status = 201;
        return recordJson(row);
      },
      {
        body: CreateRecordBody,
        response: { 201: DnsRecord, 409: ErrorBody, ...errorResponses },
        detail: { summary: "Create a record (409 on a CNAME conflict or a duplicate)" },
      },
    )
    .put("/records/:id", ({ client, params, body }) => recordJson(deps.records.update(client.id, checkId(params.id, "record"), body)), {
      body: UpdateRecordBody,
      response: { 200: DnsRecord, 409: ErrorBody, ...errorResponses },
      detail: { summary: "Update a record; absent fields keep their values" },
    })
    .delete(
      "/records/:id",
      ({ client, params }) => {
        deps.records.delete(client.id, checkId(params.id, "record"));
        return { message: "Record deleted" };
      },
      { response: { 200: Message, ...errorResponses }, detail: { summary: "Delete a record" } },
    );
