/** The CLI's grade of a workbook fixture checked against the answers its generator computed. */
import * as fs from "fs";
import * as path from "path";
import type { ExpectedGrade } from "../fixtures/workbooks/generate";
import { runCli } from "./runCli";

interface JsonOut {
  rows: { rowsRead: number; included: number; excluded: Record<string, { count: number }> };
  customers: { customer_id: string; frequency: number | null; monetary: number | null }[];
  notes: { code: string; message: string }[];
}

/** Grades `file` with `args` to JSON in `dir` and expects the rows, every customer's frequency and monetary, and the notes. */
export async function expectFixtureGrade(file: string, args: string[], expected: ExpectedGrade, dir: string, name: string): Promise<void> {
  const out = path.join(dir, `${name}.json`);
  const { code, stderr } = await runCli(["grade", file, ...args, "--out", out]);
  expect({ code, stderr: code ? stderr : "" }).toEqual({ code: 0, stderr: "" });
  const json = JSON.parse(fs.readFileSync(out, "utf8")) as JsonOut;
  expect({ rowsRead: json.rows.rowsRead, included: json.rows.included }).toEqual({ rowsRead: expected.rowsRead, included: expected.included });
  for (const [reason, count] of Object.entries(expected.excluded)) expect([reason, json.rows.excluded[reason]?.count]).toEqual([reason, count]);
  const excluded = Object.values(json.rows.excluded).reduce((a, r) => a + r.count, 0);
  expect(json.rows.included + excluded).toBe(json.rows.rowsRead);
  const customers = Object.fromEntries(json.customers.filter((c) => c.frequency !== null).map((c) => [c.customer_id, [c.frequency, c.monetary]]));
  expect(customers).toEqual(expected.customers);
  const notes = json.notes.map((n) => n.message).join("\n");
  for (const re of expected.notes) expect(notes).toMatch(re);
  for (const re of expected.absentNotes ?? []) expect(notes).not.toMatch(re);
}

/** Expects the CLI to refuse `file` (exit 2) with every pattern of `refusal` in its message. */
export async function expectFixtureRefusal(file: string, args: string[], refusal: RegExp[]): Promise<void> {
  const { code, stderr } = await runCli(["grade", file, ...args]);
  expect(code).toBe(2);
  for (const re of refusal) expect(stderr).toMatch(re);
}
