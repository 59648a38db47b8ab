// Zone-file import into the store: the domain (found or created under quota) and every accepted record land
// in one transaction, with per-record problems reported instead of stopping the import. `replace` makes the
// domain's records exactly the file's; `dryRun` runs everything and rolls back.
import type { Database } from "bun:sqlite";
import { eq } from "drizzle-orm";
import { AppError, badRequest, notFound } from "../errors.ts";
import { buildSpec, findConflict, type RecordInput, type RecordSpec } from "../records/spec.ts";
import type { Db } from "./db.ts";
import { insertDomain } from "./domains.ts";
import { rowToSpec, specColumns } from "./records.ts";
import { type DomainRow, domains, type RecordRow, records } from "./schema.ts";
import { nextSerial, nowIso } from "./time.ts";

export type ImportItem = { line: number; input: RecordInput };
export type ImportOptions = { replace: boolean; dryRun: boolean };
export type ImportResult = { domain: DomainRow; created: RecordRow[]; errors: string[]; domainCreated: boolean };

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

function reason(err: unknown): string {
  if (err instanceof AppError) return err.message;
  throw err;
}

const INSERT = "INSERT INTO records (id, domain_id, name, type, ttl, country_codes, priority, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

export class ImportRepo {
  constructor(
    private readonly db: Db,
    /** The same connection as `db`: bulk inserts go through one prepared statement inside the transaction. */
    private readonly sqlite: Database,
    private readonly onChange: (domainId: string) => void,
  ) {}

  run(clientId: string, domainName: string, items: readonly ImportItem[], earlier: readonly string[], opts: ImportOptions): ImportResult {
    let result: ImportResult;
    try {
      result = this.db.transaction((tx) => {
        let domain = tx.select().from(domains).where(eq(domains.name, domainName)).get();
        if (domain && domain.clientId !== clientId) throw notFound("Domain not found");
        const domainCreated = !domain;
        domain ??= insertDomain(tx, clientId, domainName);
        if (opts.replace) tx.delete(records).where(eq(records.domainId, domain.id)).run();
        const atName = new Map<string, RecordSpec[]>();
        for (const row of opts.replace ? [] : tx.select().from(records).where(eq(records.domainId, domain.id)).all()) {
          const spec = rowToSpec(row);
          atName.set(spec.name, [...(atName.get(spec.name) ?? []), spec]);
        }
        const errors = [...earlier];
        const created: RecordRow[] = [];
        const now = nowIso();
        for (const item of items) {
          let spec: RecordSpec;
          try {
            spec = buildSpec(item.input, domain.name);
          } catch (err) {
            errors.push(`line ${item.line}: ${reason(err)}`);
            continue;
          }
          const same = atName.get(spec.name) ?? [];
          const clash = findConflict(spec, same, domain.name);
          if (clash) {
            const why = clash.code === "DNS_RECORD_ALREADY_EXIST" ? "duplicate record" : clash.message;
            errors.push(`line ${item.line}: Failed to create record ${spec.name} ${spec.type}: ${why}`);
            continue;
          }
          same.push(spec);
          atName.set(spec.name, same);
          created.push({ id: crypto.randomUUID(), domainId: domain.id, ...specColumns(spec), createdAt: now, updatedAt: now });
        }
        if (created.length === 0) throw badRequest(errors[0] ?? "no valid record in the zone file", "INVALID_ZONE_FILE");
        const insert = this.sqlite.prepare(INSERT);
        for (const r of created) insert.run(r.id, r.domainId, r.name, r.type, r.ttl, r.countryCodes, r.priority, r.value, r.createdAt, r.updatedAt);
        tx.update(domains).set({ serial: nextSerial(domain.serial), updatedAt: now }).where(eq(domains.id, domain.id)).run();
        const out = { domain, created, errors, domainCreated };
        if (opts.dryRun) throw new DryRun(out);
        return out;
      });
    } catch (err) {
      if (err instanceof DryRun) return err.result;
      throw err;
    }
    this.onChange(result.domain.id);
    return result;
  }
}
