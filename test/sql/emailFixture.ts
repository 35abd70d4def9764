/**
 * A small order log whose customer ids are e-mail addresses in several spellings (SPEC §1: an
 * e-mail compares trimmed and lower-cased), and ids that only look alike (`C001`/`c001`, an `@`
 * without a dot in the domain), for the SQL dialects' id rule. `customers` is the number of
 * distinct customers by that rule, counted here from the groups the rows are built from.
 */
import * as fs from "fs";
import * as path from "path";

/** Spellings of one customer each; rows cycle through a group's spellings. */
const GROUPS: string[][] = [
  ["Alice@Example.com", "alice@example.com", "ALICE@EXAMPLE.COM"],
  ["bob@shop.cn", "Bob@Shop.CN"],
  ["Dora@mail.co.uk"],
  [" Eve@X.org", "eve@x.org "],
  ["frank.o@post.example", "Frank.O@Post.Example"],
  ["C001"],
  ["c001"],
  ["local@host"],
  ["LOCAL@host"],
  ["17850"],
  ["SO-Gina@shop.example"],
  ["hal@a.b.c", "HAL@A.B.C"],
];

export const EMAIL_FIXTURE = { customers: GROUPS.length };

/** Writes the log as CSV (Customer, Date, Amount, Order) into `dir`; returns the file. */
export function writeEmailFixture(dir: string): string {
  const lines = ["Customer,Date,Amount,Order"];
  let order = 1000;
  GROUPS.forEach((spellings, g) => {
    const rows = 2 + (g % 5);
    for (let k = 0; k < rows; ++k) {
      const day = 1 + ((g * 7 + k * 11) % 28);
      const month = 1 + ((g + k) % 6);
      // Distinct totals per customer, so no tie is broken by id order (which lower-casing changes).
      const amount = (10 + g * 13.25 + k * 1.5).toFixed(2);
      lines.push(`${spellings[k % spellings.length]},2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")},${amount},SO-${order++}`);
    }
  });
  const file = path.join(dir, "email-ids.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n", "utf8");
  return file;
}

/**
 * The engine's rows as SQL writes them: an e-mail id lower-cased (the engine writes the first
 * spelling seen; SQL has no row order to find it), then in id order again.
 */
export function lowerCasedEmails(rows: string[][]): string[][] {
  const email = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;
  return rows.map((r) => [email.test(r[0]) ? r[0].toLowerCase() : r[0], ...r.slice(1)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
