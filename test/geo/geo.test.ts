// GeoDNS end to end against a tiny MMDB fixture the test writes itself: every step of the choosing order,
// colliding codes, CNAME variants, ECS echo / scope / FORMERR, unknown locations, the explain endpoint
// agreeing with DNS, and swapping the database under load.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { renameSync } from "node:fs";
import { join } from "node:path";
import * as packet from "dns-packet";
import { udpQuery, udpRaw } from "../helpers/dns.ts";
import { FIXTURE_NETWORKS, writeMmdb } from "../helpers/mmdb-writer.ts";
import { addRecord, clientWithDomain, removeDir, startTestServer, type TestServer, tempDir } from "../helpers/server.ts";

let s: TestServer;
let token: string;
let domainId: string;
const dir = tempDir();
const dbPath = join(dir, "geo.mmdb");

beforeAll(async () => {
  writeMmdb(dbPath, FIXTURE_NETWORKS);
  s = await startTestServer({ MERIDIAN_GEOIP_DB: dbPath, MERIDIAN_GEO_DEFAULT_COUNTRY: "JP" }, dir);
  ({ token, domainId } = await clientWithDomain(s, "geo.example"));
  const add = (name: string, type: string, value: string, codes: string[]) => addRecord(s, token, domainId, { name, type, value, country_codes: codes, ttl: 60 });
  await add("www", "A", "192.0.2.1", ["US"]);
  await add("www", "A", "192.0.2.2", ["EU"]);
  await add("www", "A", "192.0.2.3", ["disabled"]);
  await add("www", "A", "192.0.2.4", ["NA"]);
  await add("www", "A", "192.0.2.5", ["country:NA"]);
  await add("www", "A", "192.0.2.6", ["DACH"]);
  await add("prox", "A", "192.0.2.10", ["DE"]);
  await add("prox", "A", "192.0.2.11", ["JP"]);
  await add("prox", "A", "192.0.2.12", ["BR"]);
  await add("cdn", "CNAME", "us.cdn.example.net.", ["US"]);
  await add("cdn", "CNAME", "eu.cdn.example.net.", ["EU"]);
  await add("cdn", "A", "192.0.2.50", ["disabled"]);
  await add("plain", "A", "192.0.2.99", ["disabled"]);
});
afterAll(async () => {
  await s.close();
  removeDir(dir);
});

/** A query with one raw OPT option (code, bytes), built by hand so malformed ECS can be sent too. */
function rawQuery(name: string, type: string, option: number[] | null, id = 7): Buffer {
  const q = packet.encode({ type: "query", id, questions: [{ type: type as packet.RecordType, name }] });
  if (option === null) return q;
  const opt = [0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, option.length >> 8, option.length & 0xff, ...option];
  const out = Buffer.concat([q, Buffer.from(opt)]);
  out.writeUInt16BE(1, 10);
  return out;
}

function ecsOption(family: number, source: number, scope: number, addr: number[]): number[] {
  const len = 4 + addr.length;
  return [0, 8, len >> 8, len & 0xff, 0, family, source, scope, ...addr];
}

function v4(ip: string, source = 32): number[] {
  return ip.split(".").map(Number).slice(0, Math.ceil(source / 8));
}

async function ask(name: string, type: string, ip: string | null, source = 32) {
  const opt = ip === null ? null : ip.includes(":") ? ecsOption(2, source, 0, v6bytes(ip).slice(0, Math.ceil(source / 8))) : ecsOption(1, source, 0, v4(ip, source));
  const reply = (await udpRaw(s.dnsPort, rawQuery(name, type, opt))) as Buffer;
  const decoded = packet.decode(reply) as any;
  const optRR = decoded.additionals?.find((a: any) => a.type === "OPT");
  const ecs = optRR?.options?.find((o: any) => o.code === 8);
  return {
    rcode: decoded.rcode as string,
    answers: (decoded.answers ?? []).map((a: any) => `${a.type} ${a.data}`) as string[],
    ecs: ecs ? { family: ecs.data.readUInt16BE(0), source: ecs.data[2], scope: ecs.data[3], addr: [...ecs.data.subarray(4)] } : null,
  };
}

function v6bytes(ip: string): number[] {
  const [h, t] = ip.split("::") as [string, string | undefined];
  const head = h ? h.split(":") : [];
  const tail = t ? t.split(":") : [];
  const groups = [...head, ...new Array(8 - head.length - tail.length).fill("0"), ...tail].map((g) => Number.parseInt(g, 16));
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

describe("choosing order", () => {
  test.each([
    ["country", "192.0.2.7", "192.0.2.1", 24],
    ["continent NA (North America) for Canada", "100.67.0.1", "192.0.2.4", 16],
    ["country:NA targets Namibia", "100.65.0.1", "192.0.2.5", 16],
    ["the smallest area wins: DACH over EU for Switzerland", "100.70.0.1", "192.0.2.6", 16],
    ["the smallest area wins: DACH over EU for Germany", "198.51.100.5", "192.0.2.6", 25],
    ["continent EU for France", "198.51.100.200", "192.0.2.2", 25],
    ["global fallback for Japan, with a truthful scope", "203.0.113.9", "192.0.2.3", 24],
  ])("%s", async (_label, ip, expected, scope) => {
    const r = await ask("www.geo.example", "A", ip);
    expect(r.rcode).toBe("NOERROR");
    expect(r.answers).toEqual([`A ${expected}`]);
    expect(r.ecs).toEqual({ family: 1, source: 32, scope, addr: v4(ip) });
  });

  test("proximity when no record matches and none is global: the nearest country's records", async () => {
    expect((await ask("prox.geo.example", "A", "198.51.100.200")).answers).toEqual(["A 192.0.2.10"]); // France -> Germany
    expect((await ask("prox.geo.example", "A", "100.66.0.1")).answers).toEqual(["A 192.0.2.11"]); // Australia -> Japan
    expect((await ask("prox.geo.example", "A", "100.70.0.1")).answers).toEqual(["A 192.0.2.10"]); // Switzerland -> Germany
  });

  test("an unknown location gets the global records, else proximity from the default country", async () => {
    const unknown = await ask("www.geo.example", "A", "10.1.2.3");
    expect(unknown.answers).toEqual(["A 192.0.2.3"]);
    expect(unknown.ecs?.scope).toBeGreaterThan(0); // the empty network that decided, never 0 for a geo name
    expect((await ask("prox.geo.example", "A", "10.1.2.3")).answers).toEqual(["A 192.0.2.11"]); // default JP
  });

  test("a geo name never answers NODATA or NXDOMAIN because of geo", async () => {
    for (const ip of Object.keys(FIXTURE_NETWORKS).map((n) => n.split("/")[0] as string).filter((x) => !x.includes(":"))) {
      for (const name of ["www.geo.example", "prox.geo.example", "cdn.geo.example"]) {
        const r = await ask(name, "A", ip);
        expect(r.rcode).toBe("NOERROR");
        expect(r.answers.length).toBeGreaterThan(0);
      }
    }
  });
});

describe("CNAME variants", () => {
  test("each location gets exactly one CNAME, or the global data", async () => {
    expect((await ask("cdn.geo.example", "A", "192.0.2.7")).answers).toEqual(["CNAME us.cdn.example.net"]);
    expect((await ask("cdn.geo.example", "A", "198.51.100.200")).answers).toEqual(["CNAME eu.cdn.example.net"]);
    expect((await ask("cdn.geo.example", "A", "203.0.113.9")).answers).toEqual(["A 192.0.2.50"]);
    expect((await ask("cdn.geo.example", "AAAA", "192.0.2.7")).answers).toEqual(["CNAME us.cdn.example.net"]);
    expect((await ask("cdn.geo.example", "CNAME", "198.51.100.200")).answers).toEqual(["CNAME eu.cdn.example.net"]);
  });
});

describe("EDNS Client Subnet (RFC 7871)", () => {
  test("no ECS in the query, none in the reply; the source address decides", async () => {
    const r = await ask("www.geo.example", "A", null);
    expect(r.ecs).toBeNull();
    expect(r.answers).toEqual(["A 192.0.2.3"]); // 127.0.0.1 is in no network of the fixture
  });

  test("a name without geo records answers with scope 0", async () => {
    const r = await ask("plain.geo.example", "A", "192.0.2.7");
    expect(r.ecs?.scope).toBe(0);
    expect(r.answers).toEqual(["A 192.0.2.99"]);
  });

  test("source prefix shorter than the address: the address bytes are echoed as sent", async () => {
    const r = await ask("www.geo.example", "A", "198.51.100.0", 24);
    expect(r.ecs).toEqual({ family: 1, source: 24, scope: 25, addr: [198, 51, 100] }); // scope may exceed source
    expect(r.answers).toEqual(["A 192.0.2.6"]);
  });

  test("IPv6 ECS", async () => {
    const r = await ask("www.geo.example", "A", "2001:db8:1::", 48);
    expect(r.answers).toEqual(["A 192.0.2.2"]); // GB -> EU
    expect(r.ecs).toEqual({ family: 2, source: 48, scope: 48, addr: [0x20, 0x01, 0x0d, 0xb8, 0, 1] });
  });

  test("source prefix 0: the source address decides and the scope is 0", async () => {
    const r = await ask("www.geo.example", "A", "0.0.0.0", 0);
    expect(r.ecs).toEqual({ family: 1, source: 0, scope: 0, addr: [] });
    expect(r.answers).toEqual(["A 192.0.2.3"]);
  });

  test.each([
    ["unknown family", ecsOption(3, 24, 0, [192, 0, 2])],
    ["IPv4 prefix longer than 32", ecsOption(1, 33, 0, [192, 0, 2, 7, 0])],
    ["address longer than the prefix needs", ecsOption(1, 16, 0, [192, 0, 2])],
    ["bits set beyond the source prefix", ecsOption(1, 20, 0, [192, 0, 3])],
    ["non-zero scope in a query", ecsOption(1, 24, 8, [192, 0, 2])],
  ])("malformed ECS (%s) is FORMERR", async (_label, opt) => {
    const reply = (await udpRaw(s.dnsPort, rawQuery("www.geo.example", "A", opt))) as Buffer;
    expect(reply[3]! & 0x0f).toBe(1);
  });

  test("ECS works over TCP too", async () => {
    const { tcpExchange } = await import("../helpers/dns.ts");
    const [reply] = await tcpExchange(s.dnsPort, [rawQuery("www.geo.example", "A", ecsOption(1, 24, 0, [192, 0, 2]))]);
    const d = packet.decode(reply as Buffer) as any;
    expect(d.answers.map((a: any) => a.data)).toEqual(["192.0.2.1"]);
  });
});

describe("explain endpoint", () => {
  test("agrees with the DNS answer, and says where, which rule, and the scope", async () => {
    for (const ip of ["192.0.2.7", "100.67.0.1", "100.65.0.1", "198.51.100.200", "203.0.113.9", "10.1.2.3", "2001:db8:1::5"]) {
      const r = await s.api("GET", `/api/client/domains/${domainId}/resolve?name=www&type=A&ip=${encodeURIComponent(ip)}`, undefined, token);
      expect(r.status).toBe(200);
      const dns = await ask("www.geo.example", "A", ip, ip.includes(":") ? 128 : 32);
      expect(r.body.answers.map((a: any) => `${a.type} ${a.data}`)).toEqual(dns.answers);
      expect(r.body.ecs_scope).toBe(dns.ecs?.scope);
    }
    const us = await s.api("GET", `/api/client/domains/${domainId}/resolve?name=www&ip=192.0.2.7`, undefined, token);
    expect(us.body).toMatchObject({ name: "www.geo.example.", type: "A", rule: "country", location: { country: "US", continent: "NA" }, ecs_scope: 24 });
    const ca = await s.api("GET", `/api/client/domains/${domainId}/resolve?name=www&ip=100.67.0.1`, undefined, token);
    expect(ca.body).toMatchObject({ rule: "area", area: "NA", location: { country: "CA" } });
    const jp = await s.api("GET", `/api/client/domains/${domainId}/resolve?name=prox&ip=100.66.0.1`, undefined, token);
    expect(jp.body).toMatchObject({ rule: "proximity", location: { country: "AU" } });
    const plain = await s.api("GET", `/api/client/domains/${domainId}/resolve?name=plain&ip=192.0.2.7`, undefined, token);
    expect(plain.body).toMatchObject({ rule: "none", ecs_scope: 0 });
    expect((await s.api("GET", `/api/client/domains/${domainId}/resolve?name=www&ip=nope`, undefined, token)).status).toBe(400);
  });

  test("another client's domain is 404", async () => {
    const other = await clientWithDomain(s, "other-geo.example");
    expect((await s.api("GET", `/api/client/domains/${domainId}/resolve?name=www&ip=192.0.2.7`, undefined, other.token)).status).toBe(404);
  });
});

describe("codes", () => {
  test("GET /api/client/geo/codes lists every code with its name", async () => {
    const r = await s.api("GET", "/api/client/geo/codes", undefined, token);
    const byCode = new Map(r.body.map((c: any) => [c.code, c]));
    expect((byCode.get("NA") as any).name).toBe("North America");
    expect((byCode.get("country:NA") as any).name).toBe("Namibia");
    expect((byCode.get("US") as any).kind).toBe("country");
    expect((byCode.get("EU27") as any).countries).toContain("FR");
    expect(byCode.has("disabled")).toBe(true);
  });

  test("collision codes, groups and unknown codes through the API", async () => {
    const rec = (codes: string[]) => s.api("POST", "/api/client/records", { domain_id: domainId, name: "codes", type: "TXT", value: codes.join(" "), country_codes: codes }, token);
    expect((await rec(["continent:AS", "country:AS", "sa", "group:emea"])).body.country_codes).toEqual(["AS", "country:AS", "SA", "EMEA"]);
    const bad = await rec(["XX"]);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_PARAMETER");
    expect(bad.body.error).toContain('"XX"');
    const ns = await s.api("POST", "/api/client/records", { domain_id: domainId, name: "sub", type: "NS", value: "ns.example.net", country_codes: ["US"] }, token);
    expect(ns.status).toBe(400);
  });
});

describe("database swap", () => {
  test("replacing the file swaps the database with no dropped query", async () => {
    const next = join(dir, "next.mmdb");
    writeMmdb(next, { ...FIXTURE_NETWORKS, "192.0.2.0/24": "FR" });
    let sent = 0;
    let answered = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const batch = Array.from({ length: 20 }, () => udpRaw(s.dnsPort, rawQuery("www.geo.example", "A", ecsOption(1, 24, 0, [192, 0, 2])), 1000));
        sent += batch.length;
        answered += (await Promise.all(batch)).filter((r) => r !== null).length;
      }
    })();
    await Bun.sleep(100);
    renameSync(next, dbPath); // the watcher reloads it
    let swapped = false;
    for (let i = 0; i < 50 && !swapped; i++) {
      await Bun.sleep(50);
      swapped = (await ask("www.geo.example", "A", "192.0.2.0", 24)).answers[0] === "A 192.0.2.2";
    }
    await Bun.sleep(100);
    running = false;
    await load;
    expect(swapped).toBe(true);
    expect(sent).toBeGreaterThan(40);
    expect(answered).toBe(sent);
  });
});

describe("City database", () => {
  test("proximity is measured from the querier's coordinates, not its country's centre", async () => {
    const cityDir = tempDir();
    const cityDb = join(cityDir, "city.mmdb");
    // Anchorage: in the US, whose centre is nearest Brazil of DE/JP/BR, but itself nearest Japan.
    writeMmdb(cityDb, { "192.0.2.0/24": { country: "US", lat: 61.2, lon: -149.9 }, "198.51.100.0/24": { country: "US", lat: 38.5, lon: -97.5 } });
    const city = await startTestServer({ MERIDIAN_GEOIP_DB: cityDb }, cityDir);
    const c = await clientWithDomain(city, "city.example");
    for (const [value, codes] of [["192.0.2.10", ["DE"]], ["192.0.2.11", ["JP"]], ["192.0.2.12", ["BR"]]] as const)
      await addRecord(city, c.token, c.domainId, { name: "prox", type: "A", value, country_codes: [...codes] });
    const q = async (ip: string) => {
      const reply = (await udpRaw(city.dnsPort, rawQuery("prox.city.example", "A", ecsOption(1, 32, 0, v4(ip))))) as Buffer;
      return (packet.decode(reply) as any).answers.map((a: any) => a.data);
    };
    expect(await q("192.0.2.1")).toEqual(["192.0.2.11"]); // Anchorage -> Japan
    expect(await q("198.51.100.1")).toEqual(["192.0.2.12"]); // Kansas -> Brazil, as the country centroid says
    await city.close();
    removeDir(cityDir);
  });
});
