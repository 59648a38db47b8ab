// Authentication plugins: the client API resolves the calling client from its token, the admin API checks the
// admin token, before any handler runs.
import { Elysia } from "elysia";
import { authenticateAdmin, authenticateClient } from "../auth.ts";
import type { ApiDeps } from "../deps.ts";

export const clientAuth = (deps: ApiDeps) =>
  new Elysia({ name: "client-auth" }).resolve({ as: "scoped" }, ({ headers }) => ({
    client: authenticateClient(deps.clients, headers.authorization),
  }));

export const adminAuth = (deps: ApiDeps) =>
  new Elysia({ name: "admin-auth" }).onBeforeHandle({ as: "scoped" }, ({ headers }) => {
    authenticateAdmin(deps.adminTokenHash(), headers.authorization);
  });
