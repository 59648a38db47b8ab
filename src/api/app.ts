// The HTTP application: mounts every resource, enforces request limits and content types, and maps every
// error to `{"error", "code"}` in this one place. A stack trace never reaches a client.
import { openapi } from "@elysiajs/openapi";
import { Elysia } from "elysia";
import { AppError } from "../errors.ts";
import type { ApiDeps } from "./deps.ts";
import { accountRoutes } from "./routes/account.ts";
import { adminClientRoutes } from "./routes/admin-clients.ts";
import { adminStatsRoutes } from "./routes/admin-stats.ts";
import { domainRoutes } from "./routes/domains.ts";
import { geoRoutes } from "./routes/geo.ts";
import { recordRoutes } from "./routes/records.ts";
import { zonefileRoutes } from "./routes/zonefile.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const errorJson = (status: number, code: string, error: string) => json(status, { error, code });

/** Routes whose body is not JSON (zone files). */
const RAW_BODY_PATHS = new Set(["/api/client/import/bind"]);

type ValidationLike = { all?: { path?: string; summary?: string; message?: string }[] };

function validationMessage(err: unknown): string {
  const first = (err as ValidationLike).all?.[0];
  if (!first) return "Invalid request body or missing required fields";
  const field = first.path ? first.path.replace(/^\//, "").replaceAll("/", ".") : "body";
  return `Invalid request: ${field}: ${first.summary ?? first.message ?? "invalid value"}`;
}

export function createApp(deps: ApiDeps) {
  let routes: { method: string; path: string }[] = [];
  const app = new Elysia()
    .onRequest(({ request }) => {
      const method = request.method;
      if (method !== "POST" && method !== "PUT" && method !== "PATCH") return;
      const raw = RAW_BODY_PATHS.has(new URL(request.url).pathname);
      const limit = raw ? deps.maxImportBytes : deps.maxBodyBytes;
      const length = Number(request.headers.get("content-length") ?? "0");
      if (length > limit) return errorJson(413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${limit} bytes`);
      const hasBody = length > 0 || request.headers.has("transfer-encoding");
      const type = (request.headers.get("content-type") ?? "").toLowerCase();
      if (!hasBody || raw) return;
      if (!type.startsWith("application/json"))
        return errorJson(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
    })
    .onError({ as: "global" }, ({ code, error, request, path }) => {
      if (error instanceof AppError) return errorJson(error.status, error.code, error.message);
      switch (code) {
        case "VALIDATION":
          return errorJson(400, "INVALID_PARAMETER", validationMessage(error));
        case "PARSE":
          return errorJson(400, "INVALID_JSON", "Request body is not valid JSON");
        case "NOT_FOUND":
          return allowedMethods(routes, path, request.method)
            ? errorJson(405, "METHOD_NOT_ALLOWED", `Method ${request.method} is not allowed on ${path}`)
            : errorJson(404, "NOT_FOUND", `No route for ${request.method} ${path}`);
      }
      const requestId = crypto.randomUUID();
      console.error(`[http] request ${requestId} ${request.method} ${path} failed:`, error);
      return errorJson(500, "INTERNAL_ERROR", `Internal server error (request id ${requestId})`);
    })
    // A write is acknowledged only once it is on disk (store/db.ts): its response waits for the WAL fsync, which
    // runs off the event loop, so DNS keeps answering meanwhile.
    .onAfterHandle({ as: "global" }, async ({ request }) => {
      if (request.method !== "GET" && request.method !== "HEAD") await deps.durable();
    })
    .use(
      openapi({
        path: "/api/docs",
        specPath: "/api/openapi.json",
        documentation: {
          info: { title: "Meridian API", version: "0.1.0", description: "Client and admin API of the Meridian GeoDNS server" },
          components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
          security: [{ bearer: [] }],
        },
      }),
    )
    .get("/health", ({ set }) => {
      if (deps.isReady()) return { status: "ok" };
      set.status = 503;
      return { status: "starting" };
    })
    .use(domainRoutes(deps))
    .use(recordRoutes(deps))
    .use(accountRoutes(deps))
    .use(zonefileRoutes(deps))
    .use(geoRoutes(deps))
    .use(adminClientRoutes(deps))
    .use(adminStatsRoutes(deps));
  routes = app.routes;
  return app;
}

/** True when the path exists under another method, so the answer is 405 rather than 404. */
function allowedMethods(routes: { method: string; path: string }[], path: string, method: string): boolean {
  return routes.some((r) => r.method !== method && new RegExp(`^${r.path.replace(/\/$/, "").replace(/:[^/]+/g, "[^/]+")}/?$`).test(path));
}
