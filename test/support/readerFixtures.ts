/**
 * Byte-level fixtures for the CLI reader (issue #16: encodings, line ends, delimiters, sep=),
 * generated here with iconv-lite and zlib — independent of src/. Each fixture carries its expected
 * answer, computed from the transaction list it was written from: per customer, the number of
 * distinct dates (frequency, no order column) and the sum of amounts (monetary).
 */
import * as zlib from "zlib";
import * as iconv from "iconv-lite";

export interface Tx {
  id: string;
  date: string;
  /** The amount as the file writes it, and its value. */
  text: string;
  value: number;
}

export interface Expected {
  customers: Map<string, { frequency: number; monetary: number }>;
}

export interface ReaderFixture {
  name: string;
  bytes: Buffer;
  /** Extra CLI arguments (column choices, --encoding). */
  args: string[];
  /** What the read line must say (encoding, delimiter, line ends). */
  read: RegExp;
  expected?: Expected;
  /** A refusal: the message must match. */
  refusal?: RegExp;
}

/** The independent oracle: frequency = distinct dates, monetary = sum, per customer. */
export function expectedOf(txs: readonly Tx[]): Expected {
  const days = new Map<string, Set<string>>();
  const sums = new Map<string, number>();
  for (const t of txs) {
    if (!(t.value > 0)) continue;
    if (!days.has(t.id)) days.set(t.id, new Set());
    days.get(t.id)!.add(t.date);
    sums.set(t.id, (sums.get(t.id) ?? 0) + t.value);
  }
  const customers = new Map<string, { frequency: number; monetary: number }>();
  for (const [id, d] of days) customers.set(id, { frequency: d.size, monetary: Math.round(sums.get(id)! * 1e6) / 1e6 });
  return { customers };
}

/** Chinese customer names that share bytes in GBK (first and second bytes recur), so a lossy decode merges them. */
const CHINESE_IDS = ["张三", "张伟", "李四", "李娜", "王五", "王芳", "赵六", "刘洋"];
const TAOBAO_IDS = ["tb小明2019", "快乐的猫", "蓝色海洋88", "阿狸_杭州", "淘气包", "小鱼儿", "晴天娃娃", "风之子", "糖糖", "大白兔"];

function txsFor(ids: readonly string[], amounts: readonly string[] = ["12.5", "30", "7.25"]): Tx[] {
  const out: Tx[] = [];
  ids.forEach((id, k) => {
    const n = 1 + (k % 3);
    for (let j = 0; j < n; ++j) {
      const text = amounts[(k + j) % amounts.length];
      out.push({ id, date: `2024-0${1 + j}-${String(10 + k).padStart(2, "0")}`, text, value: Number(text) });
    }
  });
  return out;
}

function table(header: readonly string[], txs: readonly Tx[], delimiter: string, eol: string): string {
  return [header.join(delimiter), ...txs.map((t) => [t.id, t.date, t.text].join(delimiter))].join(eol) + eol;
}

const gz = (b: Buffer) => zlib.gzipSync(b);

export function readerFixtures(): ReaderFixture[] {
  const zh = txsFor(CHINESE_IDS);
  const zhHeader = ["客户编号", "交易日期", "金额"];
  const tb = txsFor(TAOBAO_IDS, ["59.9", "128", "19.8"]);
  const tbHeader = ["买家会员名", "订单付款时间", "买家实际支付金额"];
  const tbArgs = ["--customer", "买家会员名", "--date", "订单付款时间", "--amount", "买家实际支付金额"];
  const en = txsFor(["C001", "C002", "C003", "C004"]);
  const enHeader = ["CustomerID", "Date", "Amount"];
  const western = txsFor(["Müller", "Müllér", "Gómez", "Ångström", "Straße"]);
  const fixtures: ReaderFixture[] = [
    { name: "gbk-excel.csv", bytes: iconv.encode(table(zhHeader, zh, ",", "\r\n"), "gbk"), args: [], read: /GB18030.*delimiter ",".*CRLF/, expected: expectedOf(zh) },
    { name: "gbk-excel.csv.gz", bytes: gz(iconv.encode(table(zhHeader, zh, ",", "\r\n"), "gbk")), args: [], read: /GB18030/, expected: expectedOf(zh) },
    { name: "gbk-explicit-columns.csv", bytes: iconv.encode(table(zhHeader, zh, ",", "\r\n"), "gbk"), args: ["--customer", "A", "--date", "B", "--amount", "C"], read: /GB18030/, expected: expectedOf(zh) },
    { name: "taobao-gbk.csv", bytes: iconv.encode(table(tbHeader, tb, ",", "\r\n"), "gbk"), args: tbArgs, read: /GB18030/, expected: expectedOf(tb) },
    { name: "taobao-gb18030-forced.csv", bytes: iconv.encode(table(tbHeader, tb, ",", "\r\n"), "gb18030"), args: [...tbArgs, "--encoding", "gbk"], read: /GB18030 \(--encoding\)/, expected: expectedOf(tb) },
    { name: "unicode-text.txt", bytes: iconv.encode(table(zhHeader, zh, "\t", "\r\n"), "utf16le", { addBOM: true }), args: [], read: /UTF-16LE \(byte-order mark\).*delimiter tab/, expected: expectedOf(zh) },
    { name: "unicode-text-be.txt", bytes: iconv.encode(table(zhHeader, zh, "\t", "\r\n"), "utf16be", { addBOM: true }), args: [], read: /UTF-16BE/, expected: expectedOf(zh) },
    { name: "unicode-text-nobom.txt", bytes: iconv.encode(table(enHeader, en, "\t", "\r\n"), "utf16le"), args: [], read: /UTF-16LE \(UTF-16 without a mark\)/, expected: expectedOf(en) },
    { name: "utf8-bom.csv", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table(zhHeader, zh, ",", "\n"))]), args: [], read: /UTF-8 \(byte-order mark\)/, expected: expectedOf(zh) },
    { name: "utf8.csv", bytes: Buffer.from(table(zhHeader, zh, ",", "\n")), args: [], read: /UTF-8 \(valid UTF-8\).*line ends LF/, expected: expectedOf(zh) },
    { name: "cr-only.csv", bytes: Buffer.from(table(enHeader, en, ",", "\r")), args: [], read: /line ends CR$/m, expected: expectedOf(en) },
    { name: "cr-only-gbk.csv.gz", bytes: gz(iconv.encode(table(zhHeader, zh, ",", "\r"), "gbk")), args: [], read: /GB18030.*line ends CR$/m, expected: expectedOf(zh) },
    { name: "semicolon.csv", bytes: Buffer.from(table(enHeader, en, ";", "\r\n")), args: [], read: /delimiter ";" \(detected\)/, expected: expectedOf(en) },
    { name: "pipe.csv", bytes: Buffer.from(table(enHeader, en, "|", "\n")), args: [], read: /delimiter "\|"/, expected: expectedOf(en) },
    { name: "tab-utf8.tsv", bytes: Buffer.from(table(enHeader, en, "\t", "\n")), args: [], read: /delimiter tab/, expected: expectedOf(en) },
    { name: "sep-line.csv", bytes: Buffer.from("sep=;\r\n" + table(enHeader, en, ";", "\r\n")), args: [], read: /delimiter ";" \(from the sep= line, skipped\)/, expected: expectedOf(en) },
    { name: "sep-line.csv.gz", bytes: gz(Buffer.from("sep=|\n" + table(enHeader, en, "|", "\n"))), args: [], read: /delimiter "\|" \(from the sep= line/, expected: expectedOf(en) },
    { name: "sep-line-gbk.csv", bytes: iconv.encode("sep=;\r\n" + table(zhHeader, zh, ";", "\r\n"), "gbk"), args: [], read: /GB18030.*from the sep= line/, expected: expectedOf(zh) },
    { name: "windows-1252-semicolon.csv", bytes: iconv.encode(table(enHeader, western, ";", "\r\n"), "win1252"), args: [], read: /Windows-1252.*delimiter ";"/, expected: expectedOf(western) },
    // A header with commas in it does not make "," the delimiter when the lines say ";".
    { name: "semicolon-comma-header.csv", bytes: Buffer.from(["CustomerID;Date;Amount;Note (a, b, c, d)", ...en.map((t) => `${t.id};${t.date};${t.text};x`)].join("\n") + "\n"), args: [], read: /delimiter ";"/, expected: expectedOf(en) },
    {
      name: "gbk-read-as-utf8.csv",
      bytes: iconv.encode(table(zhHeader, zh, ",", "\r\n"), "gbk"),
      args: ["--encoding", "utf-8"],
      read: /$^/,
      refusal: /cannot be read as UTF-8 \(as --encoding says\).*--encoding/,
    },
  ];
  // 1.5 MB of ASCII lines first (more than the first chunk the encoding is sniffed from), then GBK names: the head says UTF-8; the read starts over as GB18030.
  const filler: Tx[] = [];
  for (let k = 0; filler.length * 24 < 1500000; ++k) filler.push({ id: `A${String(k).padStart(5, "0")}`, date: "2024-01-02", text: "1", value: 1 });
  const late = [...filler, ...zh];
  fixtures.push({ name: "late-gbk.csv", bytes: iconv.encode(table(enHeader, late, ",", "\n"), "gbk"), args: [], read: /GB18030 \(the start was plain ASCII, a later part is not UTF-8: read again\)/, expected: expectedOf(late) });
  return fixtures;
}
