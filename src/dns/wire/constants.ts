// Wire constants: rcodes, opcodes, types and header bits used on the query path (RFC 1035 s4.1.1, RFC 6891).

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9 } as const;
/** Extended rcode BADVERS = 16: upper 8 bits go in the OPT TTL (RFC 6891 s6.1.3). */
export const BADVERS = 16;

export const TYPE = { NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, DS: 43, OPT: 41, TSIG: 250, IXFR: 251, AXFR: 252, ANY: 255 } as const;
export const CLASS_IN = 1;

export const OPT_CODE = { ECS: 8, EDE: 15 } as const;
/** RFC 8914 s4.21: Not Authoritative, sent with REFUSED for names outside every zone we serve. */
export const EDE_NOT_AUTHORITATIVE = 20;

export const FLAG = { QR: 0x8000, AA: 0x0400, TC: 0x0200, RD: 0x0100, CD: 0x0010 } as const;

/** Parse outcomes other than an rcode to answer with. */
export const DROP = -1;
export const PARSED = 0;
