// /api/admin/clients: where clients and their tokens come from; authorised by the admin token.
import { Elysia, t } from "elysia";
import { checkId } from "../auth.ts";
import { adminAuth } from "./auth-plugins.ts";
import type { ApiDeps } from "../deps.ts";
import { Client, ClientWithToken, CreateClientBody, errorResponses, Message, UpdateClientBody } from "../models.ts";
import { clientJson, clientWithTokenJson } from "../serialize.ts";

export const adminClientRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/admin/clients", tags: ["admin"] })
    .use(adminAuth(deps))
    .post(
      "/",
      ({ body, set }) => {
        const { client, token } = deps.clients.create({ name: body.name.trim(), email: body.email.trim(), domainLimit: body.domain_limit });
        set.status = 201;
        return clientWithTokenJson(client, token);
      },
      { body: CreateClientBody, response: { 201: ClientWithToken, ...errorResponses }, detail: { summary: "Create a client; the response holds its API token" } },
    )
    .get("/", () => deps.clients.list().map(clientJson), { response: { 200: t.Array(Client), ...errorResponses }, detail: { summary: "List clients" } })
    .get("/:id", ({ params }) => clientJson(deps.clients.get(checkId(params.id, "client"))), {
      response: { 200: Client, ...errorResponses },
      detail: { summary: "Get a client" },
    })
    .put(
      "/:id",
      ({ params, body }) =>
        clientJson(
          deps.clients.update(checkId(params.id, "client"), {
            ...(body.name !== undefined && { name: body.name.trim() }),
            ...(body.email !== undefined && { email: body.email.trim() }),
            ...(body.domain_limit !== undefined && { domainLimit: body.domain_limit }),
          }),
        ),
      { body: UpdateClientBody, response: { 200: Client, ...errorResponses }, detail: { summary: "Update name, email, domain_limit" } },
    )
    .delete(
      "/:id",
      ({ params }) => {
        deps.clients.delete(checkId(params.id, "client"));
        return { message: "Client deleted" };
      },
      { response: { 200: Message, ...errorResponses }, detail: { summary: "Delete a client with its domains" } },
    )
    .post(
      "/:id/rotate-api-key",
      ({ params }) => {
        const { client, token } = deps.clients.rotateToken(checkId(params.id, "client"));
        return clientWithTokenJson(client, token);
      },
      { response: { 200: ClientWithToken, ...errorResponses }, detail: { summary: "Rotate a client's API key" } },
    );
