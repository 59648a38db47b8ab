// The architecture rules as tests (as CoreDNS's presubmit): the DNS side never reaches management code, the
// build side stays pure, and every source file opens with a header comment saying what it does.
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dir, "..");
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const src = files(join(root, "src"));
const imports = (file: string) => [...readFileSync(file, "utf8").matchAll(/^import[^"]*"([^"]+)"/gm)].map((m) => m[1] as string);
const rel = (f: string) => relative(root, f);

describe("presubmit", () => {
  test("src/dns imports no store, API, ORM or HTTP framework", () => {
    for (const f of src.filter((f) => rel(f).startsWith("src/dns/")))
      for (const i of imports(f)) expect(`${rel(f)} -> ${i}`).not.toMatch(/store\/|api\/|sync\/|drizzle|elysia|bun:sqlite/);
  });

  test("src/zone and geo/select are pure: no I/O, no store, no HTTP", () => {
    for (const f of src.filter((f) => rel(f).startsWith("src/zone/") || rel(f) === "src/geo/select.ts"))
      for (const i of imports(f)) expect(`${rel(f)} -> ${i}`).not.toMatch(/node:fs|bun:sqlite|store\/|api\/|dns\/|drizzle|elysia/);
  });

  test("only the composition root wires the store to the DNS side", () => {
    for (const f of src.filter((f) => rel(f).startsWith("src/api/") || rel(f).startsWith("src/store/")))
      for (const i of imports(f)) expect(`${rel(f)} -> ${i}`).not.toMatch(/\/dns\/(server|answer)\//);
  });

  test("every source file opens with a header comment", () => {
    for (const f of src) expect(`${rel(f)}: ${readFileSync(f, "utf8").slice(0, 3)}`).toBe(`${rel(f)}: // `);
  });
});
