/**
 * Writes assets/sample-transactions.xlsx: a deterministic, made-up shop log (about 3,000 order lines
 * from 300 customers over 18 months) with the messiness real logs have: a few returns, a line with no
 * customer, a free sample at 0.00. Run: npx ts-node scripts/make-sample.ts
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { seededRandom } from "../src/engine/cluster/rng";

/** The engine's seeded generator (mulberry32), so the sample is the same on every machine. */
const rng = seededRandom;

const PRODUCTS: [string, number][] = [
  ["Green tea 250 g", 8.5], ["Oolong tea 250 g", 12], ["Tea set (4 cups)", 39.9], ["Gift box", 25], ["Travel mug", 15.5],
  ["Jasmine tea 100 g", 6.8], ["Puer cake 357 g", 58], ["Teapot, clay", 72], ["Honey 500 g", 11.2], ["Sample pack", 0],
];

async function main() {
  const random = rng(20240601);
  const start = Date.UTC(2023, 0, 1);
  const days = 547; // to 2024-06-30
  const rows: [string, string, Date, string, number, number][] = [];
  let order = 100000;
  for (let c = 1; c <= 300; c++) {
    const id = `C${String(c).padStart(4, "0")}`;
    const first = Math.floor(random() * days);
    const loyalty = random();
    const visits = 1 + Math.floor(loyalty * loyalty * 18 * random());
    let day = first;
    for (let v = 0; v < visits && day < days; v++) {
      const lines = 1 + Math.floor(random() * 3);
      const orderId = `SO${order++}`;
      for (let l = 0; l < lines; l++) {
        const [name, price] = PRODUCTS[Math.floor(random() * (PRODUCTS.length - 1))];
        const qty = 1 + Math.floor(random() * (loyalty > 0.8 ? 12 : 3));
        rows.push([orderId, id, new Date(start + day * 86400000), name, qty, price]);
      }
      day += 7 + Math.floor(random() * 90 * (1.2 - loyalty));
    }
  }
  rows.sort((a, b) => a[2].getTime() - b[2].getTime());
  // Real logs are messy.
  rows.splice(40, 0, [`SO${order++}`, "", new Date(start + 30 * 86400000), "Gift box", 1, 25]);
  rows.splice(200, 0, [`SO${order++}`, "C0007", new Date(start + 90 * 86400000), "Tea set (4 cups)", -1, 39.9]);
  rows.splice(900, 0, [`SO${order++}`, "C0012", new Date(start + 200 * 86400000), "Sample pack", 1, 0]);
  rows.push([`SO${order++}`, "C0301", new Date(start + 400 * 86400000), "Travel mug", -2, 15.5]);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Transactions");
  sheet.columns = [
    { header: "Order ID", key: "order", width: 12 },
    { header: "Customer ID", key: "customer", width: 13 },
    { header: "Order Date", key: "date", width: 12, style: { numFmt: "yyyy-mm-dd" } },
    { header: "Product", key: "product", width: 20 },
    { header: "Quantity", key: "qty", width: 9 },
    { header: "Unit Price", key: "price", width: 10, style: { numFmt: "#,##0.00" } },
    { header: "Amount", key: "amount", width: 11, style: { numFmt: "#,##0.00" } },
  ];
  for (const [orderId, customer, date, product, qty, price] of rows)
    sheet.addRow({ order: orderId, customer, date, product, qty, price, amount: Math.round(qty * price * 100) / 100 });
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const file = path.join(__dirname, "..", "assets", "sample-transactions.xlsx");
  await workbook.xlsx.writeFile(file);
  process.stdout.write(`wrote ${rows.length} rows to ${file}\n`);
}

main();
