/**
 * Working arrays reused from one grade to the next. V8 counts typed-array memory as external and
 * starts a full collection after every 64 MB of it; with a million input rows on the heap that
 * collection pauses for 100–170 ms. Arrays that never leave the function asking for them come from
 * here instead of `new`. Each call site names its own slot, so two arrays in use never share memory.
 * Contents are left from the last use: callers fill what they read.
 */
const MAX_KEPT = 1 << 22; // elements; longer arrays are not kept

const slots = new Map<string, Int32Array | Uint32Array | Float64Array>();

function take<T extends Int32Array | Uint32Array | Float64Array>(slot: string, length: number, make: (n: number) => T): T {
  if (length > MAX_KEPT) return make(length);
  let kept = slots.get(slot) as T | undefined;
  if (!kept || kept.length < length) {
    kept = make(Math.min(MAX_KEPT, Math.max(length, Math.ceil((kept?.length ?? 0) * 1.5))));
    slots.set(slot, kept);
  }
  return kept.subarray(0, length) as T;
}

export function scratchInt32(slot: string, length: number): Int32Array {
  return take(slot, length, (n) => new Int32Array(n));
}

export function scratchUint32(slot: string, length: number): Uint32Array {
  return take(slot, length, (n) => new Uint32Array(n));
}

export function scratchFloat64(slot: string, length: number): Float64Array {
  return take(slot, length, (n) => new Float64Array(n));
}
