/** The CLI refuses the options the task pane refuses (resolveOptions), with exit 2 and a one-line reason. */
import * as fs from "fs";
import * as path from "path";
import { readCsv, runCli, tempDir } from "../support/runCli";

const dir = tempDir();
const file = path.join(dir, "t.csv");
// A bought 400 days before the as-of date, B 100 days before, C 10 days before.
fs.writeFileSync(file, "Customer,Date,Amount\nA,2023-01-01,5\nB,2023-11-27,5\nC,2024-02-25,5\n");
const asOf = ["--as-of", "2024-03-06"];

describe("tiers grade — lifecycle windows", () => {
  it("exits 2 when the windows do not grow (active 200, lost 30)", async () => {
    const { code, stderr } = await runCli(["grade", file, ...asOf, "--active-days", "200", "--lost-days", "30"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/lifecycle windows must grow/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
  it("exits 2 on a window that is not a number, and on a date that is not real", async () => {
    expect((await runCli(["grade", file, "--dormant-days", "soon"])).code).toBe(2);
    expect((await runCli(["grade", file, "--lost-days", "-5"])).code).toBe(2);
    expect((await runCli(["grade", file, "--as-of", "2023-02-29"])).code).toBe(2);
  });
  it("grades with the windows given (stages follow them)", async () => {
    const out = path.join(dir, "o.csv");
    const { code } = await runCli(["grade", file, ...asOf, "--active-days", "20", "--dormant-days", "50", "--lost-days", "200", "--out", out]);
    expect(code).toBe(0);
    const [header, ...rows] = readCsv(out);
    const stage = Object.fromEntries(rows.map((r) => [r[header.indexOf("customer_id")], r[header.indexOf("lifecycle_stage")]]));
    // recency: A 430 > 200 → Lost; B 100 > 50 → Dormant; C 10 days, tenure 10 ≤ new window 90 → New.
    expect(stage).toEqual({ A: "Lost", B: "Dormant", C: "New" });
  });
});
