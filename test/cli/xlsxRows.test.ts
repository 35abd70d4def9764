import fc from "fast-check";
import { ascii, XmlByteWriter } from "../../src/cli/xlsxRows";

/** A sink that keeps copies: the writer reuses its buffer after each write. */
function collect() {
  const chunks: Buffer[] = [];
  return { sink: { write: (chunk: Buffer) => chunks.push(Buffer.from(chunk)) }, text: () => Buffer.concat(chunks).toString("utf8"), chunks };
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("XmlByteWriter", () => {
  it("writes every finite number as JavaScript prints it (what Number() reads back)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true })), (v) => {
        const { sink, text } = collect();
        const out = new XmlByteWriter(sink, 64);
        out.number(v);
        out.flush();
        expect(text()).toBe(String(v));
        expect(Number(text())).toBe(v === 0 ? 0 : v);
      }),
    );
  });

  it("writes non-negative integers digit by digit, including powers of ten", () => {
    for (const n of [0, 9, 10, 99, 100, 1000000, 1048576, Number.MAX_SAFE_INTEGER]) {
      const { sink, text } = collect();
      const out = new XmlByteWriter(sink, 32);
      out.uint(n);
      out.flush();
      expect(text()).toBe(String(n));
    }
  });

  it("escapes text and keeps it UTF-8 (Chinese, emoji, ampersands)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const { sink, text } = collect();
        const out = new XmlByteWriter(sink, 16);
        out.ensure(6 * s.length + 8);
        out.text(s);
        out.flush();
        expect(text()).toBe(Buffer.from(escapeText(s), "utf8").toString("utf8"));
      }),
    );
    const { sink, text } = collect();
    const out = new XmlByteWriter(sink, 64);
    out.ensure(64);
    out.text("客户 A&B <1>");
    out.flush();
    expect(text()).toBe("客户 A&amp;B &lt;1&gt;");
  });

  it("hands the bytes on in order across flushes of a small buffer", () => {
    const { sink, text, chunks } = collect();
    const out = new XmlByteWriter(sink, 20);
    let expected = "";
    for (let r = 1; r <= 200; ++r) {
      out.ensure(30);
      out.bytes(ascii('<row r="'));
      out.uint(r);
      out.bytes(ascii('"/>'));
      expected += `<row r="${r}"/>`;
    }
    out.flush();
    expect(text()).toBe(expected);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
  });

  it("grows for one piece larger than its buffer", () => {
    const { sink, text } = collect();
    const out = new XmlByteWriter(sink, 8);
    const long = "x".repeat(100);
    out.ensure(long.length);
    out.ascii(long);
    out.flush();
    expect(text()).toBe(long);
  });
});
