// The embedded database (DB-IP Lite, shipped as an npm package): only what holds for any version.
import { expect, test } from "bun:test";
import { embeddedDatabasePath, GeoDatabase } from "../../src/geo/database.ts";
import { COUNTRIES } from "../../src/geo/countries.ts";
import { UNKNOWN } from "../../src/geo/select.ts";

test("the embedded database loads and a public address maps to a valid country", () => {
  const db = new GeoDatabase(embeddedDatabasePath());
  db.lookupAddress("8.8.8.8");
  expect(db.index).toBeLessThan(UNKNOWN);
  expect(COUNTRIES[db.index]?.code).toMatch(/^[A-Z]{2}$/);
  expect(db.prefix).toBeGreaterThan(0);
  expect(db.prefix).toBeLessThanOrEqual(32);
  db.lookupAddress("2001:4860:4860::8888");
  expect(db.index).toBeLessThan(UNKNOWN);
  db.lookupAddress("127.0.0.1");
  expect(db.index).toBe(UNKNOWN);
});
