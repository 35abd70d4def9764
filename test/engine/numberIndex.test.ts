/** NumberIndex behaves as a Map from finite numbers to non-negative integers (property, against Map). */
import fc from "fast-check";
import { NumberIndex } from "../../src/engine/numberIndex";

test("get/set agree with a Map over any sequence of finite keys (growth included)", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e15, 17850)), { maxLength: 400 }), (keys) => {
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
