/**
 * Dictionaries from texts to non-negative integers on typed arrays, for text customer and order ids
 * (`SO-1001`, `C000123`, e-mails, 19-digit 淘宝 order numbers). A Map keeps a heap entry per id and,
 * at a million ids, its lookups and the collector's marking of those entries were most of a read's
 * time (issue #19's profile). Nothing here is allocated per lookup.
 */
import { NumberIndex } from "./numberIndex";

/** Distinct shapes given their own NumberIndex; texts of further shapes go to the TextTable. */
const MAX_SHAPES = 256;

/**
 * Texts to values. Most ids are a counter between a short head and tail (`SO-1001`, `C000123`,
 * `#1001`, `ORD-2024-000017`, `c12345@shop.example`): such a text is split at its last run of
 * digits into its shape — the head (everything before the run's significant digits, leading zeros
 * included: `C000` + 123) and the tail after the run (`@shop.example`, mostly empty) — and that
 * number, and found in a NumberIndex per shape, where rising counters are read from neighbouring
 * memory as numeric ids are. The split is one-to-one (the text is the head, the number's digits and
 * the tail), so two texts share a key only when they are equal. Other texts, and texts whose shape
 * came after the first MAX_SHAPES, go to one TextTable.
 */
export class TextIndex {
  private readonly shapes = new TextTable(16);
  /** Per shape: its head and tail, and its counters. */
  private readonly heads: string[] = [];
  private readonly tails: string[] = [];
  private readonly counters: NumberIndex[] = [];
  /**
   * The shape found last for each head and tail length (a few bits of them): ids come in a few kinds
   * (`C00…`, `c…@shop.example`), and comparing a few code units is cheaper than hashing them.
   */
  private readonly recentShapes = new Int32Array(RECENT).fill(-1);
  private readonly others = new TextTable();
  /** Set by split: where the last digit run's significant digits start, and where the run ends. */
  private cut = 0;
  private runEnd = 0;
  /** The two shapes used last (−1: none), tried before splitting; `key`: the counter hasShape read. */
  private last = -1;
  private previous = -1;
  private key = 0;

  /** The value for `text`, or −1. */
  get(text: string): number {
    const q = this.recentShapeOf(text);
    if (q >= 0) return this.counters[q].get(this.key);
    if (this.split(text)) {
      const p = this.shapeOf(text);
      if (p >= 0) {
        this.used(p);
        return this.counters[p].get(counterValue(text, this.cut, this.runEnd));
      }
      // An unknown shape while there was room for it: no text with it was ever set.
      if (this.counters.length < MAX_SHAPES) return -1;
    }
    return this.others.get(text);
  }

  /** Sets `text` (not yet present) to `value` ≥ 0. */
  set(text: string, value: number): void {
    this.add(text, value);
  }

  /** The value for `text`; when it has none, `value` (≥ 0), which it is then given. */
  add(text: string, value: number): number {
    const q = this.recentShapeOf(text);
    if (q >= 0) return this.addCounter(q, this.key, value);
    if (this.split(text)) {
      const { cut, runEnd } = this;
      let p = this.shapeOf(text);
      if (p < 0 && this.counters.length < MAX_SHAPES) {
        p = this.counters.length;
        this.counters.push(new NumberIndex());
        this.heads.push(text.slice(0, cut));
        this.tails.push(text.slice(runEnd));
        this.shapes.set(text, p, cut, runEnd);
        this.recentShapes[recentSlot(cut, text.length - runEnd)] = p;
      }
      if (p >= 0) {
        this.used(p);
        return this.addCounter(p, counterValue(text, cut, runEnd), value);
      }
    }
    const known = this.others.get(text);
    if (known >= 0) return known;
    this.others.set(text, value);
    return value;
  }

  private addCounter(p: number, key: number, value: number): number {
    const counters = this.counters[p];
    const known = counters.get(key);
    if (known >= 0) return known;
    counters.set(key, value);
    return value;
  }

  private used(p: number): void {
    if (p === this.last) return;
    this.previous = this.last;
    this.last = p;
  }

  /**
   * One of the two shapes used last that `text` has, or −1, with its counter in `key`; no split
   * needed. `text` has shape p when it is p's head, then 1–15 digits not starting with 0, then p's
   * tail: split would cut it there too, since a head's trailing digits are all zeros (those leading
   * the counter) and a tail has none.
   */
  private recentShapeOf(text: string): number {
    const last = this.last;
    if (last < 0) return -1;
    if (this.hasShape(text, last)) return last;
    const previous = this.previous;
    if (previous < 0 || !this.hasShape(text, previous)) return -1;
    this.previous = last;
    this.last = previous;
    return previous;
  }

  private hasShape(text: string, p: number): boolean {
    const head = this.heads[p];
    const tail = this.tails[p];
    const start = head.length;
    const end = text.length - tail.length;
    if (end - start < 1 || end - start > 15) return false;
    let value = text.charCodeAt(start) - 48;
    if (value < 1 || value > 9) return false;
    for (let k = start + 1; k < end; ++k) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return false;
      value = value * 10 + d;
    }
    if (!sameUnits(text, 0, head) || !sameUnits(text, end, tail)) return false;
    this.key = value;
    return true;
  }

  /**
   * Finds the last run of digits in `text`: sets `cut` (after the run's leading zeros) and `runEnd`;
   * false when there is none or it has no significant digit or more than 15 (not exact as a double).
   */
  private split(text: string): boolean {
    let end = text.length;
    while (end > 0 && !isDigit(text.charCodeAt(end - 1))) --end;
    if (end === 0) return false;
    let i = end - 1;
    while (i > 0 && isDigit(text.charCodeAt(i - 1))) --i;
    while (i < end && text.charCodeAt(i) === 48) ++i;
    if (i === end || end - i > 15) return false;
    this.cut = i;
    this.runEnd = end;
    return true;
  }

  /** The shape number of `text` as split, or −1. */
  private shapeOf(text: string): number {
    const { cut, runEnd } = this;
    const slot = recentSlot(cut, text.length - runEnd);
    const last = this.recentShapes[slot];
    if (last >= 0) {
      const head = this.heads[last];
      const tail = this.tails[last];
      if (head.length === cut && tail.length === text.length - runEnd && sameUnits(text, 0, head) && sameUnits(text, runEnd, tail)) return last;
    }
    const p = this.shapes.get(text, cut, runEnd);
    if (p >= 0) this.recentShapes[slot] = p;
    return p;
  }
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Slots of TextIndex.recentShapes (a power of two), by head and tail length. */
const RECENT = 8;
const recentSlot = (headLength: number, tailLength: number) => (headLength + 3 * tailLength) & (RECENT - 1);

/** Whether `text` holds `part` at `at`. */
function sameUnits(text: string, at: number, part: string): boolean {
  // A builtin compares long parts (an e-mail's domain) faster; its call costs more than a few reads.
  if (part.length > 6) return text.startsWith(part, at);
  for (let k = 0; k < part.length; ++k) if (text.charCodeAt(at + k) !== part.charCodeAt(k)) return false;
  return true;
}

function counterValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let k = start; k < end; ++k) value = value * 10 + (text.charCodeAt(k) - 48);
  return value;
}

/**
 * Any texts to values: each text's UTF-16 code units are copied once into one growing Uint16Array
 * and found again through an open-addressing table (linear probing) of entry numbers. A key can be
 * a text with a middle part left out (a TextIndex shape: head and tail around a counter): the
 * code units before `headEnd` and from `tailStart` on, kept apart by the head's length.
 */
export class TextTable {
  /** Entry number + 1 per slot, 0 when the slot is empty. */
  private slots: Int32Array;
  private mask: number;
  /**
   * Per entry: its key's hash, where its code units start in `units` (length = next start − start),
   * how many of them are the head (all of them for a whole text), its value.
   */
  private hashes: Int32Array;
  private starts: Int32Array;
  private headLengths: Int32Array;
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
    this.headLengths = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.units = new Uint16Array(capacity * 8);
  }

  /** The value for `text` (its code units before `headEnd` and from `tailStart` on), or −1. */
  get(text: string, headEnd = text.length, tailStart = text.length): number {
    const h = hashOf(text, headEnd, tailStart);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const e = this.slots[i] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.matches(e, text, headEnd, tailStart)) return this.values[e];
    }
  }

  /** Sets `text` (its code units before `headEnd` and from `tailStart` on) to `value` ≥ 0, replacing the value when present. */
  set(text: string, value: number, headEnd = text.length, tailStart = text.length): void {
    const h = hashOf(text, headEnd, tailStart);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const e = this.slots[i] - 1;
      if (e < 0) break;
      if (this.hashes[e] === h && this.matches(e, text, headEnd, tailStart)) {
        this.values[e] = value;
        return;
      }
    }
    this.append(text, headEnd, tailStart, h, value);
    this.slots[i] = this.size;
    if (this.size * 2 > this.slots.length) this.rehash();
  }

  /** Whether entry `e` holds exactly the head text[0 … headEnd) and the tail text[tailStart …). */
  private matches(e: number, text: string, headEnd: number, tailStart: number): boolean {
    const start = this.starts[e];
    const tail = text.length - tailStart;
    if (this.starts[e + 1] - start !== headEnd + tail || this.headLengths[e] !== headEnd) return false;
    const units = this.units;
    for (let k = 0; k < headEnd; ++k) if (units[start + k] !== text.charCodeAt(k)) return false;
    for (let k = 0, at = start + headEnd; k < tail; ++k) if (units[at + k] !== text.charCodeAt(tailStart + k)) return false;
    return true;
  }

  private append(text: string, headEnd: number, tailStart: number, h: number, value: number): void {
    const e = this.size;
    if (e === this.values.length) {
      const more = e * 2;
      this.hashes = grown(this.hashes, more);
      this.headLengths = grown(this.headLengths, more);
      this.values = grown(this.values, more);
      this.starts = grown(this.starts, more + 1);
    }
    const tail = text.length - tailStart;
    const n = headEnd + tail;
    if (this.used + n > this.units.length) {
      const wider = new Uint16Array(Math.max(this.units.length * 2, this.used + n));
      wider.set(this.units.subarray(0, this.used));
      this.units = wider;
    }
    const units = this.units;
    const at = this.used;
    for (let k = 0; k < headEnd; ++k) units[at + k] = text.charCodeAt(k);
    for (let k = 0; k < tail; ++k) units[at + headEnd + k] = text.charCodeAt(tailStart + k);
    this.used += n;
    this.hashes[e] = h;
    this.headLengths[e] = headEnd;
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

/**
 * FNV-1a over the head's and the tail's UTF-16 code units (the tail after the head's length), then a
 * final avalanche so that the low bits (the slot) mix well.
 */
function hashOf(text: string, headEnd: number, tailStart: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < headEnd; ++k) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  const n = text.length;
  if (tailStart < n) {
    h = Math.imul(h ^ (headEnd | 0x10000), 0x01000193);
    for (let k = tailStart; k < n; ++k) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
