import * as fs from "fs";
import * as path from "path";

/** The repository's data sets (datasets/, each folder with a README stating source, licence and facts). */
export const DATASETS = path.resolve(__dirname, "..", "..", "datasets");

/** Absolute path of a file under datasets/; throws a clear error when it is missing. */
export function datasetFile(relative: string): string {
  const file = path.join(DATASETS, relative);
  if (!fs.existsSync(file)) throw new Error(`Test data missing: ${file} (datasets/ is part of the repository)`);
  return file;
}
