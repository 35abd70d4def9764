/**
 * The typed-array id dictionaries (TextIndex, CustomerDictionary, OrderDictionary) agree with plain
 * Map-based references on any sequence of cells: properties, with ids shaped like real exports.
 */
import fc from "fast-check";
import { CustomerDictionary, OrderDictionary } from "../../../src/engine/read/idDictionaries";
import { TextIndex, TextTable } from "../../../src/engine/read/textIndex";
import type { Cell } from "../../../src/engine/common/types";
import { MapCustomers, MapOrders } from "../../support/mapDictionaries";

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const prefix = fc.constantFrom("", "C", "C0", "C00", "SO-", "#", "ORD-2024-", "T", "淘", "0", "00", "a1b", "Ü");
/** Ids as exports write them: prefix + counter (leading zeros or not), long 淘宝 numbers, e-mails, padding, unicode. */
const idText = fc.oneof(
  fc.tuple(prefix, digits(1, 8)).map(([p, d]) => p + d),
  fc.tuple(prefix, fc.integer({ min: 1, max: 3000 })).map(([p, n]) => p + n),
  // A counter inside the text: e-mails and codes with a tail (split at the last digit run).
  fc.tuple(prefix, digits(1, 8), fc.constantFrom("@shop.example", "-A", "x", "0x", " ", "-2024", "号")).map(([p, d, t]) => p + d + t),
  digits(15, 20),
  fc.constantFrom("alice@example.com", "Alice@Example.com", "bob@x.cn", "17850", "17850.0", " 17850 ", "17850.00", "0", "00", "000", "-1", "+1", "+17850", ".5", "Infinity", "1e3", "1.5", "", "  ", "#N/A", "#ref!", "\u00a0C1\u00a0", "C1 ", "\ud83d\ude00", "\ud83d\ude001"),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  fc.tuple(fc.constantFrom(" ", "\t", "\u3000"), digits(1, 4)).map(([s, d]) => s + d + s),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: idText },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 3000 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(17850, 0, -0, 1e15, 1e16, 2 ** 53, 0.5, 17850.5, NaN, Infinity, null, undefined, true, false) },
  { weight: 1, arbitrary: fc.double() },
);

test("CustomerDictionary = a Map keyed by customerIdOf, on any cells (indexes and ids)", () => {
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 400 }), (cells) => {
      const fast = new CustomerDictionary();
      const reference = new MapCustomers();
      expect(cells.map((c) => fast.indexOf(c))).toEqual(cells.map((c) => reference.indexOf(c)));
      expect(fast.ids).toEqual(reference.ids);
    }),
    { numRuns: 1500 },
  );
});

test("OrderDictionary = a Map keyed by the trimmed text (whole numbers as numbers), on any cells", () => {
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 400 }), (cells) => {
      const fast = new OrderDictionary();
      const reference = new MapOrders();
      expect(cells.map((c) => fast.indexOf(c))).toEqual(cells.map((c) => reference.indexOf(c)));
      expect(fast.count).toBe(reference.count);
    }),
    { numRuns: 1500 },
  );
});

test("TextIndex get/set/add = a Map over any texts, growth and more than 256 prefixes included", () => {
  // Many distinct prefixes (k…-counters) push past the per-prefix limit into the TextTable.
  const manyPrefixes = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 })).map(([p, n]) => `k${p}-${n}`);
  fc.assert(
    fc.property(fc.array(fc.oneof(idText, manyPrefixes), { maxLength: 3000 }), fc.boolean(), (texts, viaAdd) => {
      const index = new TextIndex();
      const map = new Map<string, number>();
      for (const t of texts) {
        const known = map.get(t);
        expect(index.get(t)).toBe(known ?? -1);
        if (known === undefined) {
          map.set(t, map.size);
          if (viaAdd) expect(index.add(t, map.size - 1)).toBe(map.size - 1);
          else index.set(t, map.size - 1);
        } else if (viaAdd) expect(index.add(t, 99999)).toBe(known);
      }
      for (const [t, v] of map) expect(index.get(t)).toBe(v);
    }),
    { numRuns: 200 },
  );
});

test("TextIndex: 262,144 counters with one prefix and as many e-mail-like texts, all found again", () => {
  const index = new TextIndex();
  const n = 1 << 18;
  for (let i = 0; i < n; ++i) index.set(i % 2 ? `SO-${i}` : `u${i}@mail.example`, i);
  let wrong = 0;
  for (let i = 0; i < n; ++i) if (index.get(i % 2 ? `SO-${i}` : `u${i}@mail.example`) !== i) ++wrong;
  expect(wrong).toBe(0);
  expect(index.get("SO-0")).toBe(-1);
  expect(index.get(`SO-${n}`)).toBe(-1);
  expect(index.get("SO-01")).toBe(-1); // not SO-1: leading zeros are part of the text
});

test("TextTable keys with a middle part left out: equal exactly when the head and the tail are equal", () => {
  const part = fc.string({ unit: fc.constantFrom("a", "b", "1", "@", "中", "\ud83d", "\ude00"), maxLength: 4 });
  fc.assert(
    fc.property(fc.array(fc.tuple(part, part, part, fc.boolean()), { maxLength: 300 }), (keys) => {
      const table = new TextTable(2);
      const map = new Map<string, number>();
      for (const [head, middle, tail, whole] of keys) {
        const text = head + middle + tail;
        // A whole text is the head alone (no tail), as TextIndex keeps its others.
        const key = whole ? JSON.stringify([text, ""]) : JSON.stringify([head, tail]);
        const [h, t] = whole ? [text.length, text.length] : [head.length, head.length + middle.length];
        expect(table.get(text, h, t)).toBe(map.get(key) ?? -1);
        if (!map.has(key)) {
          map.set(key, map.size);
          table.set(text, map.size - 1, h, t);
        }
      }
      expect(table.size).toBe(map.size);
    }),
    { numRuns: 300 },
  );
});

test("TextTable matches on exact code units: prefixes of a text, and texts with the same hash bucket, stay apart", () => {
  const table = new TextTable(2);
  const texts = ["", "a", "ab", "abc", "b", "ba", "\ud83d", "\ud83d\ude00", "é", "e\u0301"];
  texts.forEach((t, i) => table.set(t, i));
  texts.forEach((t, i) => expect(table.get(t)).toBe(i));
  expect(table.get("abcd", 3)).toBe(3); // the first 3 code units of "abcd" are "abc"
  expect(table.get("abd")).toBe(-1);
  table.set("ab", 42); // set replaces
  expect(table.get("ab")).toBe(42);
});
