// API tokens: 32 random bytes from the OS CSPRNG, shown once, stored only as a SHA-256 hash.
// Lookup is by hash, so the secret itself never meets a variable-time comparison; the hash is compared in
// constant time as well where a stored hash is checked directly (the admin token).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
