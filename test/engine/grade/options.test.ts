/** resolveOptions: the rules the CLI and the task pane share (lifecycle order, real dates, bins 2–10). */
import fc from "fast-check";
import { isRealDate, resolveOptions } from "../../../src/engine/grade/options";

describe("resolveOptions", () => {
  it("accepts the defaults", () => {
    expect(resolveOptions({}).issues).toEqual([]);
  });

  it("refuses lifecycle windows that do not grow, on the window that was set", () => {
    // The issue's case: active 200 with lost 30 (dormant left at 180).
    const { issues } = resolveOptions({ lifecycle: { activeDays: 200, lostDays: 30 } });
    expect(issues.map((p) => [p.option, p.kind, p.mustBe, p.than])).toEqual([
      ["activeDays", "order", "less", "dormantDays"],
      ["lostDays", "order", "more", "dormantDays"],
    ]);
    // Only dormant set, below active's default 90: the problem is on dormant.
    expect(resolveOptions({ lifecycle: { dormantDays: 60 } }).issues.map((p) => [p.option, p.mustBe, p.than])).toEqual([["dormantDays", "more", "activeDays"]]);
    // Equal windows are refused too (a stage would be empty by construction).
    expect(resolveOptions({ lifecycle: { activeDays: 180 } }).issues).toHaveLength(1);
  });

  it("accepts exactly the strictly increasing whole-day windows (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, d, l) => {
        const ok = a < d && d < l;
        expect(resolveOptions({ lifecycle: { activeDays: a, dormantDays: d, lostDays: l } }).issues.length === 0).toBe(ok);
      }),
    );
  });

  it("refuses negative, fractional and non-numeric windows", () => {
    for (const v of [-1, 1.5, Number.NaN]) expect(resolveOptions({ lifecycle: { activeDays: v } }).issues.some((p) => p.option === "activeDays" && p.kind === "range")).toBe(true);
  });

  it("takes only real calendar dates as the as-of date", () => {
    expect(isRealDate("2024-02-29")).toBe(true);
    for (const bad of ["2023-02-29", "2024-02-30", "2024-13-01", "2024-2-3", "03/05/2024", ""]) {
      expect(isRealDate(bad)).toBe(false);
      expect(resolveOptions({ asOf: bad }).issues.map((p) => [p.option, p.kind])).toEqual([["asOf", "date"]]);
    }
  });

  it("takes 2–10 score levels", () => {
    for (const bins of [2, 10]) expect(resolveOptions({ bins }).issues).toEqual([]);
    for (const bins of [1, 11, 4.5]) expect(resolveOptions({ bins }).issues.map((p) => [p.option, p.min, p.max])).toEqual([["bins", 2, 10]]);
  });

  it("gives every problem in English and Chinese", () => {
    const { issues, problems } = resolveOptions({ bins: 1, asOf: "x", lifecycle: { lostDays: 10 } });
    expect(problems).toEqual(issues.map((p) => p.message));
    for (const p of issues) expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
