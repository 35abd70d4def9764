/**
 * A dictionary from finite numbers to small integers on typed arrays. Used for numeric customer and
 * order ids: unlike a Map it allocates nothing per entry, so reading a million rows does not churn
 * the garbage collector.
 *
 * Ids are mostly whole numbers in a dense range (customers 12346 … 18287, invoices 536365, 536366,
 * …): those are kept in a directly addressed window (an array indexed by id − base), where rising
 * ids are read from neighbouring memory. Everything else goes to an open-addressing hash table.
 */
export class NumberIndex {
  /** window[k − base] = value for whole keys k in [base, base + window.length), −1 when absent. */
  private window = new Int32Array(0);
  private base = 0;
  private windowCount = 0;
  /** Hash table for the other keys (linear probing): keys, values (−1 when the slot is empty). */
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private hashCount = 0;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The value for `key`, or −1. */
  get(key: number): number {
    const k = key - this.base;
    if (k >= 0 && k < this.window.length && (key | 0) === key) {
      const v = this.window[k];
      if (v >= 0 || this.hashCount === 0) return v;
    }
    if (this.hashCount === 0) return -1;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const v = this.values[i];
      if (v < 0) return -1;
      if (this.keys[i] === key) return v;
    }
  }

  /** Sets `key` (not yet present) to `value` ≥ 0. */
  set(key: number, value: number): void {
    if ((key | 0) === key && this.fits(key)) {
      this.window[key - this.base] = value;
      ++this.windowCount;
      return;
    }
    if ((this.hashCount + 1) * 2 > this.values.length) this.grow();
    this.insert(key, value);
  }

  /** Puts `key` in the hash table (which has room). */
  private insert(key: number, value: number): void {
    let i = this.slot(key);
    while (this.values[i] >= 0) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.values[i] = value;
    ++this.hashCount;
  }

  /**
   * Whether whole `key` is in the window, widening it when the range stays dense (≤ 8 slots a key).
   * A window grows at least twofold or not yet (the key goes to the hash table meanwhile), so that
   * all the widening allocates and copies a few times the final window, not a window per new key;
   * keys of the hash table that fall in the wider window move into it.
   */
  private fits(key: number): boolean {
    const { window, base } = this;
    if (key >= base && key < base + window.length) return true;
    const low = window.length === 0 ? key : Math.min(base, key);
    const high = window.length === 0 ? key + 1 : Math.max(base + window.length, key + 1);
    const span = high - low;
    const limit = 8 * (this.windowCount + this.hashCount + 1) + 4096;
    if (span > limit) return false;
    // Room to grow on the side the new key came from (ids usually rise).
    const length = Math.max(span + Math.min(limit - span, span + 1024), 2 * window.length);
    if (length > limit) return false;
    const newBase = key < base ? high - length : low;
    const wider = new Int32Array(length).fill(-1);
    if (window.length) wider.set(window, base - newBase);
    this.window = wider;
    this.base = newBase;
    if (this.hashCount) this.moveIntoWindow();
    return true;
  }

  /** Moves the hash table's whole keys within the window into it. */
  private moveIntoWindow(): void {
    const { keys, values, window, base } = this;
    let moved = 0;
    for (let i = 0; i < values.length; ++i) {
      const v = values[i];
      if (v < 0) continue;
      const key = keys[i];
      const k = key - base;
      if ((key | 0) === key && k >= 0 && k < window.length) {
        window[k] = v;
        ++moved;
      }
    }
    if (moved === 0) return;
    this.windowCount += moved;
    this.keys = new Float64Array(keys.length);
    this.values = new Int32Array(values.length).fill(-1);
    this.hashCount = 0;
    for (let i = 0; i < values.length; ++i) {
      const v = values[i];
      if (v < 0) continue;
      const key = keys[i];
      const k = key - base;
      if (!((key | 0) === key && k >= 0 && k < window.length)) this.insert(key, v);
    }
  }

  private slot(key: number): number {
    if ((key | 0) === key) {
      const h = Math.imul(key, 0x9e3779b1); // −0 | 0 is 0: −0 and 0 are one key
      return (h ^ (h >>> 16)) & this.mask;
    }
    this.bits[0] = key;
    return (Math.imul(this.words[0] ^ Math.imul(this.words[1], 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.mask = this.values.length - 1;
    this.hashCount = 0;
    for (let i = 0; i < values.length; ++i) if (values[i] >= 0) this.insert(keys[i], values[i]);
  }
}
