// Settings: defaults, environment, flags winning over the environment, and clear errors.
import { describe, expect, test } from "bun:test";
import { ConfigError, flagName, helpText, loadConfig, SETTINGS } from "../src/config.ts";

describe("config", () => {
  test("defaults start on a laptop", () => {
    const c = loadConfig({});
    expect(c.dnsPort).toBe(53);
    expect(c.httpPort).toBe(8080);
    expect(c.db).toBe("./data/meridian.sqlite");
    expect(c.adminToken).toBeNull();
    expect(c.ednsUdpMax).toBe(1232);
    expect(c.nameservers.every((n) => n.endsWith("."))).toBe(true);
  });

  test("flags win over environment variables, in both flag forms", () => {
    const c = loadConfig({ MERIDIAN_DNS_PORT: "5300", MERIDIAN_HTTP_PORT: "9000" }, ["--dns-port", "5301", "--http-port=9001"]);
    expect(c.dnsPort).toBe(5301);
    expect(c.httpPort).toBe(9001);
    expect(loadConfig({ MERIDIAN_DNS_PORT: "5300" }).dnsPort).toBe(5300);
  });

  test("nameservers are lowercased FQDNs", () => {
    expect(loadConfig({ MERIDIAN_NAMESERVERS: "NS1.Example.net, ns2.example.net." }).nameservers).toEqual(["ns1.example.net.", "ns2.example.net."]);
  });

  test("bad values name the setting", () => {
    expect(() => loadConfig({ MERIDIAN_DNS_PORT: "70000" })).toThrow(/MERIDIAN_DNS_PORT/);
    expect(() => loadConfig({}, ["--http-port", "abc"])).toThrow(/--http-port/);
    expect(() => loadConfig({}, ["--nope", "1"])).toThrow(ConfigError);
    expect(() => loadConfig({ MERIDIAN_EDNS_UDP_MAX: "100" })).toThrow(/512/);
    expect(() => loadConfig({ MERIDIAN_WARMUP_QUERIES: "20000000" })).toThrow(/MERIDIAN_WARMUP_QUERIES must be between 0 and 10000000/);
    expect(loadConfig({ MERIDIAN_WARMUP_QUERIES: "0" }).warmupQueries).toBe(0);
  });

  test("every setting has a flag and appears in --help", () => {
    const help = helpText();
    for (const s of SETTINGS) {
      expect(s.env.startsWith("MERIDIAN_")).toBe(true);
      expect(help).toContain(flagName(s.env));
      expect(help).toContain(s.env);
    }
  });
});
