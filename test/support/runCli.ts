/** Runs the `tiers` CLI in-process (from src/, through ts-jest), capturing stderr and the exit code. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { parseCsvText } from "./csvText";

export async function runCli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const write = process.stderr.write.bind(process.stderr);
  (process.stderr as { write: unknown }).write = (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  };
  try {
    const code = await main(argv);
    return { code, stderr };
  } finally {
    (process.stderr as { write: unknown }).write = write;
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tiers-test-"));
}

/** Parses a CSV the CLI wrote (fields may be quoted). */
export function readCsv(file: string): string[][] {
  return parseCsvText(fs.readFileSync(file, "utf8"));
}

/** Runs the CLI in-process capturing both stdout and stderr (for help, version and usage errors). */
export async function runCliOutput(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  const write = process.stdout.write.bind(process.stdout);
  (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  };
  try {
    const { code, stderr } = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    (process.stdout as { write: unknown }).write = write;
  }
}
