/** CSV output never hands a spreadsheet a formula: text starting with = + - @, tab or CR gets a leading ' (OWASP), unless --csv-raw. */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { csvField } from "../../src/cli/writeCsv";
import { runCli, tempDir, readCsv } from "../support/runCli";

const HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+8613800138000", "-2+3"];

test("hostile ids are written with a leading apostrophe; --csv-raw writes them as they are", async () => {
  const dir = tempDir();
  const file = path.join(dir, "t.csv");
  fs.writeFileSync(file, ["Customer,Date,Amount", ...HOSTILE.map((id, k) => `"${id.replace(/"/g, '""')}",2024-01-0${k + 1},10`), "plain,2024-01-05,10"].join("\n") + "\n");
  const out = path.join(dir, "o.csv");
  expect((await runCli(["grade", file, "--out", out])).code).toBe(0);
  const ids = readCsv(out).slice(1).map((r) => r[0]);
  for (const id of HOSTILE) expect(ids).toContain(`'${id}`);
  expect(ids).toContain("plain");
  expect(ids.every((id) => !/^[=+\-@\t\r]/.test(id))).toBe(true);
  expect((await runCli(["grade", file, "--csv-raw", "--out", out])).code).toBe(0);
  const raw = readCsv(out).slice(1).map((r) => r[0]);
  for (const id of HOSTILE) expect(raw).toContain(id);
});

test("no field of any text starts a formula, and the text is kept after the apostrophe (property)", () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      const field = csvField(text);
      const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
      if (/^[=+\-@\t\r]/.test(unquoted)) return false;
      return unquoted === text || unquoted === `'${text}`;
    }),
  );
  expect(csvField(-5)).toBe("-5");
});
