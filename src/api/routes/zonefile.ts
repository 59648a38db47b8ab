// BIND zone-file import and export (contract: Import/Export BIND Zone File). Not yet implemented: 501 until
// the zone-file issue lands, after authentication so the answer reveals nothing to a caller without a token.
import { Elysia } from "elysia";
import { AppError } from "../../errors.ts";
import type { ApiDeps } from "../deps.ts";
import { clientAuth } from "./client-auth.ts";

const notImplemented = () => {
  throw new AppError(501, "NOT_IMPLEMENTED", "BIND zone-file import and export are not implemented yet");
};

export const zonefileRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: "/api/client", tags: ["zone files"] })
    .use(clientAuth(deps))
    .post("/import/bind", notImplemented, { detail: { summary: "Import a BIND zone file (not implemented yet)" } })
    .get("/domains/:id/export/bind", notImplemented, { detail: { summary: "Export a BIND zone file (not implemented yet)" } });
