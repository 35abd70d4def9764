/** Radix sort orders equal the comparator sorts they replace (properties, both below and above the radix threshold). */
import fc from "fast-check";
import { compareCodePoints } from "../../../src/engine/common/codepoint";
import { codePointOrder, orderByKeys, orderOfRanks, ranksOf } from "../../../src/engine/grade/sortOrder";

/** The definition: a stable sort of `ties` by key. */
function reference(keys: number[], descending: boolean, ties: number[]): number[] {
  const position = new Map(ties.map((i, k) => [i, k]));
  return [...ties].sort((a, b) => (keys[a] === keys[b] ? position.get(a)! - position.get(b)! : (keys[a] < keys[b]) !== descending ? -1 : 1));
}

const keyPool = [0, -0, 1, -1, 0.1, -0.1, 1e-300, -1e-300, 5e-324, 2 ** 53, -(2 ** 53), 1e300, -1e300, Infinity, -Infinity, 42.5, 12345.678901,
  // Pairs that differ only in the low 32 bits of the pattern.
  1 + 2 ** -40, 1 + 2 ** -52, -(1 + 2 ** -40), -(1 + 2 ** -52), -(1 + 2 ** -30)];
const keyArb = fc.oneof(fc.constantFrom(...keyPool), fc.double({ noNaN: true }), fc.integer({ min: -5, max: 5 }));

test("orderByKeys is a stable sort of the tie order by key, ascending or descending", () => {
  fc.assert(
    fc.property(fc.array(keyArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 600 }), fc.boolean(), fc.integer(), (pool, repeat, descending, seed) => {
      // Long inputs (over the 2,048 threshold) are built by repeating a short pool, so ties abound.
      const keys: number[] = [];
      for (let r = 0; r < repeat; ++r) for (const k of pool) keys.push(k);
      const n = keys.length;
      const ties = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1, s = seed >>> 0; i > 0; --i) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const j = s % (i + 1);
        [ties[i], ties[j]] = [ties[j], ties[i]];
      }
      const got = Array.from(orderByKeys(Float64Array.from(keys), descending, Uint32Array.from(ties)));
      return JSON.stringify(got) === JSON.stringify(reference(keys, descending, ties));
    }),
    { numRuns: 300 },
  );
});

test("orderByKeys without ties keeps input order among equal keys", () => {
  const keys = Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 13);
  const order = orderByKeys(keys);
  for (let k = 1; k < keys.length; ++k) {
    const [a, b] = [order[k - 1], order[k]];
    expect(keys[a] < keys[b] || (keys[a] === keys[b] && a < b)).toBe(true);
  }
});

test("codePointOrder equals a compareCodePoints sort (ASCII, CJK, astral, shared prefixes, long ids)", () => {
  const char = fc.constantFrom("0", "1", "9", "A", "a", "~", "\u007f", "é", "中", "\uE000", "\uFF21", "\u{1F600}", "\u{20000}", "-", " ");
  const id = fc.oneof(fc.array(char, { maxLength: 4 }).map((cs) => cs.join("")), fc.array(char, { minLength: 6, maxLength: 20 }).map((cs) => cs.join("")));
  fc.assert(
    fc.property(fc.array(id, { maxLength: 200 }), fc.integer({ min: 0, max: 3000 }), (some, numeric) => {
      // Plus a block of numeric and prefixed ids to pass the radix threshold with long shared prefixes.
      const all = [...some, ...Array.from({ length: numeric }, (_, i) => (i % 3 === 0 ? `CUST-0000${i}` : String(10000 + ((i * 7919) % 100000))))];
      const ids = [...new Set(all)];
      const want = ids.map((_, i) => i).sort((a, b) => compareCodePoints(ids[a], ids[b]));
      const got = Array.from(codePointOrder(ids));
      const rank = ranksOf(Uint32Array.from(got));
      return JSON.stringify(got) === JSON.stringify(want) && got.every((i, k) => rank[i] === k);
    }),
    { numRuns: 150 },
  );
});

test("codePointOrder: the edges of printable ASCII (space, !, ~) and the control characters around it, in runs long enough for the radix passes", () => {
  // Space is the lowest packed character and must stay above a string's end; tab, U+001F and U+007F are outside the packed range.
  const printable = [" ", "!", "~", "0", "z"];
  const outside = ["\t", "\u001f", "\u007f"];
  // Up to 8 characters, keys that tie are never looked at again: the packing alone must order them.
  // One character outside the range sends the whole run to the 3-character keys: a list has one such character or none.
  const idLists = fc.tuple(fc.integer({ min: 1, max: 11 }), fc.option(fc.constantFrom(...outside))).chain(([longest, other]) => {
    const char = fc.constantFrom(...printable, ...(other === null ? [] : [other]));
    return fc.array(fc.array(char, { maxLength: longest }).map((cs) => cs.join("")), { minLength: 20, maxLength: 1500 });
  });
  fc.assert(
    fc.property(idLists, (some) => {
      const ids = [...new Set(some)];
      const want = ids.map((_, i) => i).sort((a, b) => compareCodePoints(ids[a], ids[b]));
      return JSON.stringify(Array.from(codePointOrder(ids))) === JSON.stringify(want);
    }),
    { numRuns: 150 },
  );
});

/** Code-point order from the code points themselves (the spread iterates code points). */
function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); ++i) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

test("codePointOrder: short runs sorted on whole strings, with and without surrogates after the shared prefix", () => {
  // Few characters, so that prefixes are shared and runs of every length (≤ 16 and longer) end at every offset;
  // U+E000/U+FFFD against astral characters is where UTF-16 order and code-point order differ.
  const bmp = fc.constantFrom("0", "1", "a", "Z", "é", "中", "\uE000", "\uFFFD", "@", ".");
  const anyChar = fc.oneof({ weight: 4, arbitrary: bmp }, { weight: 1, arbitrary: fc.constantFrom("\u{1F600}", "\u{20000}", "\u{10000}") });
  const word = (char: fc.Arbitrary<string>) => fc.array(char, { minLength: 0, maxLength: 12 }).map((cs) => cs.join(""));
  fc.assert(
    fc.property(fc.boolean(), fc.array(fc.tuple(fc.constantFrom("", "C000", "c12345@shop.", "中文前缀abc", "SO-2024-"), fc.nat({ max: 40 })), { maxLength: 30 }), fc.array(fc.string(), { maxLength: 5 }), (astral, prefixes, extra) => {
      const tails = fc.sample(word(astral ? anyChar : bmp), { numRuns: 60, seed: prefixes.length * 31 + extra.length });
      const ids = [...new Set([...prefixes.flatMap(([p, n]) => tails.slice(0, n).map((t) => p + t)), ...extra])];
      const want = ids.map((_, i) => i).sort((a, b) => byCodePoints(ids[a], ids[b]));
      return JSON.stringify(Array.from(codePointOrder(ids))) === JSON.stringify(want);
    }),
    { numRuns: 200 },
  );
});

test("orderOfRanks equals orderByKeys on the ranks (distinct, sparse, or tied)", () => {
  fc.assert(
    fc.property(fc.oneof(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 3000 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 100 })), fc.boolean(), (list, distinct) => {
      const ranks = Uint32Array.from(distinct ? [...new Set(list)] : list);
      return JSON.stringify(Array.from(orderOfRanks(ranks))) === JSON.stringify(Array.from(orderByKeys(ranks)));
    }),
    { numRuns: 200 },
  );
});
