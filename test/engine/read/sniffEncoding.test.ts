/** Encoding sniffing and delimiter detection (issue #16 §1, §3), with iconv-lite as the independent encoder. */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { isUtf8 } from "buffer";
import * as iconv from "iconv-lite";
import { looksLikeGb18030, sniffEncoding, utf8PrefixLength, encodingOption } from "../../../src/engine/read/sniffEncoding";
import { detectDelimiter, sepLine } from "../../../src/engine/read/delimiter";
import { readCsvFile } from "../../../src/cli/csv";
import { tempDir } from "../../support/runCli";

// Chinese ids: CJK Unified Ideographs (all of them, rare ones too), with digits and `_` mixed in.
const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const chineseId = fc.array(fc.oneof({ weight: 4, arbitrary: cjk }, { weight: 1, arbitrary: fc.constantFrom("0", "1", "7", "_") }), { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join(""))
  .filter((s) => /[\u4e00-\u9fa5]/.test(s));

test("GB18030 round-trip: random Chinese ids written in GB18030 are sniffed and read back exactly", async () => {
  const dir = tempDir();
  let k = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(chineseId, { minLength: 1, maxLength: 40 }), fc.constantFrom(",", ";", "\t"), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean(), async (ids, d, eol, gbk) => {
      const text = ["客户编号" + d + "日期" + d + "金额", ...ids.map((id, i) => `${id}${d}2024-01-${String(1 + (i % 28)).padStart(2, "0")}${d}1`)].join(eol) + eol;
      const bytes = iconv.encode(text, gbk ? "gbk" : "gb18030");
      expect(sniffEncoding(bytes, true).encoding).toBe("gb18030");
      const file = path.join(dir, `ids${k++}.csv`);
      fs.writeFileSync(file, bytes);
      const table = await readCsvFile(file);
      expect(table.format.encoding).toBe("gb18030");
      expect(table.header).toEqual(["客户编号", "日期", "金额"]);
      expect(table.rows.map((r) => r[0])).toEqual(ids);
    }),
    { numRuns: 60 },
  );
});

test("utf8PrefixLength agrees with buffer.isUtf8 on any bytes, and allows a cut sequence at the end of a chunk", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      expect(utf8PrefixLength(bytes, true) === bytes.length).toBe(isUtf8(bytes));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), fc.nat(), (s, cutAt) => {
      const bytes = Buffer.from(s, "utf8");
      const cut = bytes.length ? cutAt % (bytes.length + 1) : 0;
      const head = bytes.subarray(0, cut);
      const n = utf8PrefixLength(head, false);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(isUtf8(head.subarray(0, n))).toBe(true);
      expect(cut - n).toBeLessThan(4);
    }),
  );
});

test("Western 8-bit text is not taken for Chinese", () => {
  for (const text of ["Kunde;Datum;Betrag\nMüller;2024-01-05;12\nGómez;2024-01-06;3\n", "name,city\nFrançois,Besançon\nJürgen,München\nSøren,Århus\n", "Straße;Größe\n"]) {
    const bytes = iconv.encode(text, "win1252");
    expect(looksLikeGb18030(bytes, true)).toBe(false);
    expect(sniffEncoding(bytes, true).encoding).toBe("windows-1252");
  }
});

test("marks and zero bytes", () => {
  expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toEqual({ encoding: "utf-8", bomLength: 3, how: "bom" });
  expect(sniffEncoding(iconv.encode("a\tb\r\n", "utf16le", { addBOM: true }), true)).toEqual({ encoding: "utf-16le", bomLength: 2, how: "bom" });
  expect(sniffEncoding(iconv.encode("id\tdate\r\n", "utf16be"), true).encoding).toBe("utf-16be");
  expect(sniffEncoding(Buffer.from("客户,金额\n", "utf8"), true).how).toBe("utf-8");
  expect(encodingOption("GBK")).toBe("gb18030");
  expect(encodingOption("UTF_16LE")).toBe("utf-16le");
  expect(encodingOption("ebcdic")).toBeUndefined();
});

test("delimiter from the first lines; sep= hint", () => {
  expect(detectDelimiter(["a;b;c", "1;2,5;3", "4;5;6,25"]).delimiter).toBe(";");
  expect(detectDelimiter(["id,amount", "1,2"]).delimiter).toBe(",");
  expect(detectDelimiter(['"a;b",c,d', '"x;y",1,2']).delimiter).toBe(",");
  // The header alone has more commas, but only ";" splits every line the same way.
  expect(detectDelimiter(["Kunde;Notiz (a, b, c)", "A;x", "B;y"]).delimiter).toBe(";");
  expect(detectDelimiter(["a\tb", "1\t2"]).delimiter).toBe("\t");
  expect(detectDelimiter(["a|b|c"]).delimiter).toBe("|");
  expect(detectDelimiter(["00001 19970101 1 11.77"]).delimiter).toBe(" ");
  expect(detectDelimiter(["single"])).toEqual({ delimiter: ",", how: "default" });
  expect(sepLine("sep=;")).toBe(";");
  expect(sepLine('"sep=|"')).toBe("|");
  expect(sepLine("SEP=\t")).toBe("\t");
  expect(sepLine("sep;x")).toBeUndefined();
});
