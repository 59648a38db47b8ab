// Meridian as a child process (bun src/main.ts) on 127.0.0.1 port 0, for tests and benchmarks that need a
// real process: to kill it with SIGKILL, or to read its peak RSS. Resolves once it logs its listening line.
import type { Subprocess } from "bun";
import { join } from "node:path";

export type SpawnedMeridian = { proc: Subprocess<"ignore", "pipe", "inherit">; url: string };

export async function spawnMeridian(db: string, adminToken: string, env: Record<string, string> = {}): Promise<SpawnedMeridian> {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "..", "..", "src", "main.ts")], {
    env: {
      ...process.env,
      MERIDIAN_DB: db,
      MERIDIAN_DNS_HOST: "127.0.0.1",
      MERIDIAN_DNS_PORT: "0",
      MERIDIAN_HTTP_HOST: "127.0.0.1",
      MERIDIAN_HTTP_PORT: "0",
      MERIDIAN_ADMIN_TOKEN: adminToken,
      ...env,
    },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = proc.stdout.getReader();
  let out = "";
  for (;;) {
    const port = /http 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    if (port) {
      reader.releaseLock();
      return { proc, url: `http://127.0.0.1:${port}` };
    }
    const { value, done } = await reader.read();
    if (done) throw new Error(`meridian exited before listening: ${out}`);
    out += new TextDecoder().decode(value);
  }
}
