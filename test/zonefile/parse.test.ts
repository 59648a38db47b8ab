// RFC 1035 master-file syntax, one item at a time, through the parser the import endpoint uses.
import { describe, expect, test } from "bun:test";
import { parseTtl, parseZoneFile } from "../../src/zonefile/parse.ts";

const recs = (text: string) => {
  const z = parseZoneFile(text);
  expect(z.fatal).toBeNull();
  return z.records.map((r) => `${r.input.name} ${r.input.ttl} ${r.input.type} ${r.input.priority ?? "-"} ${r.input.value}`);
};

describe("zone-file syntax", () => {
  test("$TTL and TTL units, upper and lower case", () => {
    expect([parseTtl("3600"), parseTtl("1d"), parseTtl("2h30m"), parseTtl("1W"), parseTtl("1H"), parseTtl("x")]).toEqual([3600, 86400, 9000, 604800, 3600, null]);
    expect(recs("$ORIGIN a.test.\n$TTL 1D\nwww A 192.0.2.1\nftp 2h30m A 192.0.2.2\n")).toEqual(["www.a.test. 86400 A - 192.0.2.1", "ftp.a.test. 9000 A - 192.0.2.2"]);
  });

  test("several $ORIGINs, changing mid-file; @, relative and absolute names", () => {
    const text = "$ORIGIN a.test.\n@ A 192.0.2.1\nwww A 192.0.2.2\n$ORIGIN sub.a.test.\nhost A 192.0.2.3\n@ A 192.0.2.4\nabs.a.test. A 192.0.2.5\n$ORIGIN deep\nx A 192.0.2.6\n";
    expect(recs(text).map((r) => r.split(" ")[0])).toEqual(["a.test.", "www.a.test.", "host.sub.a.test.", "sub.a.test.", "abs.a.test.", "x.deep.sub.a.test."]);
    expect(parseZoneFile(text).origin).toBe("a.test.");
  });

  test("TTL and class in either order, class optional", () => {
    const text = "$ORIGIN a.test.\na 60 IN A 192.0.2.1\nb IN 60 A 192.0.2.2\nc 60 A 192.0.2.3\nd IN A 192.0.2.4\ne A 192.0.2.5\n";
    expect(recs(text)).toEqual(["a.a.test. 60 A - 192.0.2.1", "b.a.test. 60 A - 192.0.2.2", "c.a.test. 60 A - 192.0.2.3", "d.a.test. 60 A - 192.0.2.4", "e.a.test. 60 A - 192.0.2.5"]);
  });

  test("a blank owner repeats the previous owner", () => {
    expect(recs("$ORIGIN a.test.\nmail A 192.0.2.3\n        IN MX 10 mail.a.test.\n\tAAAA 2001:db8::1\n").map((r) => r.split(" ")[0])).toEqual(["mail.a.test.", "mail.a.test.", "mail.a.test."]);
  });

  test("parentheses across lines, comments anywhere outside quotes", () => {
    const z = parseZoneFile("$ORIGIN a.test.\n@ IN SOA ns1 host ( 1 ; serial\n  7200 ; refresh\n 3600 1209600 300 ) ; end\nt TXT \"semi ; colon\" ; real comment\n");
    expect(z.soaOwner).toBe("a.test.");
    expect(z.records.map((r) => r.input.value)).toEqual(["semi ; colon"]);
  });

  test("quoted strings with escapes; multi-string and long TXT", () => {
    expect(recs('$ORIGIN a.test.\nq TXT "say \\"hi\\" \\\\ \\195\\169"\n')[0]).toBe('q.a.test. 3600 TXT - say "hi" \\ é');
    expect(recs('$ORIGIN a.test.\nm TXT "first" "second"\n')[0]).toBe('m.a.test. 3600 TXT - "first" "second"');
    const long = "x".repeat(300);
    expect(recs(`$ORIGIN a.test.\nl TXT "${"x".repeat(255)}" "${"x".repeat(45)}"\n`)[0]).toBe(`l.a.test. 3600 TXT - ${long}`);
    expect(recs('$ORIGIN a.test.\ne TXT ""\n')[0]).toBe("e.a.test. 3600 TXT - ");
  });

  test("MX and SRV priorities, SRV weight/port/target, CAA", () => {
    expect(recs("$ORIGIN a.test.\n@ MX 10 mail\n_sip._tcp SRV 5 60 5060 sip.a.test.\n@ CAA 0 issue \"ca.test\"\n")).toEqual([
      "a.test. 3600 MX 10 mail.a.test.",
      "_sip._tcp.a.test. 3600 SRV 5 60 5060 sip.a.test.",
      'a.test. 3600 CAA - 0 issue "ca.test"',
    ]);
  });

  test("CRLF line ends, a BOM and tabs", () => {
    expect(recs("\ufeff$ORIGIN a.test.\r\nwww\tIN\tA\t192.0.2.1\r\nftp\t\t300\tA 192.0.2.2\r\n")).toEqual(["www.a.test. 3600 A - 192.0.2.1", "ftp.a.test. 300 A - 192.0.2.2"]);
  });

  test("$INCLUDE is refused and never read", () => {
    const z = parseZoneFile("$ORIGIN a.test.\n$INCLUDE /etc/passwd\nwww A 192.0.2.1\n");
    expect(z.fatal?.line).toBe(2);
    expect(z.fatal?.error).toContain("$INCLUDE");
  });

  test("per-line errors keep the rest: unsupported types, bad rdata", () => {
    const z = parseZoneFile("$ORIGIN a.test.\nh HINFO \"a\" \"b\"\nm MX mail\nok A 192.0.2.1\n");
    expect(z.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(z.records.length).toBe(1);
  });

  test("geo comments are read back as location codes", () => {
    const z = parseZoneFile("$ORIGIN a.test.\nwww A 192.0.2.1 ; geo: US,CA\nwww A 192.0.2.2\n");
    expect(z.records.map((r) => r.input.country_codes)).toEqual([["US", "CA"], undefined]);
  });

  test("unbalanced parentheses and unterminated quotes stop the parse with a line number", () => {
    expect(parseZoneFile("$ORIGIN a.test.\n@ SOA ns1 host ( 1 2 3 4 5\n").fatal?.error).toContain("(");
    expect(parseZoneFile('$ORIGIN a.test.\nt TXT "open\n').fatal?.line).toBe(2);
  });
});
