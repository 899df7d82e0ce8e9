// The one command-line parser of the CLIs in scripts/: node:util's parseArgs (strict: an unknown flag, a flag without
// its value or a value given to a switch is an error naming the flag) plus what every CLI here needs on top of it —
// typed values (integers, numbers with a range, a closed list of choices), a positional count, and `--help`/`-h`
// printing the script's usage and option list. `cli()` prints a bad command line as `<name>: <problem>` and the usage
// on stderr and exits 2 (exit code 1 stays for bad input files, 0 for success and --help).
import { parseArgs } from 'node:util';

type Help = { help?: string; short?: string };
export type OptionSpec =
  | ({ type: 'boolean' } & Help)
  | ({ type: 'string'; default?: string; choices?: readonly string[]; multiple?: boolean } & Help)
  | ({ type: 'integer' | 'number'; default?: number; min?: number; max?: number } & Help);
export type OptionSpecs = Record<string, OptionSpec>;

/** The value type each option declares: a switch is a boolean, `choices` narrow a string, a default removes undefined. */
export type OptionValue<S extends OptionSpec> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'integer' | 'number' }
    ? S extends { default: number } ? number : number | undefined
    : S extends { multiple: true }
      ? string[]
      : S extends { choices: readonly (infer C)[] }
        ? S extends { default: string } ? C : C | undefined
        : S extends { default: string } ? string : string | undefined;
export type OptionValues<O extends OptionSpecs> = { -readonly [K in keyof O]: OptionValue<O[K]> };

export interface CliSpec<O extends OptionSpecs> {
  /** What messages start with: `carbon: unknown option '--x'`. */
  name: string;
  /** The synopsis, e.g. `npm run carbon -- <stands file> [--json]`. */
  usage: string;
  /** A line or two under the synopsis in --help. */
  about?: string;
  options: O;
  /** How many positionals the script takes (default none), and what to call them in messages. */
  positionals?: { min?: number; max?: number; name?: string };
}

export interface ParsedArgs<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

/** A command line the spec refuses; the message names the flag or the positional. */
export class UsageError extends Error {}
/** `--help` or `-h` was given. */
export class HelpRequested extends Error {}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function checkNumber(flag: string, raw: string, spec: { type: 'integer' | 'number'; min?: number; max?: number }): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  const whole = spec.type === 'integer';
  const range = spec.min != null && spec.max != null ? ` from ${spec.min} to ${spec.max}` : spec.min != null ? ` ≥ ${spec.min}` : spec.max != null ? ` ≤ ${spec.max}` : '';
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || (spec.min != null && n < spec.min) || (spec.max != null && n > spec.max)) {
    throw new UsageError(`${flag} must be ${whole ? 'a whole number' : 'a number'}${range}, not "${raw}"`);
  }
  return n;
}

/** Parses argv against the spec; throws UsageError (with a message naming the bad flag) or HelpRequested. Pure. */
export function parseCommandLine<const O extends OptionSpecs>(spec: CliSpec<O>, argv: readonly string[]): ParsedArgs<O> {
  const nodeOptions: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = { ...HELP_OPTION };
  for (const [name, o] of Object.entries(spec.options)) {
    nodeOptions[name] = { type: o.type === 'boolean' ? 'boolean' : 'string', ...(o.short ? { short: o.short } : {}), ...(o.type === 'string' && o.multiple ? { multiple: true } : {}) };
  }
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: nodeOptions, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's own message already names the flag ("Unknown option '--x'", "Option '--year <value>' argument missing").
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, ''));
  }
  if (parsed.values.help) throw new HelpRequested();
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const raw = parsed.values[name];
    const flag = `--${name}`;
    if (o.type === 'boolean') values[name] = raw === true;
    else if (o.type !== 'string') values[name] = raw === undefined ? o.default : checkNumber(flag, raw as string, o);
    else {
      if (o.multiple) values[name] = (raw as string[] | undefined) ?? [];
      else values[name] = raw ?? o.default;
      for (const v of o.multiple ? (values[name] as string[]) : raw === undefined ? [] : [raw as string]) {
        if (v === '') throw new UsageError(`${flag} needs a value`);
        if (o.choices && !o.choices.includes(v)) throw new UsageError(`${flag} must be ${o.choices.join(' or ')}, not "${v}"`);
      }
    }
  }
  const { min = 0, max = 0, name = 'argument' } = spec.positionals ?? {};
  const pos = parsed.positionals;
  if (pos.length < min) throw new UsageError(`no ${name} given`);
  if (pos.length > max) {
    throw new UsageError(max === 0 ? `unexpected argument "${pos[0]}"` : `at most ${max} ${name}${max > 1 ? 's' : ''} (got ${pos.map((p) => `"${p}"`).join(' and ')})`);
  }
  return { values: values as OptionValues<O>, positionals: pos };
}

/** The --help text: the synopsis, the about lines, then one line per option with its help and default. */
export function helpText<O extends OptionSpecs>(spec: CliSpec<O>): string {
  const lines = [`usage: ${spec.usage}`];
  if (spec.about) lines.push('', spec.about);
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const value = o.type === 'boolean' ? '' : o.type === 'string' && o.choices ? ` ${o.choices.join('|')}` : o.type === 'string' ? ' <value>' : ` <${o.type}>`;
    const def = 'default' in o && o.default !== undefined ? ` (default ${o.default})` : '';
    return [`${o.short ? `-${o.short}, ` : ''}--${name}${value}`, `${o.help ?? ''}${def}`];
  });
  rows.push(['-h, --help', 'this text']);
  const w = Math.max(...rows.map((r) => r[0].length));
  lines.push('', 'options:', ...rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`.trimEnd()));
  return lines.join('\n');
}

/** parseCommandLine for a script's main: prints --help and exits 0, or prints the problem and the usage and exits 2. */
export function cli<const O extends OptionSpecs>(spec: CliSpec<O>, argv: readonly string[] = process.argv.slice(2)): ParsedArgs<O> {
  try {
    return parseCommandLine(spec, argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${helpText(spec)}\n`);
      process.exit(0);
    }
    if (e instanceof UsageError) usageError(spec, e.message);
    throw e;
  }
}

/** A command line that parsed but does not make sense (a check the spec cannot express): message, usage, exit 2. */
export function usageError(spec: { name: string; usage: string }, message: string): never {
  process.stderr.write(`${spec.name}: ${message}\nusage: ${spec.usage}\n`);
  process.exit(2);
}

/**
 * Options several CLIs share, spelled once. `data`: resolveDataDir (scripts/lib/data-dir.ts) turns its value into the
 * folder, falling back to XINGGUO_DATA_DIR and then data/.
 */
export const SHARED_OPTIONS = {
  json: { type: 'boolean', help: 'print exactly one JSON object on stdout (messages go to stderr)' },
  data: { type: 'string', help: 'data folder (default: $XINGGUO_DATA_DIR, else the sample data in data/)' },
  crs: { type: 'string', help: 'the coordinate system when the file does not declare it, e.g. EPSG:4526' },
  encoding: { type: 'string', help: 'the text encoding of a shapefile .dbf without .cpg, e.g. gbk' },
  method: { type: 'string', choices: ['ipcc_bef', 'fang'], default: 'ipcc_bef', help: 'stand carbon method' },
  factors: { type: 'string', help: 'a factor table (JSON) instead of the built-in one' },
} as const;
