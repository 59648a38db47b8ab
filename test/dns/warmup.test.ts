// The start-up JIT warm-up: its query mix reaches every rcode path of the handler, it leaves nothing behind
// (no zone, no counts), and a server started with it serves normally while its warm-up zone is never visible.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DnsHandler } from "../../src/dns/handle.ts";
import { RCODE } from "../../src/dns/wire/constants.ts";
import { WARMUP_APEX, warmUp } from "../../src/warmup.ts";
import { ZoneRegistry } from "../../src/zone/registry.ts";
import { udpQuery } from "../helpers/dns.ts";
import { addRecord, clientWithDomain, removeDir, startTestServer, type TestServer } from "../helpers/server.ts";

const soa = { nameservers: ["ns1.meridian.test."], contact: "hostmaster", refresh: 7200, retry: 3600, expire: 1209600, minimum: 300, soaTtl: 3600, nsTtl: 3600 };

describe("warm-up", () => {
  test("the mix takes every rcode path, with no handler failure, then leaves no zone and no counts", () => {
    const registry = new ZoneRegistry();
    const handler = new DnsHandler(registry, 1232);
    const r = warmUp(handler, registry, soa, 5000);
    expect(r.queries).toBe(5000);
    expect(r.failures).toBe(0);
    for (const rcode of [RCODE.NOERROR, RCODE.FORMERR, RCODE.NXDOMAIN, RCODE.NOTIMP, RCODE.REFUSED]) expect(r.rcodes[rcode]).toBeGreaterThan(0);
    expect(registry.size).toBe(0);
    expect(handler.stats.queries).toBe(0);
    expect(Array.from(handler.stats.rcodes).every((n) => n === 0)).toBe(true);
  });

  describe("in a started server", () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ MERIDIAN_WARMUP_QUERIES: "20000" });
    });
    afterAll(async () => {
      await s.close();
      removeDir(s.dir);
    });

    test("counts start at zero and the warm-up zone is not served", async () => {
      expect(s.handler.stats.queries).toBe(0);
      expect(s.registry.size).toBe(0);
      expect((await udpQuery(s.dnsPort, `host1.${WARMUP_APEX}`, "A")).rcode).toBe("REFUSED");
    });

    test("a domain created afterwards is answered", async () => {
      const { token, domainId } = await clientWithDomain(s, "warm-test.example");
      await addRecord(s, token, domainId, { name: "www", type: "A", value: "192.0.2.7" });
      const a = await udpQuery(s.dnsPort, "www.warm-test.example", "A");
      expect(a.rcode).toBe("NOERROR");
      expect((a.answers?.[0] as any).data).toBe("192.0.2.7");
    });
  });
});
