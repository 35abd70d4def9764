import * as fs from "fs";
import * as path from "path";

/** The shared data folder beside the project (../shared/data), as in CI. */
export const SHARED_DATA = path.resolve(__dirname, "..", "..", "..", "shared", "data");

/** Absolute path of a file under ../shared/data; throws a clear error when it is missing. */
export function sharedDataFile(relative: string): string {
  const file = path.join(SHARED_DATA, relative);
  if (!fs.existsSync(file)) throw new Error(`Test data missing: ${file} (the shared/ folder must sit beside the project)`);
  return file;
}
