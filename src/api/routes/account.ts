// /api/client/rotate-api-key: a new token replaces the old one, which stops working at once (contract).
import { Elysia } from "elysia";
import type { ApiDeps } from "../deps.ts";
import { ClientWithToken, ErrorBody } from "../models.ts";
import { clientWithTokenJson } from "../serialize.ts";
import { clientAuth } from "./auth-plugins.ts";

export const accountRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/client", tags: ["account"] })
    .use(clientAuth(deps))
    .post(
      "/rotate-api-key",
      ({ client }) => {
        const { client: row, token } = deps.clients.rotateToken(client.id);
        return clientWithTokenJson(row, token);
      },
      { response: { 200: ClientWithToken, 401: ErrorBody, 404: ErrorBody, 500: ErrorBody }, detail: { summary: "Rotate the API key" } },
    );
