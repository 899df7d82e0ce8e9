// The one command-line parser of scripts/ (scripts/lib/args.ts): typed values, messages that name the bad flag, --help,
// positional counts; and, end to end, that a CLI refuses an unknown flag with exit code 2 and prints its help.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, HelpRequested, parseCommandLine, UsageError } from '../../scripts/lib/args.ts';
import { resolveDataDir, SAMPLE_DATA_DIR } from '../../scripts/lib/data-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SPEC = {
  name: 'demo',
  usage: 'demo <file> [--json]',
  options: {
    json: { type: 'boolean', help: 'JSON out' },
    method: { type: 'string', choices: ['ipcc_bef', 'fang'], default: 'ipcc_bef' },
    year: { type: 'integer', min: 2020, max: 2030 },
    share: { type: 'number', default: 0.5, min: 0, max: 1 },
    crs: { type: 'string' },
    data: { type: 'string', multiple: true },
    'no-tiles': { type: 'boolean' },
  },
  positionals: { min: 1, max: 1, name: 'file' },
} as const;

const parse = (...argv: string[]) => parseCommandLine(SPEC, argv);
const refusal = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('parseCommandLine', () => {
  it('gives typed values with defaults, in any order, with --flag value and --flag=value', () => {
    const a = parse('f.geojson', '--json', '--year', '2024', '--crs=EPSG:4526', '--no-tiles');
    expect(a.positionals).toEqual(['f.geojson']);
    expect(a.values).toEqual({ json: true, method: 'ipcc_bef', year: 2024, share: 0.5, crs: 'EPSG:4526', data: [], 'no-tiles': true });
    const b = parse('--method', 'fang', '--share', '0.25', '--data', 'a', '--data=b', 'x.zip');
    expect(b.values).toMatchObject({ json: false, method: 'fang', year: undefined, share: 0.25, data: ['a', 'b'], 'no-tiles': false });
    expect(b.positionals).toEqual(['x.zip']);
  });

  it('names the flag that is unknown, lacks its value, or has a bad one', () => {
    expect(refusal('f', '--bogus')).toMatch(/'--bogus'/);
    expect(refusal('f', '-x')).toMatch(/'-x'/);
    expect(refusal('f', '--year')).toMatch(/--year.*missing/);
    expect(refusal('f', '--json=1')).toMatch(/--json/);
    expect(refusal('f', '--method', 'magic')).toBe('--method must be ipcc_bef or fang, not "magic"');
    expect(refusal('f', '--year', '2031')).toBe('--year must be a whole number from 2020 to 2030, not "2031"');
    expect(refusal('f', '--year', '2024.5')).toMatch(/^--year must be a whole number/);
    expect(refusal('f', '--share', 'half')).toBe('--share must be a number from 0 to 1, not "half"');
    expect(refusal('f', '--crs=')).toBe('--crs needs a value');
    // a flag where a value should be is not taken as the value
    expect(refusal('f', '--crs', '--json')).toMatch(/--crs/);
  });

  it('counts positionals', () => {
    expect(refusal()).toBe('no file given');
    expect(refusal('a', 'b')).toBe('at most 1 file (got "a" and "b")');
    expect(() => parseCommandLine({ name: 'n', usage: 'n', options: {} }, ['x'])).toThrow('unexpected argument "x"');
  });

  it('--help and -h ask for help, whatever else is on the line', () => {
    expect(() => parse('--help')).toThrow(HelpRequested);
    expect(() => parse('f', '-h', '--bogus')).toThrow();
    const text = helpText(SPEC);
    expect(text.split('\n')[0]).toBe('usage: demo <file> [--json]');
    expect(text).toMatch(/--method ipcc_bef\|fang +\(default ipcc_bef\)/);
    expect(text).toMatch(/--json +JSON out/);
    expect(text).toMatch(/-h, --help/);
  });
});

describe('resolveDataDir (the --data option)', () => {
  it('takes --data, then XINGGUO_DATA_DIR, then XG_DATA_DIR, then data/', () => {
    expect(resolveDataDir('rel/dir', { XINGGUO_DATA_DIR: '/env' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir(undefined, { XINGGUO_DATA_DIR: '/env', XG_DATA_DIR: '/old' })).toBe('/env');
    expect(resolveDataDir(undefined, { XG_DATA_DIR: '/old' })).toBe('/old');
    expect(resolveDataDir(undefined, {})).toBe(SAMPLE_DATA_DIR);
  });
});

describe('the CLIs use it', () => {
  const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  it.each(['scripts/carbon.ts', 'scripts/measure.ts', 'scripts/targets.ts', 'scripts/data-import.ts', 'scripts/project.ts'])('%s: unknown flag → exit 2 naming it; --help → exit 0 with the options', (script) => {
    const bad = run(script, '--frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/'--frobnicate'/);
    expect(bad.stderr).toMatch(/usage: /);
    const help = run(script, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: /);
    expect(help.stdout).toMatch(/--json/);
  });
});
