// A map keyed by lowercase wire-format names, looked up straight from packet bytes with no string or
// allocation: FNV-1a over the key's octets picks a bucket in a Map keyed by small integers (SMIs), and the
// octets are compared on a hit. Used for the zone registry (apex -> zone) and each zone's owner index.

type Bucket<T> = { key: Uint8Array; value: T; next: Bucket<T> | null };

export function hashName(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  return h & 0x3fffffff; // stays a small integer, so Map.get never boxes it
}

function sameBytes(key: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== buf[start + i]) return false;
  return true;
}

export class NameMap<T> {
  private readonly buckets = new Map<number, Bucket<T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value stored for the name in buf[start, end), or undefined. */
  get(buf: Uint8Array, start: number, end: number): T | undefined {
    for (let b: Bucket<T> | null | undefined = this.buckets.get(hashName(buf, start, end)); b; b = b.next)
      if (sameBytes(b.key, buf, start, end)) return b.value;
    return undefined;
  }

  set(key: Uint8Array, value: T): void {
    const h = hashName(key, 0, key.length);
    const head = this.buckets.get(h);
    for (let b: Bucket<T> | null | undefined = head; b; b = b.next)
      if (sameBytes(b.key, key, 0, key.length)) {
        b.value = value;
        return;
      }
    this.buckets.set(h, { key, value, next: head ?? null });
    this.count++;
  }

  delete(key: Uint8Array): boolean {
    const h = hashName(key, 0, key.length);
    let prev: Bucket<T> | null = null;
    for (let b = this.buckets.get(h) ?? null; b; prev = b, b = b.next) {
      if (!sameBytes(b.key, key, 0, key.length)) continue;
      if (prev) prev.next = b.next;
      else if (b.next) this.buckets.set(h, b.next);
      else this.buckets.delete(h);
      this.count--;
      return true;
    }
    return false;
  }

  *values(): IterableIterator<T> {
    for (const head of this.buckets.values()) for (let x: Bucket<T> | null = head; x; x = x.next) yield x.value;
  }
}
