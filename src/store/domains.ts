// Domains (zones): per-client listing, creation under the client's quota, deletion, and the reads the zone
// compiler needs. Names are unique server-wide; a zone may not nest inside or around another client's zone.
import { and, asc, count, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import { AppError, conflict, notFound } from "../errors.ts";
import type { Db, Tx } from "./db.ts";
import { clients, type DomainRow, domains } from "./schema.ts";
import { nextSerial, nowIso } from "./time.ts";

export type Page = { limit?: number | undefined; offset?: number | undefined };

function ancestors(fqdn: string): string[] {
  const out: string[] = [];
  for (let i = fqdn.indexOf("."); i >= 0 && i < fqdn.length - 1; i = fqdn.indexOf(".", i + 1)) out.push(fqdn.slice(i + 1));
  return out;
}

export class DomainRepo {
  /** Prepared once: every zone patch looks its domain up (see records.ts). */
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly onChange: (domainId: string) => void,
  ) {
    this.byId = db.select().from(domains).where(eq(domains.id, sql.placeholder("id"))).prepare();
  }

  /** The client's domains by name; `page` limits the slice (the total is `countForClient`). */
  listForClient(clientId: string, page: Page = {}): DomainRow[] {
    return this.db
      .select()
      .from(domains)
      .where(eq(domains.clientId, clientId))
      .orderBy(asc(domains.name))
      .limit(page.limit ?? -1)
      .offset(page.offset ?? 0)
      .all();
  }

  countForClient(clientId: string): number {
    return this.db.select({ n: count() }).from(domains).where(eq(domains.clientId, clientId)).get()?.n ?? 0;
  }

  listActive(): DomainRow[] {
    return this.db.select().from(domains).where(eq(domains.active, true)).all();
  }

  find(id: string): DomainRow | undefined {
    return this.byId.get({ id });
  }

  /** The client's domain, or 404 exactly as if it did not exist when another client owns it. */
  getOwned(clientId: string, id: string): DomainRow {
    const row = this.db
      .select()
      .from(domains)
      .where(and(eq(domains.id, id), eq(domains.clientId, clientId)))
      .get();
    if (!row) throw notFound("Domain not found");
    return row;
  }

  findByName(name: string): DomainRow | undefined {
    return this.db.select().from(domains).where(eq(domains.name, name)).get();
  }

  /** `name` must already be normalised. Quota and uniqueness are checked inside the inserting transaction. */
  create(clientId: string, name: string): DomainRow {
    const row = this.db.transaction((tx) => insertDomain(tx, clientId, name));
    this.onChange(row.id);
    return row;
  }

  delete(clientId: string, id: string): void {
    const deleted = this.db
      .delete(domains)
      .where(and(eq(domains.id, id), eq(domains.clientId, clientId)))
      .returning({ id: domains.id })
      .all();
    if (deleted.length === 0) throw notFound("Domain not found");
    this.onChange(id);
  }
}


/** Inserts a domain inside the caller's transaction: client exists, quota, uniqueness, no nesting. */
export function insertDomain(tx: Tx, clientId: string, name: string): DomainRow {
  const client = tx.select().from(clients).where(eq(clients.id, clientId)).get();
  if (!client) throw notFound("Client not found");
  const owned = tx.select({ n: count() }).from(domains).where(eq(domains.clientId, clientId)).get();
  if ((owned?.n ?? 0) >= client.domainLimit) throw new AppError(403, "FEATURE_LIMIT_REACHED", "Domain limit reached");
  if (tx.select({ id: domains.id }).from(domains).where(eq(domains.name, name)).get()) throw conflict(`Domain ${name} already exists`, "ZONE_ALREADY_IN_USE");
  const nested = tx
    .select({ id: domains.id })
    .from(domains)
    .where(and(ne(domains.clientId, clientId), or(inArray(domains.name, ancestors(name)), like(domains.name, `%.${name}`))))
    .get();
  if (nested) throw conflict(`Domain ${name} overlaps a zone that is already in use`, "ZONE_ALREADY_IN_USE");
  const now = nowIso();
  const created: DomainRow = { id: crypto.randomUUID(), clientId, name, active: true, serial: nextSerial(0), createdAt: now, updatedAt: now };
  tx.insert(domains).values(created).run();
  return created;
}
