// The measure and carbon CLIs' core paths, fuzzed: whatever the importers accept must measure to finite, non-negative
// figures and must compute carbon (or fail with the CLI's one clear StandFileError). Then the CLIs themselves, run as
// users run them on hostile files: exit code 1, one line on stderr naming the file, and nothing on stdout (no
// partial JSON for a pipeline to swallow).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS } from '../../src/core/carbon/factors.ts';
import { carbonForFeatures, StandFileError } from '../../src/core/carbon/report.ts';
import { geodesicArea, geodesicLength, geodesicPerimeter } from '../../src/core/geo/measure.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { csvBytes, geojsonBytes, gpxBytes, kmlBytes, kmzBytes, shapefileZipBytes } from './gen.ts';
import { MAX_MS_PER_INPUT, outcome, printTallies, RUNS, tally } from './harness.ts';

/** Any supported file, with the name it would have on disk. */
const anyFile = fc.oneof(
  geojsonBytes.map((b) => ['stands.geojson', b] as const),
  shapefileZipBytes.map((b) => ['stands.zip', b] as const),
  kmlBytes.map((b) => ['stands.kml', b] as const),
  kmzBytes.map((b) => ['stands.kmz', b] as const),
  gpxBytes.map((b) => ['stands.gpx', b] as const),
  csvBytes([',', '\t']).map((b) => ['stands.csv', b] as const),
);

afterAll(() => printTallies(`fuzz: CLI core paths, ${RUNS} runs each (FUZZ_RUNS)`));

function finiteNonNegative(what: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${what} is ${v}`);
}

describe('fuzz: the measure and carbon CLIs', () => {
  it(`measure: ${RUNS} files import and measure to finite figures, or fail clearly`, () => {
    const t = tally('measure (import+measure)');
    fc.assert(fc.property(anyFile, ([name, bytes]) => {
      const started = performance.now();
      const result = outcome(t, name, bytes, () => importFile(name, bytes));
      if (!result) return;
      let area = 0;
      for (const f of result.features) {
        const a = geodesicArea(f.geometry);
        finiteNonNegative('area', a);
        finiteNonNegative('length', geodesicLength(f.geometry));
        finiteNonNegative('perimeter', geodesicPerimeter(f.geometry));
        area += a;
      }
      finiteNonNegative('total area', area);
      if (performance.now() - started > MAX_MS_PER_INPUT) throw new Error('import + measure too slow');
    }), { numRuns: RUNS });
  }, 600_000);

  it(`carbon: ${RUNS} files import and compute carbon, or fail clearly`, () => {
    const t = tally('carbon (import+carbon)');
    fc.assert(fc.property(anyFile, fc.constantFrom('ipcc_bef', 'fang') as fc.Arbitrary<'ipcc_bef' | 'fang'>, fc.integer({ min: 1900, max: 2200 }), ([name, bytes], method, year) => {
      const result = outcome(t, name, bytes, () => importFile(name, bytes));
      if (!result) return;
      try {
        const run = carbonForFeatures(result.features, DEFAULT_FACTORS, { method, year, sourceIndex: result.sourceIndex });
        const { uncertainty, ...sums } = run.report.total;
        for (const [k, v] of Object.entries(sums)) if (!Number.isFinite(v)) throw new Error(`total ${k} is ${v}`);
        for (const k of ['carbon_stock_tCO2e', 'annual_sink_tCO2e'] as const) {
          if (!uncertainty[k].every(Number.isFinite)) throw new Error(`total uncertainty ${k} is ${uncertainty[k]}`);
        }
      } catch (e) {
        if (!(e instanceof StandFileError) || e.message.trim() === '') throw e;
      }
    }), { numRuns: RUNS });
  }, 600_000);
});

describe('the CLIs on hostile files: a clear failure and no partial output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, Uint8Array | string> = {
    'truncated.zip': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
    'laughs.kml': '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kml>&b;</kml>',
    'nan.geojson': '{"type":"Feature","properties":{"名称":"<img src=x onerror=alert(1)>"},"geometry":{"type":"Point","coordinates":[1e999,NaN]}}',
    'deep.geojson': `{"type":"Feature","properties":{},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(5000)}${']}'.repeat(5000)}}`,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);

  const run = (script: string, file: string) => spawnSync('npx', ['tsx', script, join(dir, file), '--json'], { encoding: 'utf8', timeout: 60_000 });

  it.each(Object.keys(files))('measure --json %s', (name) => {
    const r = run('scripts/measure.ts', name);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(join(dir, name));
    expect(r.stderr).not.toMatch(/unexpected error|at .*\.ts:\d+/);
  }, 60_000);

  it.each(Object.keys(files))('carbon --json %s', (name) => {
    const r = run('scripts/carbon.ts', name);
    expect(r.stderr).toContain(join(dir, name));
    // A file whose every feature is rejected (deep.geojson) is a valid run over zero stands: then stdout is one whole
    // JSON object and stderr says what was skipped. Otherwise: exit 1 and nothing on stdout.
    if (r.status === 0) expect(JSON.parse(r.stdout).features).toEqual([]);
    else {
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
    }
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);
});
