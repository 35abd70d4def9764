/**
 * The customer and order dictionaries of the read: cell → small integer, the same integer for cells
 * that name the same customer (or order). Numbers go to NumberIndexes, texts to TextIndexes: both on
 * typed arrays, nothing allocated per id (see textIndex.ts for why not a Map).
 */
import { customerIdOf, isOwnTextId, isRespelledEmail } from "./customerId";
import { isBlank } from "../common/missing";
import { NumberIndex } from "./numberIndex";
import { TextIndex } from "./textIndex";
import type { Cell } from "../common/types";

/** Customers by id text (customerIdOf): 17850, "17850" and "17850.0" are one customer. */
export class CustomerDictionary {
  /** Id text of each customer, by index. */
  readonly ids: string[] = [];
  /** Customers whose id is an e-mail with a key other than itself (isRespelledEmail), ascending: for mergeEmailSpellings. */
  readonly respelled: number[] = [];
  private readonly byNumber = new NumberIndex();
  /** Texts as read (trimmed or not) and id texts → index. */
  private readonly byText = new TextIndex();

  /** Index of the customer of `cell`, −1 when the cell holds no id. */
  indexOf(cell: Cell): number {
    if (typeof cell === "number" && Number.isFinite(cell)) {
      let c = this.byNumber.get(cell);
      if (c < 0) {
        c = this.ids.length;
        this.ids.push(customerIdOf(cell));
        this.byNumber.set(cell, c);
      }
      return c;
    }
    const raw = typeof cell === "string";
    if (raw && isOwnTextId(cell)) {
      // The common case: one lookup that also adds a new id (no second lookup under its id text).
      const c = this.byText.add(cell, this.ids.length);
      if (c === this.ids.length) {
        this.ids.push(cell);
        if (isRespelledEmail(cell)) this.respelled.push(c);
      }
      return c;
    }
    if (raw) {
      const known = this.byText.get(cell);
      if (known >= 0) return known;
    }
    const id = customerIdOf(cell);
    if (id === "") return -1;
    let c = raw && cell === id ? -1 : this.byText.get(id);
    if (c < 0) {
      // A text that reads as a number cell's id ("17850", "17850.0") is that number's customer.
      const x = Number(id);
      const numeric = Number.isFinite(x) && String(x) === id;
      if (numeric) c = this.byNumber.get(x);
      if (c < 0) {
        c = this.ids.length;
        this.ids.push(id);
        if (numeric) this.byNumber.set(x, c);
        else if (isRespelledEmail(id)) this.respelled.push(c);
      }
      this.byText.set(id, c);
    }
    if (raw && cell !== id) this.byText.set(cell, c);
    return c;
  }

  /** Index of the customer whose id is exactly `id`, or −1. */
  indexOfId(id: string): number {
    return this.byText.get(id);
  }
}

/** An order id text that is exactly a whole number (no sign, no leading zero, ≤ 15 digits). */
const DIGITS = /^[1-9]\d{0,14}$/;

/**
 * Orders compared as text, trimmed: the number 536365 and the text "536365" are one order. Numeric
 * ids (number cells, and texts of DIGITS) go to a NumberIndex, other texts to a TextIndex.
 */
export class OrderDictionary {
  count = 0;
  private readonly byNumber = new NumberIndex();
  private readonly byText = new TextIndex();

  /** Index of the order of `cell`, −1 when the cell is blank. */
  indexOf(cell: Cell): number {
    if (typeof cell === "number" && Number.isFinite(cell)) return this.numbered(cell);
    if (isBlank(cell)) return -1;
    let key: string;
    if (typeof cell === "string") {
      const n = digitsValue(cell);
      if (n >= 0) return this.numbered(n);
      // Most ids have nothing to trim, and then digitsValue has already said they are not DIGITS.
      if (plainEnd(cell.charCodeAt(0)) && plainEnd(cell.charCodeAt(cell.length - 1))) key = cell;
      else {
        key = cell.trim();
        if (DIGITS.test(key)) return this.numbered(Number(key));
      }
    } else {
      key = String(cell);
      if (DIGITS.test(key)) return this.numbered(Number(key));
    }
    const k = this.byText.add(key, this.count);
    if (k === this.count) ++this.count;
    return k;
  }

  private numbered(n: number): number {
    let k = this.byNumber.get(n);
    if (k < 0) this.byNumber.set(n, (k = this.count++));
    return k;
  }
}

/** A printable ASCII code unit: never removed by String.prototype.trim. */
const plainEnd = (code: number) => code > 32 && code < 127;

/** The value of a text that is only DIGITS (no spaces to trim), else −1: the common case without a regex. */
function digitsValue(text: string): number {
  const n = text.length;
  if (n === 0 || n > 15) return -1;
  let value = text.charCodeAt(0) - 48;
  if (value < 1 || value > 9) return -1;
  for (let i = 1; i < n; ++i) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
