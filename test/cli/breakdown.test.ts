/** `tiers grade --by COL`: the dimension column after the standard ones, only with --by; unknown columns refused. */
import * as fs from "fs";
import * as path from "path";
import { readCsv, runCli, tempDir } from "../support/runCli";

const CSV = [
  "Customer,Date,Amount,Channel",
  "a,2024-01-05,10,Store",
  "a,2024-02-05,15,Web",
  "b,2024-03-01,20,Web",
  "b,2024-05-01,20,Store", // tie: Store is the later purchase
  "c,2024-04-01,5,",
].join("\n") + "\n";

describe("tiers grade --by", () => {
  const dir = tempDir();
  const input = path.join(dir, "tx.csv");
  fs.writeFileSync(input, CSV);

  it("adds a dimension column last, by majority revenue and the latest-purchase tie rule", async () => {
    const out = path.join(dir, "by.csv");
    const { code, stderr } = await runCli(["grade", input, "--as-of", "2024-07-01", "--by", "Channel", "--out", out, "-q"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [header, ...rows] = readCsv(out);
    expect(header[header.length - 1]).toBe("dimension");
    const at = header.indexOf("customer_id");
    expect(Object.fromEntries(rows.map((r) => [r[at], r[r.length - 1]]))).toEqual({ a: "Web", b: "Store", c: "" });
  });

  it("writes no dimension column without --by", async () => {
    const out = path.join(dir, "plain.csv");
    expect((await runCli(["grade", input, "--as-of", "2024-07-01", "--out", out, "-q"])).code).toBe(0);
    expect(readCsv(out)[0]).not.toContain("dimension");
  });

  it("refuses a column that is not there, naming the columns found", async () => {
    const { code, stderr } = await runCli(["grade", input, "--by", "Region", "--out", path.join(dir, "x.csv")]);
    expect(code).toBe(2);
    expect(stderr).toContain('No column "Region" for dimension');
    expect(stderr).toContain("Channel");
  });
});
