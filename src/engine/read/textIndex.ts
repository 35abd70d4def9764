/**
 * Dictionaries from texts to non-negative integers on typed arrays, for text customer and order ids
 * (`SO-1001`, `C000123`, e-mails, 19-digit 淘宝 order numbers). A Map keeps a heap entry per id and,
 * at a million ids, its lookups and the collector's marking of those entries were most of a read's
 * time (issue #19's profile). Nothing here is allocated per lookup.
 */
import { NumberIndex } from "./numberIndex";

/** Distinct prefixes given their own NumberIndex; texts with further prefixes go to the TextTable. */
const MAX_PREFIXES = 256;

/**
 * Texts to values. Most ids are a short prefix and a counter (`SO-1001`, `C000123`, `#1001`,
 * `ORD-2024-000017`): such a text is split into its prefix (everything before the significant
 * trailing digits, leading zeros included: `C000` + 123) and that number, and found in a NumberIndex
 * per prefix, where rising counters are read from neighbouring memory as numeric ids are. The split
 * is one-to-one (the text is the prefix followed by the number's digits), so two texts share a key
 * only when they are equal. Other texts, and texts whose prefix came after the first MAX_PREFIXES,
 * go to one TextTable.
 */
export class TextIndex {
  private readonly prefixes = new TextTable(16);
  private readonly counters: NumberIndex[] = [];
  private readonly others = new TextTable();

  /** The value for `text`, or −1. */
  get(text: string): number {
    const cut = counterStart(text);
    if (cut >= 0) {
      const p = this.prefixes.get(text, cut);
      if (p >= 0) return this.counters[p].get(counterValue(text, cut));
      // An unknown prefix while there was room for it: no text with it was ever set.
      if (this.counters.length < MAX_PREFIXES) return -1;
    }
    return this.others.get(text);
  }

  /** Sets `text` (not yet present) to `value` ≥ 0. */
  set(text: string, value: number): void {
    this.add(text, value);
  }

  /** The value for `text`; when it has none, `value` (≥ 0), which it is then given. */
  add(text: string, value: number): number {
    const cut = counterStart(text);
    if (cut >= 0) {
      let p = this.prefixes.get(text, cut);
      if (p < 0 && this.counters.length < MAX_PREFIXES) {
        p = this.counters.length;
        this.counters.push(new NumberIndex());
        this.prefixes.set(text, p, cut);
      }
      if (p >= 0) {
        const counters = this.counters[p];
        const key = counterValue(text, cut);
        const known = counters.get(key);
        if (known >= 0) return known;
        counters.set(key, value);
        return value;
      }
    }
    const known = this.others.get(text);
    if (known >= 0) return known;
    this.others.set(text, value);
    return value;
  }
}

/**
 * Where the significant trailing digits of `text` start (after any leading zeros of the trailing
 * digit run), when there are 1 to 15 of them (exact as a double); else −1.
 */
function counterStart(text: string): number {
  const n = text.length;
  let i = n;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    --i;
  }
  while (i < n && text.charCodeAt(i) === 48) ++i;
  return i === n || n - i > 15 ? -1 : i;
}

function counterValue(text: string, start: number): number {
  let value = 0;
  for (let k = start, n = text.length; k < n; ++k) value = value * 10 + (text.charCodeAt(k) - 48);
  return value;
}

/**
 * Any texts to values: each text's UTF-16 code units are copied once into one growing Uint16Array
 * and found again through an open-addressing table (linear probing) of entry numbers.
 */
export class TextTable {
  /** Entry number + 1 per slot, 0 when the slot is empty. */
  private slots: Int32Array;
  private mask: number;
  /** Per entry: its text's hash, where its code units start in `units` (length = next start − start), its value. */
  private hashes: Int32Array;
  private starts: Int32Array;
  private values: Int32Array;
  private units: Uint16Array;
  private used = 0;
  /** Number of texts held. */
  size = 0;

  constructor(capacity = 64) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity + 1);
    this.values = new Int32Array(capacity);
    this.units = new Uint16Array(capacity * 8);
  }

  /** The value for `text` (its first `end` code units), or −1. */
  get(text: string, end = text.length): number {
    const h = hashOf(text, end);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const e = this.slots[i] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.matches(e, text, end)) return this.values[e];
    }
  }

  /** Sets `text` (its first `end` code units) to `value` ≥ 0, replacing the value when present. */
  set(text: string, value: number, end = text.length): void {
    const h = hashOf(text, end);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const e = this.slots[i] - 1;
      if (e < 0) break;
      if (this.hashes[e] === h && this.matches(e, text, end)) {
        this.values[e] = value;
        return;
      }
    }
    this.append(text, end, h, value);
    this.slots[i] = this.size;
    if (this.size * 2 > this.slots.length) this.rehash();
  }

  /** Whether entry `e` holds exactly the first `n` code units of `text`. */
  private matches(e: number, text: string, n: number): boolean {
    const start = this.starts[e];
    if (this.starts[e + 1] - start !== n) return false;
    const units = this.units;
    for (let k = 0; k < n; ++k) if (units[start + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  private append(text: string, n: number, h: number, value: number): void {
    const e = this.size;
    if (e === this.values.length) {
      const more = e * 2;
      this.hashes = grown(this.hashes, more);
      this.values = grown(this.values, more);
      this.starts = grown(this.starts, more + 1);
    }
    if (this.used + n > this.units.length) {
      const wider = new Uint16Array(Math.max(this.units.length * 2, this.used + n));
      wider.set(this.units.subarray(0, this.used));
      this.units = wider;
    }
    const units = this.units;
    for (let k = 0, at = this.used; k < n; ++k) units[at + k] = text.charCodeAt(k);
    this.used += n;
    this.hashes[e] = h;
    this.values[e] = value;
    this.starts[e + 1] = this.used;
    this.size = e + 1;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; ++e) {
      let i = this.hashes[e] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function grown(a: Int32Array, length: number): Int32Array {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}

/** FNV-1a over the UTF-16 code units, then a final avalanche so that the low bits (the slot) mix well. */
function hashOf(text: string, n: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < n; ++k) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
