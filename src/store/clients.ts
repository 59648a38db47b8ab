// Client accounts: create, read, update, delete, and API-token rotation. Each write is one transaction.
import { asc, eq, sql } from "drizzle-orm";
import { notFound } from "../errors.ts";
import type { Db } from "./db.ts";
import { type ClientRow, clients, domains } from "./schema.ts";
import { nowIso } from "./time.ts";
import { hashToken, newToken } from "./tokens.ts";

export type NewClient = { name: string; email: string; domainLimit: number };

export class ClientRepo {
  /** Prepared once: every API request authenticates with it. */
  private readonly byTokenHash;

  constructor(
    private readonly db: Db,
    private readonly onChange: (domainId: string) => void,
  ) {
    this.byTokenHash = db.select().from(clients).where(eq(clients.apiTokenHash, sql.placeholder("hash"))).prepare();
  }

  create(input: NewClient): { client: ClientRow; token: string } {
    const token = newToken("mrd");
    const now = nowIso();
    const row: ClientRow = { id: crypto.randomUUID(), ...input, apiTokenHash: hashToken(token), createdAt: now, updatedAt: now };
    this.db.insert(clients).values(row).run();
    return { client: row, token };
  }

  list(): ClientRow[] {
    return this.db.select().from(clients).orderBy(asc(clients.createdAt), asc(clients.id)).all();
  }

  get(id: string): ClientRow {
    const row = this.db.select().from(clients).where(eq(clients.id, id)).get();
    if (!row) throw notFound("Client not found");
    return row;
  }

  findByToken(token: string): ClientRow | undefined {
    return this.byTokenHash.get({ hash: hashToken(token) });
  }

  update(id: string, patch: Partial<NewClient>): ClientRow {
    const row = this.db
      .update(clients)
      .set({ ...patch, updatedAt: nowIso() })
      .where(eq(clients.id, id))
      .returning()
      .get();
    if (!row) throw notFound("Client not found");
    return row;
  }

  /** Deletes the client and, by cascade, its domains and records; their zones stop being served. */
  delete(id: string): void {
    const gone = this.db.transaction((tx) => {
      const owned = tx.select({ id: domains.id }).from(domains).where(eq(domains.clientId, id)).all();
      const deleted = tx.delete(clients).where(eq(clients.id, id)).returning({ id: clients.id }).all();
      if (deleted.length === 0) throw notFound("Client not found");
      return owned;
    });
    for (const d of gone) this.onChange(d.id);
  }

  rotateToken(id: string): { client: ClientRow; token: string } {
    const token = newToken("mrd");
    const row = this.db
      .update(clients)
      .set({ apiTokenHash: hashToken(token), updatedAt: nowIso() })
      .where(eq(clients.id, id))
      .returning()
      .get();
    if (!row) throw notFound("Client not found");
    return { client: row, token };
  }
}
