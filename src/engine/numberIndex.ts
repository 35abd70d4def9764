/**
 * A dictionary from finite numbers to small integers on typed arrays (open addressing, linear
 * probing). Used for numeric customer and order ids: unlike a Map it allocates nothing per entry, so
 * reading a million rows does not churn the garbage collector.
 */
export class NumberIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  private slot(key: number): number {
    this.bits[0] = key === 0 ? 0 : key; // −0 and 0 are one key
    return (Math.imul(this.words[0] ^ Math.imul(this.words[1], 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
  }

  /** The value for `key`, or −1. */
  get(key: number): number {
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const v = this.values[i];
      if (v < 0) return -1;
      if (this.keys[i] === key) return v;
    }
  }

  /** Sets `key` (not yet present) to `value` ≥ 0. */
  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    let i = this.slot(key);
    while (this.values[i] >= 0) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.values[i] = value;
    ++this.count;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.mask = this.values.length - 1;
    this.count = 0;
    for (let i = 0; i < values.length; ++i) if (values[i] >= 0) this.set(keys[i], values[i]);
  }
}
