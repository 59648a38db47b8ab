// Interop helper: imports zone files into a running Meridian through the API, then writes each domain's
// export to a folder for Knot to load. Usage: bun test/interop/load-zones.ts URL ADMIN_TOKEN OUT_DIR FILE...
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [url, admin, outDir, ...files] = process.argv.slice(2);
if (!url || !admin || !outDir || files.length === 0) throw new Error("usage: load-zones.ts URL ADMIN_TOKEN OUT_DIR FILE...");

const call = async (method: string, path: string, token: string, body?: string, type = "application/json") => {
  const res = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, "content-type": type }, body });
  return { status: res.status, text: await res.text() };
};

const client = JSON.parse((await call("POST", "/api/admin/clients", admin, JSON.stringify({ name: "interop", email: "interop@example.test", domain_limit: 1000 }))).text);
for (const file of files) {
  const r = await call("POST", "/api/client/import/bind", client.api_token, await Bun.file(file).text(), "text/plain");
  const body = JSON.parse(r.text);
  if (r.status !== 201 && r.status !== 206) throw new Error(`import of ${file} failed: ${r.status} ${r.text}`);
  console.log(`imported ${file}: ${body.records_created} records${body.errors ? `, skipped: ${body.errors.join("; ")}` : ""}`);
  const exp = await call("GET", `/api/client/domains/${body.domain.id}/export/bind`, client.api_token);
  writeFileSync(join(outDir, `${body.domain.name}zone`), exp.text);
}
