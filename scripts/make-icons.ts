/**
 * Draws the add-in's icons (three stacked tier bars, widest at the bottom) as PNGs at the sizes the
 * manifest and the ribbon need. Deterministic: run `npx ts-node scripts/make-icons.ts` after a change.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const SIZES = [16, 32, 64, 80, 128];
const BLUE: [number, number, number] = [0x0f, 0x6c, 0xbd];
const TEAL: [number, number, number] = [0x00, 0x8b, 0x94];
const GOLD: [number, number, number] = [0xc1, 0x9c, 0x00];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; ++k) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function icon(size: number): Buffer {
  const rows: Buffer[] = [];
  const bars: [number, number, number, [number, number, number]][] = [
    // [top, bottom, half-width] as fractions of the size, and colour
    [0.12, 0.32, 0.18, GOLD],
    [0.4, 0.6, 0.3, TEAL],
    [0.68, 0.88, 0.42, BLUE],
  ];
  for (let y = 0; y < size; ++y) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; ++x) {
      const fx = (x + 0.5) / size, fy = (y + 0.5) / size;
      const bar = bars.find(([top, bottom, half]) => fy >= top && fy < bottom && Math.abs(fx - 0.5) < half);
      const o = 1 + x * 4;
      if (bar) {
        row[o] = bar[3][0];
        row[o + 1] = bar[3][1];
        row[o + 2] = bar[3][2];
        row[o + 3] = 255;
      }
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows), { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const dir = path.join(__dirname, "..", "assets");
for (const size of SIZES) fs.writeFileSync(path.join(dir, `icon-${size}.png`), icon(size));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} to ${dir}`);
