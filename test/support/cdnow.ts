/** CDNOW helpers for the CLV tests: the graded sample and Hardie's calibration summary. */
import * as fs from "fs";
import { parseCommonArgs } from "../../src/cli/args";
import { gradeFile } from "../../src/cli/grade";
import type { GradeResult } from "../../src/engine/grade/pipeline";
import { datasetFile } from "./datasets";

/** CDNOW_sample.txt graded as Hardie summarised it: sample id, weeks, as of 1997-10-01, $0 kept. */
export const CDNOW_SAMPLE_ARGS = ["--customer", "2", "--date", "3", "--amount", "5", "--period", "week", "--as-of", "1997-10-01", "--zero-amounts", "include"];

export async function gradedCdnowSample(): Promise<GradeResult> {
  const { result } = await gradeFile(parseCommonArgs([datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), ...CDNOW_SAMPLE_ARGS]));
  return result;
}

export interface HardieRow { id: number; x: number; tx: number; T: number; zbar: number }

/** cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar; weeks, 2 dp). */
export function hardieSummary(): HardieRow[] {
  const lines = fs.readFileSync(datasetFile("cdnow-lifetimes/cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/);
  expect(lines[0].trim()).toBe("ID,x,t_x,T,zbar");
  return lines.slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(",").map(Number);
    return { id, x, tx, T, zbar };
  });
}
