// Records: list, create, update, delete, each one transaction that also bumps the zone's SOA serial, so a
// crash leaves the zone before or after the change. The zone-change hook runs after the commit.
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { notFound } from "../errors.ts";
import { buildSpec, findConflict, type RecordInput, type RecordSpec } from "../records/spec.ts";
import type { RecordType } from "../zone/rdata.ts";
import type { Db } from "./db.ts";
import type { Page } from "./domains.ts";
import { type DomainRow, domains, type RecordRow, records } from "./schema.ts";
import { nextSerial, nowIso } from "./time.ts";


/** Optional narrowing of a domain's record list: an owner FQDN, a type, and a page. */
export type RecordFilter = Page & { name?: string | undefined; type?: string | undefined };

function filterWhere(domainId: string, f: RecordFilter) {
  return and(eq(records.domainId, domainId), f.name !== undefined ? eq(records.name, f.name) : undefined, f.type !== undefined ? eq(records.type, f.type) : undefined);
}

export function rowToSpec(r: RecordRow): RecordSpec {
  return { name: r.name, type: r.type as RecordType, ttl: r.ttl, countryCodes: JSON.parse(r.countryCodes), priority: r.priority, value: r.value };
}

/**
 * The statements every record write and every zone patch runs, prepared once: building and preparing them per
 * call cost ~90 µs each, on the event loop the DNS shares. They run on the one connection, so inside a
 * transaction too.
 */
function prepareStatements(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  return {
    atName: db.select().from(records).where(and(eq(records.domainId, p("domainId")), eq(records.name, p("name")))).orderBy(asc(records.type), asc(records.createdAt)).prepare(),
    ownedDomain: db.select().from(domains).where(and(eq(domains.id, p("domainId")), eq(domains.clientId, p("clientId")))).prepare(),
    ownedRecord: db
      .select({ record: records, domain: domains })
      .from(records)
      .innerJoin(domains, eq(records.domainId, domains.id))
      .where(and(eq(records.id, p("recordId")), eq(domains.clientId, p("clientId"))))
      .prepare(),
    bumpSerial: db.update(domains).set({ serial: sql`${p("serial")}`, updatedAt: sql`${p("now")}` }).where(eq(domains.id, p("domainId"))).prepare(),
    deleteRecord: db.delete(records).where(eq(records.id, p("recordId"))).prepare(),
  };
}

export class RecordRepo {
  private readonly q: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Db,
    private readonly onChange: (domainId: string, owners: readonly string[]) => void,
  ) {
    this.q = prepareStatements(db);
  }

  listAtName(domainId: string, name: string): RecordRow[] {
    return this.q.atName.all({ domainId, name });
  }

  private bumpSerial(domain: DomainRow, now: string): void {
    this.q.bumpSerial.run({ serial: nextSerial(domain.serial), now, domainId: domain.id });
  }

  private ownedDomain(clientId: string, domainId: string): DomainRow {
    const d = this.q.ownedDomain.get({ domainId, clientId });
    if (!d) throw notFound("Domain not found");
    return d;
  }

  private ownedRecord(clientId: string, recordId: string): { record: RecordRow; domain: DomainRow } {
    const hit = this.q.ownedRecord.get({ recordId, clientId });
    if (!hit) throw notFound("Record not found");
    return hit;
  }

  listForDomain(domainId: string, filter: RecordFilter = {}): RecordRow[] {
    return this.db
      .select()
      .from(records)
      .where(filterWhere(domainId, filter))
      .orderBy(asc(records.name), asc(records.type), asc(records.createdAt))
      .limit(filter.limit ?? -1)
      .offset(filter.offset ?? 0)
      .all();
  }

  countForDomain(domainId: string, filter: RecordFilter = {}): number {
    return this.db.select({ n: count() }).from(records).where(filterWhere(domainId, filter)).get()?.n ?? 0;
  }

  create(clientId: string, domainId: string, input: RecordInput): RecordRow {
    const row = this.db.transaction((tx) => {
      const domain = this.ownedDomain(clientId, domainId);
      const spec = buildSpec(input, domain.name);
      const atName = this.listAtName(domainId, spec.name);
      const clash = findConflict(spec, atName.map(rowToSpec), domain.name);
      if (clash) throw clash;
      const now = nowIso();
      const created: RecordRow = { id: crypto.randomUUID(), domainId, ...specColumns(spec), createdAt: now, updatedAt: now };
      tx.insert(records).values(created).run();
      this.bumpSerial(domain, now);
      return created;
    });
    this.onChange(domainId, [row.name]);
    return row;
  }

  /** Fields absent from `patch` keep their stored values; the merged record is validated as a whole. */
  update(clientId: string, recordId: string, patch: Partial<RecordInput>): RecordRow {
    let oldName = "";
    const row = this.db.transaction((tx) => {
      const { record, domain } = this.ownedRecord(clientId, recordId);
      oldName = record.name;
      const spec = buildSpec(
        {
          name: patch.name ?? record.name,
          type: patch.type ?? record.type,
          value: patch.value ?? record.value,
          ttl: patch.ttl ?? record.ttl,
          priority: patch.priority ?? (patch.type === undefined || patch.type.toUpperCase() === record.type ? record.priority : undefined),
          country_codes: patch.country_codes ?? JSON.parse(record.countryCodes),
        },
        domain.name,
      );
      const atName = tx
        .select()
        .from(records)
        .where(and(eq(records.domainId, domain.id), eq(records.name, spec.name), ne(records.id, recordId)))
        .all();
      const clash = findConflict(spec, atName.map(rowToSpec), domain.name);
      if (clash) throw clash;
      const now = nowIso();
      const updated = tx
        .update(records)
        .set({ ...specColumns(spec), updatedAt: now })
        .where(eq(records.id, recordId))
        .returning()
        .get() as RecordRow;
      this.bumpSerial(domain, now);
      return updated;
    });
    this.onChange(row.domainId, [oldName, row.name]);
    return row;
  }

  delete(clientId: string, recordId: string): void {
    const { domainId, name } = this.db.transaction(() => {
      const { domain, record } = this.ownedRecord(clientId, recordId);
      this.q.deleteRecord.run({ recordId });
      this.bumpSerial(domain, nowIso());
      return { domainId: domain.id, name: record.name };
    });
    this.onChange(domainId, [name]);
  }
}

/** The record columns a spec fills (everything but ids and timestamps). */
export function specColumns(spec: RecordSpec) {
  return { name: spec.name, type: spec.type, ttl: spec.ttl, countryCodes: JSON.stringify(spec.countryCodes), priority: spec.priority, value: spec.value };
}
