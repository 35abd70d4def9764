/** paretoTiers (sorted values + tie groups) equals the SPEC §5.3 definition computed the direct way (property). */
import fc from "fast-check";
import { paretoTiers } from "../../../src/engine/grade/valueTier";

function direct(monetary: number[], rank: number[], a: number, b: number): number[] {
  const order = monetary.map((_, i) => i).sort((x, y) => monetary[y] - monetary[x] || rank[x] - rank[y]);
  const total = monetary.reduce((s, v) => s + v, 0);
  const out = new Array<number>(monetary.length);
  let before = 0;
  for (const i of order) {
    const share = total > 0 ? before / total : 0;
    out[i] = share < a ? 0 : share < b ? 1 : 2;
    before += monetary[i];
  }
  return out;
}

test("equals the direct definition, ties by id rank included", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(1, 5, 10, 100), fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1000, noNaN: true })), { minLength: 1, maxLength: 120 }),
      fc.double({ min: 0.05, max: 0.9, noNaN: true }),
      fc.double({ min: 0.01, max: 0.1, noNaN: true }),
      (values, a, gap) => {
        const rank = values.map((_, i) => values.length - 1 - i); // ids ranked against input order
        const b = Math.min(1, a + gap);
        const got = Array.from(paretoTiers(Float64Array.from(values), Uint32Array.from(rank), a, b));
        return JSON.stringify(got) === JSON.stringify(direct(values, rank, a, b));
      },
    ),
    { numRuns: 1000 },
  );
});
