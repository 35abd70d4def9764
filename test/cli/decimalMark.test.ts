/** `--decimal ,|.` and the per-column decision on a European `;` export, through the CLI. */
import * as fs from "fs";
import * as path from "path";
import { readCsv, runCli, tempDir } from "../support/runCli";

const EUROPEAN = ["Kunde;Datum;Menge;Preis", "A;2024-01-02;2;2,375", "B;2024-01-03;1;1234", "A;2024-01-09;3;4,500", ""].join("\n");

function write(text: string): string {
  const file = path.join(tempDir(), "eu.csv");
  fs.writeFileSync(file, text);
  return file;
}

test("a price column of 2,375-like values only is refused naming the column and both readings", async () => {
  const file = write(EUROPEAN);
  const { code, stderr } = await runCli(["grade", file, "--customer", "Kunde", "--date", "Datum", "--quantity", "Menge", "--price", "Preis"]);
  expect(code).not.toBe(0);
  expect(stderr).toContain('Column Preis: "2,375" (row 2) could be 2.375 or 2375');
  expect(stderr).toContain("--decimal ,");
});

test("--decimal , reads them as decimals and says so; --decimal . as thousands", async () => {
  const file = write(EUROPEAN);
  const dir = tempDir();
  const args = ["grade", file, "--customer", "Kunde", "--date", "Datum", "--quantity", "Menge", "--price", "Preis"];
  const comma = await runCli([...args, "--decimal", ",", "--out", path.join(dir, "c.csv")]);
  expect(comma.code).toBe(0);
  expect(comma.stderr).toContain("note: Preis read with a decimal comma (--decimal ,).");
  const rows = readCsv(path.join(dir, "c.csv"));
  const m = rows[0].indexOf("monetary");
  const byId = new Map(rows.slice(1).map((r) => [r[0], Number(r[m])]));
  expect(byId.get("A")).toBeCloseTo(2 * 2.375 + 3 * 4.5, 9);
  expect(byId.get("B")).toBe(1234);
  const point = await runCli([...args, "--decimal", ".", "--out", path.join(dir, "p.csv")]);
  expect(point.code).toBe(0);
  const rowsP = readCsv(path.join(dir, "p.csv"));
  expect(Number(rowsP.find((r) => r[0] === "A")![m])).toBe(2 * 2375 + 3 * 4500);
});

test("--decimal takes only , or .", async () => {
  const { code, stderr } = await runCli(["grade", write(EUROPEAN), "--decimal", ";"]);
  expect(code).not.toBe(0);
  expect(stderr).toContain("--decimal must be");
});
