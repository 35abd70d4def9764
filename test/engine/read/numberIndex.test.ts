/** NumberIndex (window + hash) behaves as a Map from finite numbers to non-negative integers (property, against Map). */
import fc from "fast-check";
import { NumberIndex } from "../../../src/engine/read/numberIndex";

test("get/set agree with a Map over any sequence of finite keys (growth included)", () => {
  fc.assert(
    fc.property(fc.array(
        fc.oneof(
          fc.integer({ min: -50, max: 50 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(0, -0, 1e15, 17850, 17850.5, 2 ** 31, -(2 ** 31), 2 ** 31 - 1),
          // Dense ranges on either side of a window, and far jumps that must fall back to the hash.
          fc.integer({ min: 536000, max: 545000 }),
          fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        ),
        { maxLength: 3000 },
      ), (keys) => {
      const index = new NumberIndex(2);
      const map = new Map<number, number>();
      for (const key of keys) {
        const k = key === 0 ? 0 : key;
        if (!map.has(k)) {
          expect(index.get(k)).toBe(-1);
          map.set(k, map.size);
          index.set(k, map.size - 1);
        }
        expect(index.get(k)).toBe(map.get(k));
      }
      for (const [k, v] of map) expect(index.get(k)).toBe(v);
    }),
    { numRuns: 300 },
  );
});

test("a key kept in the hash is still found after the window grows over it", () => {
  const index = new NumberIndex();
  index.set(1000, 0);
  index.set(30000, 1); // too far from a window of one key: goes to the hash
  for (let k = 1001, v = 2; k < 29000; ++k, ++v) index.set(k, v); // the window widens past 30000
  expect(index.get(30000)).toBe(1);
  expect(index.get(1000)).toBe(0);
  expect(index.get(28999)).toBe(28000);
  expect(index.get(29500)).toBe(-1);
});

test("random keys over a range wider than the early window (customer ids in any order) agree with a Map", () => {
  // The window widens twofold or not at all; keys meanwhile in the hash move into it when it does.
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 10000, max: 60000 }), { minLength: 1, maxLength: 12000 }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 30 }), (ids, odd) => {
      const index = new NumberIndex();
      const map = new Map<number, number>();
      for (const key of [...odd, ...ids]) {
        const k = key === 0 ? 0 : key;
        const known = map.get(k);
        expect(index.get(k)).toBe(known ?? -1);
        if (known === undefined) {
          map.set(k, map.size);
          index.set(k, map.size - 1);
        }
      }
      for (const [k, v] of map) expect(index.get(k)).toBe(v);
    }),
    { numRuns: 60 },
  );
});
