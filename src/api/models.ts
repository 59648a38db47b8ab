// TypeBox models: the single source for request validation and the OpenAPI document. Field names follow the
// contract (snake_case).
import { t } from "elysia";

const Timestamp = t.String({ format: "date-time", description: "RFC 3339 UTC" });

export const ErrorBody = t.Object({
  error: t.String({ description: "message for a person" }),
  code: t.String({ description: "machine-readable code, e.g. INVALID_PARAMETER" }),
});

export const Message = t.Object({ message: t.String() });

export const Domain = t.Object({
  id: t.String({ format: "uuid" }),
  client_id: t.String({ format: "uuid" }),
  name: t.String({ examples: ["example.com."] }),
  active: t.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const DnsRecord = t.Object({
  id: t.String({ format: "uuid" }),
  domain_id: t.String({ format: "uuid" }),
  name: t.String({ description: "owner FQDN", examples: ["www.example.com."] }),
  type: t.String({ examples: ["A"] }),
  ttl: t.Integer(),
  country_codes: t.Array(t.String()),
  priority: t.Integer(),
  value: t.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const CreateDomainBody = t.Object({ name: t.String({ description: "normalised: trimmed, lowercased, trailing dot" }) });

const recordFields = {
  name: t.String({ description: "`@`, a relative name (`www`) or an FQDN inside the domain" }),
  type: t.String({ description: "A, AAAA, CNAME, MX, TXT, SRV, PTR, NS or CAA (case-insensitive)" }),
  value: t.String(),
  ttl: t.Integer({ description: "0..2147483647, default 3600" }),
  priority: t.Integer({ description: "MX preference or SRV priority, 0..65535" }),
  country_codes: t.Array(t.String(), { description: 'locations; ["disabled"] or [] = global' }),
};

export const CreateRecordBody = t.Object({
  domain_id: t.String({ description: "uuid of a domain the client owns" }),
  name: recordFields.name,
  type: recordFields.type,
  value: recordFields.value,
  ttl: t.Optional(recordFields.ttl),
  priority: t.Optional(recordFields.priority),
  country_codes: t.Optional(recordFields.country_codes),
});

export const UpdateRecordBody = t.Partial(t.Object(recordFields));

export const Client = t.Object({
  id: t.String({ format: "uuid" }),
  name: t.String(),
  email: t.String(),
  domain_limit: t.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const ClientWithToken = t.Composite([Client, t.Object({ api_token: t.String({ description: "shown once; only its hash is stored" }) })]);

export const CreateClientBody = t.Object({
  name: t.String({ minLength: 1, maxLength: 200 }),
  email: t.String({ minLength: 3, maxLength: 320 }),
  domain_limit: t.Integer({ minimum: 0, maximum: 1000000 }),
});

export const UpdateClientBody = t.Partial(CreateClientBody);

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  404: ErrorBody,
  500: ErrorBody,
} as const;

/** Optional paging of list endpoints; without it every item is returned, as the contract says. */
export const PageQuery = t.Object({
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 10000, description: "at most this many items" })),
  offset: t.Optional(t.Integer({ minimum: 0, description: "skip this many items first" })),
});
