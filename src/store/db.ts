// Opens the SQLite store: creates the folder, sets the PRAGMAs durability depends on, applies drizzle/ migrations.
//
// A commit the API acknowledged survives a process kill and a power cut, and its fsync does not run on the
// event loop, which also answers DNS. WAL with synchronous=NORMAL commits by appending frames to the -wal file
// without an fsync (SQLite still syncs the WAL before and the database after every checkpoint); durable()
// then fsyncs the -wal file on a worker thread, and the API answers only after it resolves. That is the
// guarantee synchronous=FULL gives (the WAL synced at each commit; sqlite.org/pragma.html#pragma_synchronous)
// without the 0.3 ms (this machine) to several ms (network disks) that FULL blocks the event loop per write.
// Commits that land while an fsync runs share the next one (group commit).
import { Database } from "bun:sqlite";
import { closeSync, fsync, fsyncSync, mkdirSync, openSync } from "node:fs";
import { dirname, join } from "node:path";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import * as schema from "./schema.ts";

export type Db = ReturnType<typeof drizzle<typeof schema>>;

/** The handle a repository uses inside `db.transaction`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Store = {
  db: Db;
  sqlite: Database;
  /** Resolves once every commit made before the call is on disk. */
  durable(): Promise<void>;
  /** fsyncs made by durable(), for the stats. */
  syncs(): number;
  close(): void;
};

const MIGRATIONS = join(import.meta.dir, "..", "..", "drizzle");

export function openStore(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { create: true, strict: true });
  sqlite.exec("PRAGMA journal_mode = WAL");
  sqlite.exec("PRAGMA synchronous = NORMAL");
  sqlite.exec("PRAGMA foreign_keys = ON");
  sqlite.exec("PRAGMA busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  // Opening the database in WAL mode created the -wal file; it stays the same file while the database is open.
  // Its directory entry is made durable once here, as SQLite does for a journal it has just created.
  const wal = path === ":memory:" ? -1 : openSync(`${path}-wal`, "r+");
  if (wal >= 0) {
    fsyncSync(wal);
    const dir = openSync(dirname(path), "r");
    fsyncSync(dir);
    closeSync(dir);
  }
  const group = groupCommit(wal);
  return {
    db,
    sqlite,
    durable: group.durable,
    syncs: group.syncs,
    close: () => {
      sqlite.close();
      if (wal >= 0) closeSync(wal);
    },
  };
}

/** One fsync at a time; callers arriving while one runs share the next, which covers their commits. */
function groupCommit(fd: number): { durable(): Promise<void>; syncs(): number } {
  let syncs = 0;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    syncs++;
    const p = new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
    running = p.finally(() => {
      running = null;
    });
    return running;
  };
  const durable = (): Promise<void> => {
    if (fd < 0) return Promise.resolve();
    if (running === null) return start();
    const again = () => {
      next = null;
      return start();
    };
    next ??= running.then(again, again);
    return next;
  };
  return { durable, syncs: () => syncs };
}
