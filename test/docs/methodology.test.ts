import * as fs from "fs";
import * as path from "path";
import { gradeTable } from "../../src/engine/grade/pipeline";
import { CUSTOMER_COLUMNS, customerRows } from "../../src/engine/report/customerTable";
import { ROW_STATUSES } from "../../src/engine/common/labels";
import { STRINGS } from "../../src/taskpane/strings";

const DOC = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "methodology.md"), "utf8");

/** The markdown table that follows an HTML comment marker, as rows of trimmed cells. */
function tableAfter(marker: string): string[][] {
  const start = DOC.indexOf(`<!-- ${marker} -->`);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = DOC.slice(start).split("\n").slice(1);
  const table = [];
  for (const line of lines) {
    if (!line.startsWith("|")) break;
    table.push(line.slice(1, -1).split("|").map((c) => c.trim()));
  }
  return table.filter((row) => !row.every((c) => /^-+$/.test(c)));
}

describe("docs/methodology.md worked example", () => {
  it("is what the engine computes", () => {
    const input = tableAfter("example-input");
    const expected = tableAfter("example-output");
    const cells = input.map((row, i) => (i === 0 ? row : [row[0], row[1], Number(row[2]), row[3]]));
    const outcome = gradeTable({ cells }, { asOf: "2024-07-01" });
    if (!outcome.ok) throw new Error(outcome.issues[0].message);
    const [header, ...rows] = expected;
    const columns = header.map((h) => CUSTOMER_COLUMNS.indexOf(h as never));
    expect(columns.every((k) => k >= 0)).toBe(true);
    const actual = customerRows(outcome.result).map((row) => columns.map((k) => (row[k] === null ? "" : String(row[k]))));
    expect(actual).toEqual(rows);
  });
});

describe("exclusion reasons", () => {
  it("read the same in Chinese in the doc, the pane, the grade columns and the engine's messages", () => {
    const reasons = ROW_STATUSES.slice(1);
    for (const r of reasons) {
      expect(DOC).toContain(`| \`${r.key}\` |`);
      expect(DOC).toContain(`(${r.zh})`);
      expect(STRINGS.zh.reasons[r.key as keyof typeof STRINGS.zh.reasons]).toBe(r.zh);
    }
    const outcome = gradeTable({ cells: [["Customer", "Date", "Amount"], ["", "2024-01-01", 5], ["a", "x", 5], ["b", "2024-01-01", "?"], ["c", "2024-01-01", -1]] });
    if (outcome.ok) throw new Error("expected no valid purchases");
    for (const key of ["missing_customer", "bad_date", "bad_amount", "non_positive_amount"]) expect(outcome.issues[0].zh).toContain(reasons.find((r) => r.key === key)!.zh);
  });
});
