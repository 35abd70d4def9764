/**
 * CLI conventions: `tiers --help`, `tiers help CMD` and `tiers CMD --help` exit 0 on stdout with the
 * command's options and an example; `--version` is package.json's; an unknown command or option exits
 * 2 with the usage on stderr; every output ends with a newline. The help is checked against the parsers:
 * every option they accept is listed, and every listed option is accepted.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { INPUT_OPTIONS } from "../../src/cli/args";
import { SQL_OPTIONS } from "../../src/cli/sql";
import { COMMAND_HELP, type CommandHelp, type OptionHelp } from "../../src/cli/usage";
import { runCliOutput, tempDir } from "../support/runCli";

const ROOT = path.join(__dirname, "..", "..");
const COMMANDS = Object.keys(COMMAND_HELP) as (keyof typeof COMMAND_HELP)[];
const listed = (name: keyof typeof COMMAND_HELP) => (COMMAND_HELP[name] as CommandHelp).options.map((o) => o.flag);

test("the commands are grade, fit, sql, migrate and cohorts", () => {
  expect(COMMANDS.sort()).toEqual(["cohorts", "fit", "grade", "migrate", "sql"]);
});

test("tiers --help, -h and help: every command's synopsis on stdout, exit 0, ending in a newline", async () => {
  for (const argv of [["--help"], ["-h"], ["help"]]) {
    const { code, stdout, stderr } = await runCliOutput(argv);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.endsWith("\n")).toBe(true);
    for (const name of COMMANDS) expect(stdout).toContain(`tiers ${name} `);
    expect(stdout).toContain("tiers help <command>");
  }
});

describe.each(COMMANDS)("tiers %s", (name) => {
  test("--help, -h and `tiers help NAME` print the same help: its options and an example, exit 0", async () => {
    const outputs: string[] = [];
    // --help wins over missing or wrong arguments (migrate without --from/--to, sql without --table).
    for (const argv of [[name, "--help"], [name, "-h"], ["help", name], [name, "some-file.csv", "--bins", "x", "--help"]]) {
      const { code, stdout, stderr } = await runCliOutput(argv);
      expect({ argv, code, stderr }).toEqual({ argv, code: 0, stderr: "" });
      outputs.push(stdout);
    }
    expect(new Set(outputs).size).toBe(1);
    const help = outputs[0];
    expect(help.endsWith("\n")).toBe(true);
    expect(help).toMatch(new RegExp(`^tiers ${name}: `));
    for (const flag of listed(name)) expect(help).toMatch(new RegExp(`^  ${flag}\\b`, "m"));
    expect(help).toMatch(new RegExp(`^examples:\\n  tiers ${name} `, "m"));
    // The options are wrapped to fit a terminal (synopsis and examples may be longer).
    const options = help.slice(help.indexOf("options:"), help.indexOf("examples:"));
    for (const line of options.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });

  test("every listed option is accepted by the command's parser", async () => {
    const dir = tempDir();
    const missing = path.join(dir, "no-such-file.csv");
    const valueFor = (o: OptionHelp) => {
      if (!o.value) return [];
      const v = o.value.replace(/^\[|\]$/g, "");
      if (v.includes("YYYY")) return ["2024-01-01"];
      if (v === "N" || v === "k") return ["5"];
      return [v.split("|")[0]];
    };
    const base = name === "sql" ? ["sql", "--table", "t", "--customer", "c", "--date", "d", "--amount", "a"] : [name, missing];
    for (const option of (COMMAND_HELP[name] as CommandHelp).options) {
      if (option.flag === "--help") continue;
      const { stderr } = await runCliOutput([...base, option.flag, ...valueFor(option)]);
      expect({ flag: option.flag, stderr }).not.toEqual({ flag: option.flag, stderr: expect.stringMatching(/unknown option/i) });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("an unknown option exits 2 with the command's usage on stderr", async () => {
    const argv = name === "sql" ? ["sql", "--no-such-option"] : [name, "file.csv", "--no-such-option"];
    const { code, stdout, stderr } = await runCliOutput(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--no-such-option/);
    expect(stderr).toContain(`usage: tiers ${name} `);
    expect(stderr).toContain(`tiers help ${name}`);
    expect(stderr.endsWith("\n")).toBe(true);
  });
});

test("every option the file commands accept is listed by a command that reads files", () => {
  const flags = new Set((["grade", "fit", "migrate", "cohorts"] as const).flatMap(listed));
  const unlisted = Object.keys(INPUT_OPTIONS).filter((k) => !flags.has(`--${k}`));
  // A new option in src/cli/args.ts needs its line in COMMAND_HELP (src/cli/usage.ts).
  expect(unlisted).toEqual([]);
  expect(listed("grade")).toEqual(expect.arrayContaining(Object.keys(INPUT_OPTIONS).filter((k) => k !== "json").map((k) => `--${k}`)));
  expect(listed("migrate")).toEqual(expect.arrayContaining(["--from", "--to"]));
});

test("every option tiers sql accepts is listed in its help", () => {
  expect(SQL_OPTIONS.map((k) => `--${k}`).filter((f) => !listed("sql").includes(f))).toEqual([]);
});

test("tiers --version prints package.json's version", async () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(version).toMatch(/^\d+\.\d+\.\d+/);
  const { code, stdout } = await runCliOutput(["--version"]);
  expect(code).toBe(0);
  expect(stdout).toBe(`tiers ${version}\n`);
});

test("an unknown command, an unknown top-level option, help on an unknown command, no command: exit 2, usage on stderr", async () => {
  for (const argv of [["frobnicate"], ["--frobnicate"], ["help", "frobnicate"], []]) {
    const { code, stdout, stderr } = await runCliOutput(argv);
    expect({ argv, code, stdout }).toEqual({ argv, code: 2, stdout: "" });
    expect(stderr).toMatch(/^tiers( help)?: (unknown command "frobnicate"|unknown option "--frobnicate"|no command given)\nusage:\n/);
    expect(stderr.endsWith("\n")).toBe(true);
  }
});

test("as a process: `tiers migrate --help` exits 0 and `tiers migrate` without --from exits 2", () => {
  const run = (args: string[]) => {
    const script = `require("./src/cli/main").main(${JSON.stringify(args)}).then((c) => { process.exitCode = c; })`;
    try {
      const stdout = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      return { code: 0, stdout };
    } catch (err) {
      return { code: (err as { status: number }).status, stdout: String((err as { stdout: string }).stdout) };
    }
  };
  const help = run(["migrate", "--help"]);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("--from YYYY-MM-DD");
  expect(run(["migrate", path.join(ROOT, "assets", "sample-transactions.xlsx")]).code).toBe(2);
});

test("--sheet help names all and a list (several sheets as one log)", async () => {
  const { stdout } = await runCliOutput(["grade", "--help"]);
  // The help text wraps: compare with the white space collapsed.
  expect(stdout.replace(/\s+/g, " ")).toMatch(/--sheet NAME\|all\|"A,B" .*a comma-separated list, grades sheets with the same columns as one log/);
});
