// npm run project: the CLI against the sample data folder. The project is built here from the sample's stands by land
// class (two 宜林地, one 一般灌木林地, one 疏林地 and one picked 乔木林地 stand), so the test does not depend on stand ids.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectContext } from '../../src/core/projects/context.ts';
import { parseProject } from '../../src/core/projects/format.ts';
import { runProject, type ProjectReport } from '../../src/core/projects/run.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = join(ROOT, 'data');
const dir = mkdtempSync(join(tmpdir(), 'project-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/project.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const shrink = (g: Polygon, k = 0.9): Polygon => {
  const ring = g.coordinates[0];
  const n = ring.length - 1;
  const cx = ring.slice(0, n).reduce((a, p) => a + p[0], 0) / n, cy = ring.slice(0, n).reduce((a, p) => a + p[1], 0) / n;
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k])] };
};

let stands: FeatureCollection<Polygon>;
let project: Record<string, unknown>;
let file: string;

beforeAll(() => {
  stands = JSON.parse(readFileSync(join(DATA, 'stands.geojson'), 'utf8'));
  const pick = (cls: string, ok: (p: Record<string, unknown>) => boolean = () => true) =>
    stands.features.filter((f) => f.properties!.land_class === cls && f.geometry?.type === 'Polygon' && ok(f.properties!)) as Feature<Polygon>[];
  const [y1, y2] = pick('宜林地');
  const [shrub] = pick('一般灌木林地', (p) => (p.canopy as number) >= 0.3);
  const [sparse] = pick('疏林地', (p) => !!p.age_group);
  const [forest] = pick('乔木林地', (p) => (p.canopy as number) >= 0.5);
  project = {
    format: 'xingguo-carbon-project', version: 1, id: 'cli-test', name: 'CLI test', start_date: '2026-03-01', crediting_years: 20, pools: ['trees', 'shrubs'],
    designs: [
      { id: 'D1', species: [{ group: '杉木', share: 0.7 }, { group: '木荷', share: 0.3 }], density_per_ha: 2500, planting_year: 2026 },
      { id: 'D2', species: [{ group: '马尾松', share: 1 }], density_per_ha: 3000, planting_year: 2027, site_class: 'III' },
    ],
    parcels: [
      { id: 'P1', design: 'D1', geometry: shrink(y1.geometry) },
      { id: 'P2', design: 'D2', geometry: shrink(y2.geometry) },
      { id: 'P3', design: 'D1', geometry: shrink(shrub.geometry) },
      { id: 'P4', design: 'D2', geometry: shrink(sparse.geometry) },
      { id: 'P5', design: 'D1', source: { kind: 'stand', stand_id: forest.properties!.id }, geometry: forest.geometry },
    ],
    options: { mc_draws: 500 },
  };
  file = join(dir, 'project.json');
  writeFileSync(file, JSON.stringify(project));
});

describe('npm run project', { timeout: 180_000 }, () => {
  let out: ProjectReport;

  it('--json prints one ProjectReport; the picked forest stand is refused; the table adds up', () => {
    const r = run(file, '--json');
    expect(r.code, r.stderr).toBe(0);
    out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['format', 'version', 'project', 'methodology', 'eligibility', 'strata', 'years', 'totals', 'uncertainty', 'value', 'parameters', 'provenance', 'warnings']);
    expect(out.methodology.label).toBe('AR-ACM0003 (CDM), not the CCER text');
    expect(out.eligibility.failing).toEqual([{ id: 'P5', name: 'P5', rules: ['not_forest'] }]);
    expect(out.eligibility.eligible).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(out.strata.map((s) => s.baseline_kind).sort()).toEqual(['bare', 'bare', 'shrubs', 'sparse_trees']);
    expect(out.years).toHaveLength(20);
    const sum = (k: 'net_tCO2e' | 'baseline_tCO2e' | 'actual_tCO2e') => out.years.reduce((a, y) => a + y[k], 0);
    expect(out.totals.net_tCO2e).toBeCloseTo(sum('net_tCO2e'), 6);
    expect(out.totals.project_tCO2e).toBeCloseTo(sum('actual_tCO2e'), 6);
    for (const y of out.years) {
      expect(y.net_tCO2e).toBeCloseTo(y.actual_tCO2e - y.deduction_project_tCO2e - y.baseline_tCO2e - y.deduction_baseline_tCO2e - y.leakage_tCO2e, 9);
      expect(y.net_95[0]).toBeLessThanOrEqual(y.net_tCO2e);
      expect(y.net_95[1]).toBeGreaterThanOrEqual(y.net_tCO2e);
    }
    expect(out.totals.net_tCO2e).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/木荷 has no growth curve of its own/);
  });

  it('equals the core run on the same layers (what the planner will show)', () => {
    const read = (n: string) => JSON.parse(readFileSync(join(DATA, n), 'utf8'));
    const ctx = projectContext({ stands, wetlands: [read('wetlands.geojson'), read('water.geojson')], county: read('county.geojson') });
    const core = JSON.parse(JSON.stringify(runProject(parseProject(project), ctx)));
    expect(out.years).toEqual(core.years);
    expect(out.eligibility).toEqual(core.eligibility);
    expect(out.value).toEqual(core.value);
  });

  it('human output: methodology, eligibility, strata, the per-year table, totals, value, parameters', () => {
    const r = run(file);
    expect(r.code, r.stderr).toBe(0);
    for (const s of ['Methodology: AR-ACM0003 (CDM), not the CCER text', 'Eligibility', '✗ P5 非森林 (not forest)', 'Strata:', 'Ex-ante removals per crediting year',
      'net_tCO2e: AR-ACM0003 Eq. (6)', 'Totals over 20 years', 'AR-TOOL14 U project', 'Value at 60 / 70 / 80 CNY/t CO2e', 'Parameters (factor table xingguo-net-2026-12-07b']) {
      expect(r.stdout).toContain(s);
    }
  });

  it('--other: a parcel on another project fails; --land-cover: a parcel the raster shows as forest fails', () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...project, id: 'neighbour', parcels: [(project.parcels as unknown[])[0]], designs: project.designs }));
    const lc = join(dir, 'lc.json');
    writeFileSync(lc, JSON.stringify({ P2: { forest: 0.8, other: 0.2 }, P3: null }));
    const r = run(file, '--json', '--other', other, '--land-cover', lc);
    expect(r.code, r.stderr).toBe(0);
    const o: ProjectReport = JSON.parse(r.stdout);
    const failed = Object.fromEntries(o.eligibility.parcels.map((p) => [p.id, p.failed]));
    expect(failed).toEqual({ P1: ['no_overlap_projects'], P2: ['land_cover'], P3: [], P4: [], P5: ['not_forest'] });
    expect(o.eligibility.parcels.find((p) => p.id === 'P3')!.rules.find((x) => x.rule === 'land_cover')!.status).toBe('unknown');
  });

  it('bad input: a clear message naming the file and the field; exit 1 (2 for a bad command line)', () => {
    const bad = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };
    let r = run(join(dir, 'nope.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^project: .*nope\.json: no such file/);
    r = run(bad('syntax.json', '{"format": "xingguo-carbon-project",'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/syntax\.json: not valid JSON/);
    const wrong = JSON.parse(JSON.stringify(project));
    wrong.parcels[3].design = 'D7';
    r = run(bad('field.json', JSON.stringify(wrong)));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/field\.json: parcels\[3\]\.design: names no design \(designs: D1, D2\)/);
    r = run(file, '--land-cover', bad('lc-bad.json', '{"P1": {"trees": 0.3}}'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lc-bad\.json: P1\.trees: unknown land-cover class/);
    r = run(file, '--data', join(dir, 'empty'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stands\.geojson: no such file/);
    r = run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^project: no project file given\nusage: npm run project/);
  });
});
