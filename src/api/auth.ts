// Bearer-token authentication: `Authorization: Bearer <token>` or the bare token (contract, "Authentication").
import { AppError } from "../errors.ts";
import type { ClientRepo } from "../store/clients.ts";
import type { ClientRow } from "../store/schema.ts";
import { hashesEqual, hashToken } from "../store/tokens.ts";

export function bearer(header: string | undefined | null): string {
  const raw = header?.trim() ?? "";
  const token = raw.toLowerCase().startsWith("bearer ") ? raw.slice(7).trim() : raw;
  if (token === "") throw new AppError(401, "AUTH_REQUIRED", "Authentication required: send Authorization: Bearer <token>");
  return token;
}

export function authenticateClient(clients: ClientRepo, header: string | undefined | null): ClientRow {
  const client = clients.findByToken(bearer(header));
  if (!client) throw new AppError(401, "INVALID_APIKEY", "Invalid API token");
  return client;
}

export function authenticateAdmin(adminTokenHash: string, header: string | undefined | null): void {
  if (!hashesEqual(hashToken(bearer(header)), adminTokenHash)) throw new AppError(401, "INVALID_APIKEY", "Invalid admin token");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path and body ids must be UUIDs: anything else is a 400 naming the kind of id (contract error lists). */
export function checkId(id: string, kind: "domain" | "record" | "client"): string {
  if (!UUID.test(id)) throw new AppError(400, "INVALID_ID", `Invalid ${kind} ID`);
  return id.toLowerCase();
}
