// IPv4 and IPv6 address text: strict parsing to bytes, and RFC 5952 canonical IPv6 text. Pure.

/** Dotted-quad IPv4 with no leading zeros (which some parsers read as octal). */
export function parseIPv4(s: string): Uint8Array | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p[0] === "0")) return null;
    for (const ch of p) if (ch < "0" || ch > "9") return null;
    const n = Number(p);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseGroups(s: string, max: number): number[] | null {
  if (s === "") return [];
  const groups: number[] = [];
  const parts = s.split(":");
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (i === parts.length - 1 && p.includes(".")) {
      const v4 = parseIPv4(p);
      if (!v4) return null;
      groups.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
    groups.push(Number.parseInt(p, 16));
  }
  return groups.length > max ? null : groups;
}

export function parseIPv6(input: string): Uint8Array | null {
  const s = input.trim();
  const dbl = s.indexOf("::");
  let groups: number[] | null;
  if (dbl >= 0) {
    if (s.indexOf("::", dbl + 1) >= 0) return null;
    const head = parseGroups(s.slice(0, dbl), 7);
    const tail = parseGroups(s.slice(dbl + 2), 7);
    if (!head || !tail || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    groups = parseGroups(s, 8);
    if (!groups || groups.length !== 8) return null;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** RFC 5952 s4: lowercase, no leading zeros, the longest run of two or more zero groups as `::` (the first on a tie). */
export function formatIPv6(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[i] as number) << 8) | (b[i + 1] as number));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(":");
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}
