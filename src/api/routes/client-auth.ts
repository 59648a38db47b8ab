// The client-API plugin base: resolves the calling client from its token before any /api/client handler runs.
import { Elysia } from "elysia";
import { authenticateClient } from "../auth.ts";
import type { ApiDeps } from "../deps.ts";

export const clientAuth = (deps: ApiDeps) =>
  new Elysia({ name: "client-auth" }).resolve({ as: "scoped" }, ({ headers }) => ({
    client: authenticateClient(deps.clients, headers.authorization),
  }));
