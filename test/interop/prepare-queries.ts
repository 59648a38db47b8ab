// Copies oracle query files for the interop run, turning lines that test record types or owner-name escapes
// Meridian does not take (listed in unsupported.txt, with the reason) into comments. Line numbers, and so
// test ids, stay as they are. Usage: bun test/interop/prepare-queries.ts SRC_DIR OUT_DIR
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const [src, out] = process.argv.slice(2) as [string, string];
const skip = readFileSync(join(import.meta.dir, "unsupported.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l !== "" && !l.startsWith("#"))
  .map((l) => l.split(/\s+/)[0] as string);
mkdirSync(out, { recursive: true });
let dropped = 0;
for (const f of readdirSync(src).filter((n) => n.endsWith(".txt"))) {
  const file = basename(f, ".txt");
  const lines = readFileSync(join(src, f), "utf8").split("\n");
  const kept = lines.map((line, i) => {
    const id = /\bid=(\S+)/.exec(line)?.[1] ?? `L${i + 1}`;
    if (!skip.includes(`${file}/${id}`)) return line;
    dropped++;
    return `# skipped by Meridian interop (unsupported.txt): ${line}`;
  });
  writeFileSync(join(out, f), kept.join("\n"));
}
console.log(`prepared queries from ${src}: ${dropped} lines skipped as unsupported`);
