import fc from "fast-check";
import { quantileBreaks, scoreByBreaks } from "../../../src/engine/grade/quantile";

/**
 * What an Excel user would type: breaks with =PERCENTILE.INC(values, k/bins) and the score with
 * =1+COUNTIF(breaks,"<"&value) — evaluated here the way Excel documents them (rank = p(n−1)+1,
 * linear interpolation), not with the engine's code.
 */
function excelPercentileInc(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1) + 1;
  const whole = Math.floor(rank);
  const lower = sorted[whole - 1];
  const upper = whole < sorted.length ? sorted[whole] : lower;
  return lower + (rank - whole) * (upper - lower);
}
const excelCountifLess = (range: number[], value: number) => range.filter((cell) => cell < value).length;

describe("quantile scores equal the PERCENTILE.INC / COUNTIF formulas", () => {
  it("for higher-is-better measures: =1+COUNTIF(breaks,\"<\"&value)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }).map((c) => c / 4), { minLength: 1, maxLength: 200 }), fc.integer({ min: 2, max: 10 }), (values, bins) => {
        const breaks = Array.from({ length: bins - 1 }, (_, k) => excelPercentileInc(values, (k + 1) / bins));
        const scores = scoreByBreaks(Float64Array.from(values), quantileBreaks(Float64Array.from(values), bins), false);
        values.forEach((v, i) => expect(scores[i]).toBe(1 + excelCountifLess(breaks, v)));
      }),
    );
  });
  it("for recency (fewer days is better): =bins−COUNTIF(breaks,\"<\"&value)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 2, max: 10 }), (values, bins) => {
        const breaks = Array.from({ length: bins - 1 }, (_, k) => excelPercentileInc(values, (k + 1) / bins));
        const scores = scoreByBreaks(Float64Array.from(values), quantileBreaks(Float64Array.from(values), bins), true);
        values.forEach((v, i) => expect(scores[i]).toBe(bins - excelCountifLess(breaks, v)));
      }),
    );
  });
  it("puts a break between equal values exactly at that value (1, 1, 2, 4 on mostly one-time buyers)", () => {
    const values = Float64Array.from([1, 1, 1, 1, 1, 1, 2, 2, 4, 9]);
    const breaks = quantileBreaks(values, 5);
    expect(breaks[0]).toBe(1);
    expect(breaks[1]).toBe(1);
    expect(breaks[2]).toBeCloseTo(1.4, 12);
    expect(breaks[3]).toBeCloseTo(2.4, 12);
    // so every one-time buyer scores F = 1 and levels 2 and 3 stay empty
    expect(Array.from(scoreByBreaks(values, breaks, false))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });
});
