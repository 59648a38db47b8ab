// Store rows -> the contract's JSON shapes (snake_case). The token hash never leaves the store.
import type { ClientRow, DomainRow, RecordRow } from "../store/schema.ts";

export const domainJson = (d: DomainRow) => ({
  id: d.id,
  client_id: d.clientId,
  name: d.name,
  active: d.active,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

export const recordJson = (r: RecordRow) => ({
  id: r.id,
  domain_id: r.domainId,
  name: r.name,
  type: r.type,
  ttl: r.ttl,
  country_codes: JSON.parse(r.countryCodes) as string[],
  priority: r.priority,
  value: r.value,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
});

export const clientJson = (c: ClientRow) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  domain_limit: c.domainLimit,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

export const clientWithTokenJson = (c: ClientRow, token: string) => ({ ...clientJson(c), api_token: token });
