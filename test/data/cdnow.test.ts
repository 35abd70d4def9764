import * as fs from "fs";
import * as path from "path";
import { referenceCsvRows, referenceGrade, type RefRow } from "../support/referenceGrader";
import { datasetFile } from "../support/datasets";
import { readCsv, runCli, tempDir } from "../support/runCli";

/** CDNOW_master is whitespace-separated with CRLF: convert it to CSV as a user would. */
function cdnowMasterAsCsv(): { file: string; rows: RefRow[] } {
  const lines = fs.readFileSync(datasetFile("cdnow-lifetimes/CDNOW_master.txt"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const [header, ...data] = lines.map((l) => l.trim().split(/\s+/));
  const file = path.join(tempDir(), "cdnow_master.csv");
  fs.writeFileSync(file, [header.join(","), ...data.map((f) => f.join(","))].join("\n") + "\n");
  const rows = data.map(([id, date, , dollars]) => ({
    customer: id,
    day: Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) / 86400000,
    amount: Number(dollars),
  }));
  return { file, rows };
}

describe("CDNOW master graded by the CLI", () => {
  it("agrees with the independent reference on every customer, ids kept zero-padded", async () => {
    const { file, rows } = cdnowMasterAsCsv();
    const out = path.join(path.dirname(file), "graded.csv");
    const { code, stderr } = await runCli(["grade", file, "--customer", "customer_id", "--date", "date", "--amount", "dollar_value", "--out", out]);
    expect(stderr).toContain("graded");
    expect(code).toBe(0);
    const [, ...body] = readCsv(out);
    const expected = referenceCsvRows(referenceGrade(rows));
    expect(body.length).toBe(expected.length);
    expect(body[0][0]).toBe("00001");
    const mismatches = body.flatMap((r, i) => r.flatMap((v, k) => (v === expected[i][k] ? [] : [`${r[0]}[${k}]: ${v} ≠ ${expected[i][k]}`]))).slice(0, 10);
    expect(mismatches).toEqual([]);
  });
});
