/**
 * One Chinese wording per row status (labels.ROW_STATUSES), used by every place that names one: the
 * grade columns, the CLI summary, the engine's messages and notes, the Method sheet and the pane.
 * The two reasons once worded differently read as decided: 金额为零或负数, 金额无法识别.
 */
import * as fs from "fs";
import * as path from "path";
import { gradeTable } from "../../src/engine/grade/pipeline";
import { reasonZh, ROW_STATUSES } from "../../src/engine/common/labels";
import { methodSheet } from "../../src/engine/report/methodPlan";
import { transactionGradeRow } from "../../src/engine/report/transactionGrades";
import { EXCLUSION_REASONS, INCLUDED, RETURN_STATUS, type Cell } from "../../src/engine/common/types";
import { summaryText } from "../../src/cli/summaryText";
import { cliText } from "../../src/cli/optionFlags";
import { STRINGS } from "../../src/taskpane/strings";

test("one entry per row status code, in code order (the grade columns index it by code)", () => {
  expect(ROW_STATUSES.map((s) => s.key)).toEqual(["included", ...EXCLUSION_REASONS, "return"]);
  expect(ROW_STATUSES[INCLUDED].key).toBe("included");
  expect(ROW_STATUSES[RETURN_STATUS].key).toBe("return");
});

test("each status has exactly one Chinese text, none shared, and the decided wording of the two that differed", () => {
  const zh = ROW_STATUSES.map((s) => s.zh);
  expect(zh.every((t) => t.trim().length > 0)).toBe(true);
  expect(new Set(zh).size).toBe(zh.length);
  expect(reasonZh("bad_amount")).toBe("金额无法识别");
  expect(reasonZh("non_positive_amount")).toBe("金额为零或负数");
});

test("the pane's reasons are that table: the same keys in both languages, the same Chinese", () => {
  const keys = ROW_STATUSES.filter((s) => s.key !== "included").map((s) => s.key).sort();
  expect(Object.keys(STRINGS.zh.reasons).sort()).toEqual(keys);
  expect(Object.keys(STRINGS.en.reasons).sort()).toEqual(keys);
  for (const key of keys) expect(STRINGS.zh.reasons[key]).toBe(reasonZh(key));
});

describe("a table with a row of each reason, graded in Chinese", () => {
  const cells: Cell[][] = [
    ["Customer", "Date", "Amount", "Type"],
    ["a", "2024-01-05", 10, "sale"],
    ["", "2024-01-05", 10, "sale"],
    ["b", "not a date", 10, "sale"],
    ["c", "2024-01-05", "ten", "sale"],
    ["d", "2024-01-05", -3, "sale"],
    ["e", "2024-03-01", 10, "sale"],
    ["a", "2024-01-06", 4, "return"],
  ];
  const expected = ["included", "missing_customer", "bad_date", "bad_amount", "non_positive_amount", "after_as_of", "non_positive_amount"];
  const outcome = gradeTable({ cells, mapping: { orderType: "Type" } }, { asOf: "2024-02-01", lang: "zh" });
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  const result = outcome.result;

  test("the grade columns' row status", () => {
    expect(expected.map((_, i) => transactionGradeRow(result, i, "zh")[7])).toEqual(expected.map((k) => ROW_STATUSES.find((s) => s.key === k)!.zh));
  });
  test("the CLI summary", () => {
    const text = summaryText(result, "zh");
    for (const key of expected.slice(1)) expect(text).toContain(`  ${reasonZh(key)}`);
  });
  test("the engine's note on returns marked in the order-type column", () => {
    const note = result.notes.find((n) => n.code === "returns_excluded")!;
    expect(cliText(note, "zh")).toContain(`（${reasonZh("non_positive_amount")}）`);
  });
  test("the Method sheet's rule for rows", () => {
    const sheet = JSON.stringify(methodSheet(result, "zh", { generated: "2024-02-01", version: "test", source: "Sheet1!A1:D8" }));
    // Every reason, in the order they are checked.
    expect(sheet).toContain(`（${EXCLUSION_REASONS.map(reasonZh).join("、")}）`);
  });
  test("the engine's refusal when no row is valid", () => {
    const none = gradeTable({ cells: [cells[0], cells[2], cells[3], cells[4], cells[5]] }, { lang: "zh" });
    if (none.ok) throw new Error("expected no valid purchases");
    for (const key of ["missing_customer", "bad_date", "bad_amount", "non_positive_amount"]) expect(none.issues[0].zh).toContain(reasonZh(key));
  });
});

test("no other wording of a reason is left in the source", () => {
  const root = path.join(__dirname, "..", "..", "src");
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.(ts|tsx)$/.test(f));
  const found = files.filter((f) => /金额非正|金额不是数字|金额非数字/.test(fs.readFileSync(path.join(root, f), "utf8")));
  expect(found).toEqual([]);
});
