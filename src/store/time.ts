// Clock helpers for the store: RFC 3339 UTC timestamps and SOA serials that only move forward.

export function nowIso(): string {
  return new Date().toISOString();
}

/** RFC 1982 serials here are Unix seconds, or one more than the last, whichever is larger, so never backwards. */
export function nextSerial(previous: number): number {
  return Math.min(0xffffffff, Math.max(previous + 1, Math.floor(Date.now() / 1000)));
}
