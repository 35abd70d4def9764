/**
 * The CLI reads the byte-level shapes real exports come in (issue #16 §1–3): GBK/GB18030 Chinese
 * Excel and 淘宝 CSVs, UTF-16 "Unicode text", BOMs, CR-only line ends, `;` `|` tab files, Excel's
 * `sep=` line, in .csv and .csv.gz — and says how it read them. Expected answers come from the
 * fixture script (test/support/readerFixtures.ts), not from the engine.
 */
import * as fs from "fs";
import * as path from "path";
import { readCsv, runCli, tempDir } from "../support/runCli";
import { readerFixtures } from "../support/readerFixtures";

const dir = tempDir();

describe.each(readerFixtures().map((f) => [f.name, f] as const))("%s", (name, fixture) => {
  test(fixture.refusal ? "is refused naming the cause" : "grades every customer right", async () => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, fixture.bytes);
    const out = path.join(dir, `${name}.out.csv`);
    const { code, stderr } = await runCli(["grade", file, ...fixture.args, "--out", out]);
    if (fixture.refusal) {
      expect(code).toBe(2);
      expect(stderr).toMatch(fixture.refusal);
      return;
    }
    expect([code, stderr]).toEqual([0, expect.stringMatching(fixture.read)]);
    const [header, ...rows] = readCsv(out);
    const id = header.indexOf("customer_id"), f = header.indexOf("frequency"), m = header.indexOf("monetary");
    const got = new Map(rows.filter((r) => r[f] !== "").map((r) => [r[id], { frequency: Number(r[f]), monetary: Number(r[m]) }]));
    expect(got).toEqual(fixture.expected!.customers);
  });
});

test("the Chinese message names the encoding too", async () => {
  const fixture = readerFixtures().find((f) => f.name === "gbk-read-as-utf8.csv")!;
  const file = path.join(dir, "zh-" + fixture.name);
  fs.writeFileSync(file, fixture.bytes);
  const { code, stderr } = await runCli(["grade", file, "--encoding", "utf-8", "--lang", "zh"]);
  expect([code, stderr]).toEqual([2, expect.stringContaining("无法按 UTF-8 编码读取")]);
});

test("an unknown --encoding is refused", async () => {
  const file = path.join(dir, "plain.csv");
  fs.writeFileSync(file, "CustomerID,Date,Amount\nA,2024-01-01,1\n");
  const { code, stderr } = await runCli(["grade", file, "--encoding", "ebcdic"]);
  expect([code, stderr]).toEqual([2, expect.stringContaining("--encoding must be")]);
});

test("--json says how the file was read", async () => {
  const fixture = readerFixtures().find((f) => f.name === "sep-line-gbk.csv")!;
  const file = path.join(dir, "json-" + fixture.name);
  fs.writeFileSync(file, fixture.bytes);
  const out = path.join(dir, "read.json");
  expect((await runCli(["grade", file, "--out", out])).code).toBe(0);
  const json = JSON.parse(fs.readFileSync(out, "utf8"));
  expect(json.input).toMatchObject({ format: "csv", encoding: "gb18030", encodingName: "GB18030", delimiter: ";", delimiterHow: "sep-line", lineEnds: "CRLF", sepLine: true });
});

test("row numbers in messages count the sep= line", async () => {
  const file = path.join(dir, "sep-bad-date.csv");
  fs.writeFileSync(file, "sep=;\nCustomerID;Date;Amount\nA;2024-01-01;1\nB;2024-01-02;x\n");
  const { code, stderr } = await runCli(["grade", file]);
  expect(code).toBe(0);
  expect(stderr).toMatch(/bad_amount\s+1\s+\(Amount; rows 4\)/);
});
