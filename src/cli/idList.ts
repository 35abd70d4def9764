/** `--exclude ids.txt`: one customer id a line (UTF-8, or GB18030 as Chinese Excel saves text). */
import * as fs from "fs";
import { InputError } from "./input";

/** The ids of a list file: lines trimmed, blank lines skipped; a UTF-8 BOM is dropped. */
export async function readIdList(file: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch {
    throw new InputError(`--exclude ${file}: no such file`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== "");
}
