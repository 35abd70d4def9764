/**
 * The streaming CSV parser against an independent parser (test/support/csvText.ts): random fields
 * with commas, quotes, doubled quotes and line breaks, LF or CRLF endings, fed in random chunks, with
 * and without a keep mask. Also CR-only files and a BOM.
 */
import fc from "fast-check";
import { CsvParser } from "../../src/cli/csv";
import { parseCsvText } from "../support/csvText";

const field = fc.oneof(
  fc.constantFrom("", "a", "17850", "2010-12-01 08:26:00", "3.39", "x y", "客户甲"),
  fc.string({ maxLength: 6 }).filter((s) => !/[",\r\n]/.test(s)),
  fc.constantFrom('say "hi"', "a,b", "two\nlines", "crlf\r\nin", ",", '"'),
);

function encode(rows: string[][], eol: string): string {
  return rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join(eol) + eol;
}

function parse(text: string, cuts: number[], keep?: number[]) {
  const parser = new CsvParser(keep ? { keep: () => keep } : {});
  let last = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < text.length)].sort((a, b) => a - b)) {
    parser.feed(text.slice(last, cut));
    last = cut;
  }
  parser.feed(text.slice(last));
  parser.end();
  return { header: parser.header, rows: parser.rows };
}

test("equals an independent parse whatever the chunking (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }).chain((width) => fc.tuple(fc.constant(width), fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }))),
      fc.constantFrom("\n", "\r\n"),
      fc.array(fc.nat(400), { maxLength: 6 }),
      fc.boolean(),
      ([width, body], eol, cuts, masked) => {
        const header = Array.from({ length: width }, (_, k) => `h${k}`);
        const text = encode([header, ...body], eol);
        const want = parseCsvText(text.replace(/\r\n/g, "\n")).filter((r) => !(r.length === 1 && r[0] === ""));
        // The reference keeps CR inside quoted fields as is; compare on CRLF-normalised text for both.
        const keep = masked ? [0, width - 1] : undefined;
        const got = parse(text.replace(/\r\n/g, eol === "\r\n" ? "\r\n" : "\n"), cuts, keep);
        expect(got.header).toEqual(header);
        const expected = want.slice(1).map((r) => r.map((v, k) => (keep && !keep.includes(k) ? undefined : eol === "\r\n" ? v : v)));
        const actual = got.rows.map((r) => Array.from({ length: width }, (_, k) => r[k]));
        expect(actual.map((r) => r.map((v) => (v === undefined ? v : v.replace(/\r\n/g, "\n"))))).toEqual(expected.map((r) => r.map((v) => (v === undefined ? v : v.replace(/\r\n/g, "\n")))));
      },
    ),
    { numRuns: 500 },
  );
});

test("CR-only line endings and a byte-order mark", () => {
  const got = parse("\ufeffCustomer,Date,Amount\ra,2024-01-01,5\rb,2024-01-02,\"1,5\"\r", [7, 30]);
  expect(got.header).toEqual(["Customer", "Date", "Amount"]);
  expect(got.rows).toEqual([["a", "2024-01-01", "5"], ["b", "2024-01-02", "1,5"]]);
});
