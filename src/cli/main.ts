export async function main(argv: string[]): Promise<number> {
  process.stderr.write(`tiers: not yet (${argv.join(" ")})\n`);
  return 2;
}
