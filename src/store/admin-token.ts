// The admin token: from MERIDIAN_ADMIN_TOKEN, or generated at first start, printed once, and kept only as a
// hash in the settings table.
import { eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import { settings } from "./schema.ts";
import { hashToken, newToken } from "./tokens.ts";

const KEY = "admin_token_hash";

export function resolveAdminTokenHash(db: Db, configured: string | null, announce: (token: string) => void): string {
  if (configured !== null) return hashToken(configured);
  const stored = db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (stored) return stored.value;
  const token = newToken("mrd_admin");
  const hash = hashToken(token);
  db.insert(settings).values({ key: KEY, value: hash }).run();
  announce(token);
  return hash;
}
