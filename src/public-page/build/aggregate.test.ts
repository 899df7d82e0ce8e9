// Public aggregates on the hand-made fixture county. Expected areas come from GeographicLib directly (refArea), not
// from measure.ts, and the township sums are checked against the county figures computed by core/plan.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS } from '../../core/carbon/factors.ts';
import { fixtureLayers, MU, refArea, STAND_SPECS, standRing } from '../../core/plan/fixture.testutil.ts';
import { computeAreas } from '../../core/plan/layers.ts';
import { computeProgress } from '../../core/plan/progress.ts';
import { publicData, UPGRADE_TARGET_ID } from './aggregate.ts';

const TOWN_A = [[115.29, 26.29], [115.32, 26.29], [115.32, 26.35], [115.29, 26.35], [115.29, 26.29]];
const TOWN_B = [[115.32, 26.29], [115.35, 26.29], [115.35, 26.35], [115.32, 26.35], [115.32, 26.29]];
const near = (a: number, e: number, abs: number) => expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(abs);

function build() {
  const layers = fixtureLayers();
  const areas = computeAreas(layers);
  const progress = computeProgress(layers, { areas });
  return { progress, out: publicData(layers, areas, progress, DEFAULT_FACTORS, { sampleData: true, dataVersion: 'fixture' }) };
}

describe('public aggregates', () => {
  const { progress, out } = build();
  const A = STAND_SPECS.map((s) => refArea(standRing(s)));
  const row = (code: string) => out.planProgress.townships.find((r) => r.code === code)!;

  it('coverage, forest land and upgrade per township match an independent GeographicLib computation', () => {
    // 潋江镇 holds stands 0,1,2,5,7,8,9; forest = canopy ≥ 0.2 arbor (0,1,5,9) + 特灌林地 (8)
    const landA = refArea(TOWN_A) / MU;
    near(row('360732100').land_area_mu, landA, 0.051);
    near(row('360732100').forest_land_mu, (A[0] + A[1] + A[2] + A[5] + A[7] + A[8] + A[9]) / MU, 0.051);
    near(row('360732100').coverage_pct, ((A[0] + A[1] + A[5] + A[8] + A[9]) / MU / landA) * 100, 0.0051);
    // upgrades done by 2025: 1 (2022), 8 (2025), 9 (2021); stand 2's 2026 upgrade is after the deadline
    near(row('360732100').upgrade_mu, (A[1] + A[8] + A[9]) / MU, 0.051);
    near(row('360732101').upgrade_mu, A[3] / MU, 0.051);
    near(row('360732101').land_area_mu, refArea(TOWN_B) / MU, 0.051);
    const forestLandB = (A[3] + A[4] + A[6]) / MU;
    near(row('360732101').upgrade_share_pct, (A[3] / MU / forestLandB) * 100, 0.0051);
  });

  it('township sums equal the county figures and the upgrade target value', () => {
    const rows = out.planProgress.townships;
    const sum = (k: 'carbon_stock_tCO2e' | 'annual_sink_tCO2e' | 'upgrade_mu' | 'forest_area_mu') => rows.reduce((s, r) => s + r[k], 0);
    const upgrade = progress.targets.find((t) => t.id === UPGRADE_TARGET_ID)!.value;
    near(sum('upgrade_mu'), upgrade, 0.05 * rows.length);
    near(sum('forest_area_mu'), progress.county.forest_area_mu, 0.05 * rows.length);
    near(sum('carbon_stock_tCO2e'), progress.county.carbon_stock_tCO2e, 0.5 * rows.length);
    near(sum('annual_sink_tCO2e'), progress.county.annual_sink_tCO2e, 0.5 * rows.length);
    expect(progress.county.carbon_stock_by_source_tCO2e.mines).toBeGreaterThan(0); // the restored mine is in a township sum
    // density: t C of the township's forest stands per hectare of its forest area (not of its land), CO2e beside it
    for (const r of rows) {
      const t = progress.summary.byTownship[r.code]; // the township's stands
      near(r.carbon_density_tC_per_ha, t && t.forest_area_mu > 0 ? t.forest_carbon_stock_tC / (t.forest_area_mu / 15) : 0, 0.06);
      near(r.carbon_density_tCO2e_per_ha, (r.carbon_density_tC_per_ha * 44) / 12, 0.2);
      if (r.carbon_stock_tCO2e > 0) {
        expect(r.carbon_stock_lo_tCO2e).toBeLessThan(r.carbon_stock_tCO2e);
        expect(r.carbon_stock_hi_tCO2e).toBeGreaterThan(r.carbon_stock_tCO2e);
      }
    }
    const c = out.planProgress.county;
    expect(c.uncertainty.carbon_stock_tCO2e[0]).toBeLessThan(c.carbon_stock_tCO2e);
    expect(c.uncertainty.carbon_stock_tCO2e[1]).toBeGreaterThan(c.carbon_stock_tCO2e);
    expect(out.planProgress.unverified_share.annual_sink).toBe(1);
  });

  it('township-stats features carry the polygon and the same figures as the plan-progress rows', () => {
    expect(out.townshipStats.features.map((f) => f.properties.code)).toEqual(['360732100', '360732101', '360732102', '360732103']);
    for (const f of out.townshipStats.features) {
      expect(f.properties).toEqual(row(f.properties.code));
      expect(typeof f.id).toBe('number');
      expect(f.geometry.type).toBe('Polygon');
    }
  });

  it('targets keep value/target/status/shortfall but drop detail and feature ids', () => {
    expect(out.planProgress.targets.map((t) => t.id)).toEqual(progress.targets.map((t) => t.id));
    for (const [i, t] of out.planProgress.targets.entries()) {
      const src = progress.targets[i];
      expect(t.status).toBe(src.status);
      near(t.value, src.value, 0.005);
      near(t.shortfall, src.shortfall, 0.005);
      expect(t).not.toHaveProperty('detail');
      expect(t).not.toHaveProperty('feature_ids');
    }
    expect(out.planProgress.method_notes.length).toBeGreaterThan(3);
    expect(out.planProgress.county.coverage_pct).toBeCloseTo(progress.county.coverage_pct, 2);
  });

  it('projects: plan-named PV, every wind farm, the wetland park and plan-named mines, each marker inside its polygon', () => {
    const ids = out.projects.features.map((f) => f.properties.id);
    expect(ids).toEqual(['pv:pv1', 'pv:pv2', 'pv:pv3', 'pv:pv4', 'wind:w1', 'wind:w2', 'wetland:w1', 'mine:m1']);
    const layers = fixtureLayers();
    const source = (id: string) => {
      const [kind, own] = id.split(':');
      const fc = { pv: layers.pv, wind: layers.windFarms, wetland: layers.wetlands, mine: layers.mines }[kind]!;
      return fc.features.find((f) => (f.properties as { id: string }).id === own)!;
    };
    for (const f of out.projects.features) {
      const ring = (source(f.properties.id).geometry as { coordinates: number[][][] }).coordinates[0];
      const [x, y] = f.geometry.coordinates;
      const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
      expect(x).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(x).toBeLessThanOrEqual(Math.max(...xs));
      expect(y).toBeGreaterThanOrEqual(Math.min(...ys));
      expect(y).toBeLessThanOrEqual(Math.max(...ys));
      expect(f.properties.description_zh.length).toBeGreaterThan(10);
      expect(f.properties.description_en.length).toBeGreaterThan(10);
    }
    const changgang = out.projects.features.find((f) => f.properties.id === 'pv:pv1')!.properties;
    expect(changgang).toMatchObject({ kind: 'pv', capacity_mw: 200, status: '并网', township: '长冈乡' });
    expect(changgang.description_zh).toContain('200兆瓦');
  });
});
