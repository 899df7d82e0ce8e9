// The measure CLI, run as a user would: `npx tsx scripts/measure.ts <file> --json`, stdout parsed as JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import { writeFixtures } from '../fixtures/write-fixtures.ts';
import { PLOTS } from '../fixtures/shapefiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'measure-cli-'));
const files = writeFixtures(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/measure.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run measure', () => {
  it('--json on the GK zone-38 GBK shapefile: exactly one JSON object with the known areas', () => {
    const r = run(files.shapefileZip, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.source).toBe(files.shapefileZip);
    expect(out.crs).toBe('EPSG:4526');
    expect(out.features.map((f: { index: number }) => f.index)).toEqual([0, 1]);
    expect(out.features[0].properties).toEqual(PLOTS[0].properties);
    expect(out.features[0].geometry_type).toBe('Polygon');
    const want = PLOTS.map((p) => geodesicArea(p.geometry));
    out.features.forEach((f: { area_m2: number; area_mu: number; area_ha: number; length_m: number }, i: number) => {
      expect(Math.abs(f.area_m2 / want[i] - 1)).toBeLessThan(1e-8);
      expect(f.area_mu).toBeCloseTo(want[i] / M2_PER_MU, 4);
      expect(f.area_ha).toBeCloseTo(want[i] / 10000, 6);
      expect(f.length_m).toBe(0);
    });
    expect(out.total.area_m2).toBeCloseTo(want[0] + want[1], 2);
    expect(Object.keys(out.total).sort()).toEqual(['area_ha', 'area_m2', 'area_mu', 'length_m']);
  }, 60_000);

  it('human output lists names, 亩 and a total for a KMZ', () => {
    const r = run(files.kmz);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/长冈乡油茶林\s+Polygon\s+1,659\.\d\d/);
    expect(r.stdout).toMatch(/total 合计\s+4 features/);
  }, 60_000);

  it.each([
    ['looseShp', 2, 'EPSG:4526'],
    ['kml', 4, 'EPSG:4326'],
    ['gpx', 4, 'EPSG:4326'],
    ['csv', 3, 'EPSG:4326'],
    ['geojson', 2, 'EPSG:4326'],
  ] as const)('--json reads the %s fixture', (key, count, crs) => {
    const r = run(files[key], '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.features).toHaveLength(count);
    expect(out.crs).toBe(crs);
    if (key === 'looseShp' || key === 'geojson') expect(Math.abs(out.features[0].area_m2 / geodesicArea(PLOTS[0].geometry) - 1)).toBeLessThan(1e-8);
  }, 60_000);

  it('a bad file: non-zero exit, one clear line on stderr, nothing on stdout', () => {
    const bad = join(dir, 'broken.zip');
    writeFileSync(bad, 'this is not a zip');
    const r = run(bad, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`${bad}: not a zip file (expected a zipped shapefile with .shp, .shx and .dbf)`);
    const missing = run(join(dir, 'nope.kml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.kml: no such file/);
  }, 60_000);
});
