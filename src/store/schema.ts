// Drizzle schema: the durable store. snake_case columns; timestamps are RFC 3339 UTC strings.
// Migrations in drizzle/ are generated from this file by drizzle-kit and never edited by hand.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const clients = sqliteTable(
  "clients",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    apiTokenHash: text("api_token_hash").notNull(),
    domainLimit: integer("domain_limit").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("clients_api_token_hash_uq").on(t.apiTokenHash)],
);

export const domains = sqliteTable(
  "domains",
  {
    id: text("id").primaryKey(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    // Normalised: lowercase, trailing dot, so the unique index is case-insensitive by construction.
    name: text("name").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // SOA serial; bumped in the same transaction as every change to the zone (RFC 1982 arithmetic never wraps here).
    serial: integer("serial").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("domains_name_uq").on(t.name), index("domains_client_idx").on(t.clientId)],
);

export const records = sqliteTable(
  "records",
  {
    id: text("id").primaryKey(),
    domainId: text("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type").notNull(),
    ttl: integer("ttl").notNull(),
    // JSON array of canonical location codes; ["disabled"] means global.
    countryCodes: text("country_codes").notNull().default(sql`'["disabled"]'`),
    priority: integer("priority").notNull().default(0),
    value: text("value").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("records_domain_name_idx").on(t.domainId, t.name)],
);

/** Server-wide key/value state, e.g. the admin token's hash when it was generated at first start. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type ClientRow = typeof clients.$inferSelect;
export type DomainRow = typeof domains.$inferSelect;
export type RecordRow = typeof records.$inferSelect;
