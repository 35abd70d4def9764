/**
 * Workbooks written as XML by hand (test/fixtures/workbooks/rawFixtures.ts) through the CLI: cell
 * text in every form producers write it, long Chinese text across inflate chunks, tab order,
 * hidden sheets, rows out of order. Valid rows, customers and each customer's frequency and
 * monetary equal the generator's answer; refusals name the cause. And the text decoding itself
 * (xlsxText.ts) on every split of its input into chunks.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import fc from "fast-check";
import type { ExpectedGrade } from "../fixtures/workbooks/generate";
import { rawFixtures, writeRawFixture, type RawFixture } from "../fixtures/workbooks/rawFixtures";
import { runCli, tempDir } from "../support/runCli";
import { expectFixtureGrade, expectFixtureRefusal } from "../support/fixtureGrade";
import { worksheetText, readSharedStrings, utf8Chunks } from "../../src/cli/xlsxText";
import { _forTests } from "../../src/cli/readXlsx";

jest.setTimeout(120_000);

const FIXTURES = rawFixtures();
const dir = tempDir();
const files = new Map<string, string>();

beforeAll(async () => {
  for (const f of FIXTURES) files.set(f.name, await writeRawFixture(f, dir));
});

const grades = FIXTURES.filter((f): f is RawFixture & { expected: ExpectedGrade } => !("refusal" in f.expected));
const refusals = FIXTURES.filter((f) => "refusal" in f.expected);

describe("hand-written workbooks through the CLI", () => {
  it.each(grades.map((f) => [f.name, f] as const))("%s", (_name, f) => expectFixtureGrade(files.get(f.name)!, f.args, f.expected, dir, f.name));

  it.each(refusals.map((f) => [f.name, f] as const))("%s is refused naming the cause", (_name, f) => expectFixtureRefusal(files.get(f.name)!, f.args, (f.expected as { refusal: RegExp[] }).refusal));

  it("says the hidden-sheet note and refusal in Chinese with --lang zh", async () => {
    const graded = await runCli(["grade", files.get("hidden-first")!, "--lang", "zh"]);
    expect(graded.code).toBe(0);
    expect(graded.stderr).toMatch(/隐藏的工作表 "Lookup" 未分级（隐藏的工作表不参与分级）；用 --sheet "Lookup" 可分级/);
    const refused = await runCli(["grade", files.get("hidden-only-data")!, "--lang", "zh"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/没有可见的工作表含客户、日期、金额列的标题行（已查看 "说明"）；隐藏的工作表 "明细" 中有/);
  });
});

/** `text` cut at the given points into Buffers (cuts may fall inside a UTF-8 character). */
function cut(text: string, points: number[]): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

async function* chunksOf(buffers: Buffer[]) {
  for (const b of buffers) yield b;
}

async function joined(gen: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const s of gen) out += s;
  return out;
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe("xlsxText", () => {
  it("decodes UTF-8 cut anywhere, characters across chunk boundaries kept whole", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 60 }), cuts, async (text, points) => {
        expect(await joined(utf8Chunks(chunksOf(cut(text, points))))).toBe(text);
      }),
    );
  });

  it("reads shared strings as Excel shows them: runs joined, phonetic guides left out, cut anywhere", async () => {
    const xml =
      `<?xml version="1.0"?><sst xmlns="x"><si><t>王芳</t><rPh sb="0" eb="1"><t>ワン</t></rPh><phoneticPr fontId="0"/></si>` +
      `<si><r><t>李</t></r><r><rPr><b/></rPr><t xml:space="preserve">雷 </t></r><rPh sb="0" eb="2"><t>リー</t></rPh></si>` +
      `<si><t>A&amp;B &lt;1&gt; &#x4E2D;</t></si><si><t/></si><si><r><t/></r><r><t><![CDATA[x<y]]></t></r></si></sst>`;
    const expected = ["王芳", "李雷 ", "A&B <1> 中", "", "x<y"];
    await fc.assert(
      fc.asyncProperty(cuts, async (points) => {
        expect(await readSharedStrings(chunksOf(cut(xml, points)))).toEqual(expected);
      }),
    );
  });

  it("rewrites inline strings, date cells and text cells with entities, the same wherever the XML is cut", async () => {
    const cell = (is: string) => `<c r="A1" t="inlineStr"><is>${is}</is></c>`;
    const others = `<c r="F1" t="d" s="2"><v>2024-03-05T00:00:00</v></c><c r="G1" t="d"><f>TODAY()</f><v>2024-03-06</v></c><c r="H1" t="d"/><c r="I1" t="str"><f>A1</f><v>AT&amp;amp;T &#x4E2D;</v></c><c r="J1" t="str"><v>plain</v></c><col t="d"/>`;
    const xml = `<sheetData><row r="1">${cell(`<r><t>王</t></r><r><rPr><b/></rPr><t>芳</t></r>`)}${cell(`<t>李雷</t><rPh sb="0" eb="1"><t>リー</t></rPh>`)}<c r="C1"><v>3</v></c>${cell(`<t>x&amp;amp;y &lt;&#x4E2D;&gt;</t>`)}<c r="E1" t="inlineStr"><is/></c>${others}</row></sheetData>`;
    // ExcelJS decodes inline and str text once more after the XML parse: "&amp;amp;" twice for a typed "&amp;".
    const expectedOthers = `<c r="F1" t="inlineStr" s="2"><is><t>2024-03-05T00:00:00</t></is></c><c r="G1" t="inlineStr"><is><t>2024-03-06</t></is></c><c r="H1" t="d"/><c r="I1" t="str"><f>A1</f><v>AT&amp;amp;amp;T 中</v></c><c r="J1" t="str"><v>plain</v></c><col t="d"/>`;
    const expected = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>王芳</t></is></c><c r="A1" t="inlineStr"><is><t>李雷</t></is></c><c r="C1"><v>3</v></c><c r="A1" t="inlineStr"><is><t>x&amp;amp;amp;y &lt;中&gt;</t></is></c><c r="E1" t="inlineStr"><is/></c>${expectedOthers}</row></sheetData>`;
    await fc.assert(
      fc.asyncProperty(cuts, async (points) => {
        expect(await joined(worksheetText(chunksOf(cut(xml, points))))).toBe(expected);
      }),
    );
  });
});

describe("rows and cells without r", () => {
  const xml =
    `<sheetData><row><c t="s"><v>0</v></c><c><v>1</v></c></row><row spans="1:3"><c><v>2</v></c><c r="C2"><v>3</v></c><c/><c>\n<v>4</v></c></row>` +
    `<row r="5"><c><v>5</v></c></row><row/><row><c s="1"><v>6</v></c></row><rowBreaks count="0"/><cols><col min="1"/></cols></sheetData>`;
  const numbered =
    `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row><row r="2" spans="1:3"><c r="A2"><v>2</v></c><c r="C2"><v>3</v></c><c r="D2"/><c r="E2">\n<v>4</v></c></row>` +
    `<row r="5"><c r="A5"><v>5</v></c></row><row r="6"/><row r="7"><c r="A7" s="1"><v>6</v></c></row><rowBreaks count="0"/><cols><col min="1"/></cols></sheetData>`;

  it("numbers them as Excel reads them (the row after the previous, the column after the previous cell), wherever the XML is cut", async () => {
    await fc.assert(
      fc.asyncProperty(cuts, async (points) => {
        expect(await joined(worksheetText(chunksOf(cut(xml, points))))).toBe(numbered);
      }),
    );
  });

  it("leaves a sheet whose rows and cells all have r as it is, and numbers on from the last ones when a later chunk leaves r out", async () => {
    const full = `<sheetData><row r="3"><c r="A3"><v>1</v></c><c r="F3"><v>2</v></c>`;
    const rest = `<c><v>3</v></c></row><row><c><v>4</v></c></row></sheetData>`;
    const out = await joined(worksheetText(chunksOf([Buffer.from(full), Buffer.from(rest)])));
    expect(out).toBe(`${full}<c r="G3"><v>3</v></c></row><row r="4"><c r="A4"><v>4</v></c></row></sheetData>`);
  });
});

describe("--sheet with CSV input", () => {
  const csv = "会员ID,日期,金额\nA,2024-01-02,5\nB,2024-01-03,7\n";
  it("is refused naming the option, for .csv and .csv.gz, in English and Chinese", async () => {
    const plain = path.join(dir, "orders.csv");
    fs.writeFileSync(plain, csv);
    const gz = path.join(dir, "orders.csv.gz");
    fs.writeFileSync(gz, zlib.gzipSync(csv));
    for (const file of [plain, gz]) {
      const { code, stderr } = await runCli(["grade", file, "--sheet", "Sheet1"]);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`--sheet chooses a sheet of an .xlsx workbook; ${path.basename(file).replace(/\./g, "\\.")} is a CSV file \\(one table, no sheets\\): leave out --sheet`));
    }
    const zh = await runCli(["grade", plain, "--sheet", "all", "--lang", "zh"]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/--sheet 用于选择 \.xlsx 工作簿中的工作表；orders\.csv 是 CSV 文件（只有一张表，没有工作表）：请去掉 --sheet/);
    // Without --sheet the same file grades.
    expect((await runCli(["grade", plain])).code).toBe(0);
  });

  it("is refused for a file of another name that is read as CSV", async () => {
    const file = path.join(dir, "export.dat");
    fs.writeFileSync(file, csv);
    const { code, stderr } = await runCli(["grade", file, "--sheet", "Sheet1"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/export\.dat: --sheet chooses a sheet of an \.xlsx workbook; this file is read as CSV/);
  });
});

describe("a worksheet the streaming reader did not emit", () => {
  const sheet = (name: string, part: string, state: "visible" | "hidden" = "visible") => ({ name, part, state, worksheet: true, merges: [], streamPart: part });
  const info = (name: string) => ({ name, rows: 3, hasData: true, layout: "x", headerRow: 0 });
  const sheets = [sheet("明细", "xl/worksheets/data.xml"), sheet("上月", "xl/worksheets/sheet1.xml"), sheet("旧", "xl/worksheets/old.xml", "hidden")];

  it("is refused when it could be the sheet to grade: before the one chosen, named, or any visible one for --sheet all", () => {
    const refuse = (wanted: "first" | "all" | string[], graded: string[]) => () => _forTests.unreadSheets("b.xlsx", sheets, [info("上月")], wanted, graded);
    expect(refuse("first", ["上月"])).toThrow(/b\.xlsx: sheet "明细" \(xl\/worksheets\/data\.xml\) could not be read/);
    expect(refuse("all", ["上月"])).toThrow(/"明细"/);
    expect(refuse(["旧"], [])).toThrow(/sheet "旧" \(xl\/worksheets\/old\.xml\) could not be read/);
    // A hidden sheet not named, or a sheet after the one chosen, cannot change the grade.
    expect(() => _forTests.unreadSheets("b.xlsx", [sheets[1], sheets[2], sheets[0]], [info("上月")], "first", ["上月"])).not.toThrow();
  });
});
