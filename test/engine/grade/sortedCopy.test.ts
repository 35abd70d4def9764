/** sortedCopy (counting path for compact whole numbers) equals a plain numeric sort (property). */
import fc from "fast-check";
import { sortedCopy } from "../../../src/engine/grade/quantile";

test("equals Float64Array.sort for whole numbers, wide ranges and fractions", () => {
  const values = fc.oneof(
    fc.array(fc.integer({ min: -50, max: 400 }), { maxLength: 300 }),
    fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 50 }),
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { maxLength: 200 }),
  );
  fc.assert(
    fc.property(values, (list) => {
      const input = Float64Array.from(list);
      const want = Array.from(Float64Array.from(list).sort()).map((v) => (v === 0 ? 0 : v));
      const got = Array.from(sortedCopy(input)).map((v) => (v === 0 ? 0 : v));
      return JSON.stringify(got) === JSON.stringify(want) && input.every((v, i) => Object.is(v, Float64Array.from(list)[i]));
    }),
    { numRuns: 500 },
  );
});
