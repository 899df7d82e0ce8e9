import { describe, expect, it } from 'vitest';
import { analyseSite, buildSiteIndex } from '../core/analysis/index.ts';
import { computeAreas, type PlanLayers } from '../core/plan/layers.ts';
import { geodesicArea } from '../core/geo/measure.ts';
import { comparisonCsv, compareRows } from './compare.ts';
import type { Site } from './site.ts';
import { overlapSources } from '../layers/analysis-roles.ts';

const sq = (x: number, y: number, s: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const stand = (x: number, y: number, s: number, props: Record<string, unknown>) => ({ type: 'Feature' as const, properties: props, geometry: sq(x, y, s) });

describe('site comparison', () => {
  // Two stands, one under each site; the figures come from the real analysis.
  const empty = { type: 'FeatureCollection' as const, features: [] };
  const layers = {
    county: empty, townships: empty, wetlands: empty, mines: empty, pv: empty, windFarms: empty, carbonPilots: empty, oilTeaBases: empty,
    stands: { type: 'FeatureCollection' as const, features: [
      stand(115.30, 26.30, 0.01, { id: 'a', land_class: '乔木林地', species: '杉木', age_group: '中龄林', volume_m3_per_ha: 80, stock_m3: 600, canopy: 0.6, township_code: '1', township: 'X' }),
      stand(115.40, 26.30, 0.01, { id: 'b', land_class: '乔木林地', species: '马尾松', age_group: '成熟林', volume_m3_per_ha: 120, stock_m3: 900, canopy: 0.7, township_code: '1', township: 'X' }),
    ] },
  } as unknown as PlanLayers;
  const index = buildSiteIndex(layers, computeAreas(layers), overlapSources(layers));
  const site = (id: string, g: ReturnType<typeof sq>, type: Site['type']): Site => ({ id, name: id, type, note: '', geometry: g, origin: '', created: 0, updated: 0 });
  const a = site('甲', sq(115.302, 26.302, 0.004), '光伏');
  const b = site('乙', sq(115.402, 26.302, 0.006), '造林');
  const items = [a, b].map((s) => ({ site: s, analysis: analyseSite(index, s.geometry, { type: s.type, year: 2025 }) }));

  it('puts each measure in a row with one value per site, rounded once', () => {
    expect(items.every((i) => i.analysis.stands.area_mu > 1)).toBe(true);
    const rows = compareRows(items, 'zh');
    const area = rows.find((r) => r.key === 'area_mu')!;
    expect(area.values).toEqual([a, b].map((s) => Math.round((geodesicArea(s.geometry) / (10000 / 15)) * 100) / 100));
    const stands = rows.find((r) => r.key === 'stands_mu')!;
    expect(stands.values).toEqual(items.map((i) => Math.round(i.analysis.stands.area_mu * 100) / 100));
    // Only the afforestation site has a with/without curve.
    expect(rows.find((r) => r.key === 'with_20y')!.values[0]).toBeNull();
    expect(rows.find((r) => r.key === 'with_20y')!.values[1]).toBe(Math.round(items[1].analysis.comparison!.rows.find((r) => r.years === 20)!.with_tCO2e * 10) / 10);
  });
  it('writes the same figures to CSV, one row per site', () => {
    const lines = comparisonCsv(items).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('面积（亩） area_mu');
    const rows = compareRows(items, 'zh');
    expect(lines[2].split(',')[2]).toBe(String(rows[0].values[1]));
  });
  it('adds the siting verdict and rules and the signed carbon effect by type', () => {
    const rows = compareRows(items, 'en');
    const row = (k: string) => rows.find((r) => r.key === k)!.values;
    // PV on forest: forbidden (arbor forest land), losses negative, avoided emissions positive; afforestation on forest:
    // flagged as caution, no loss, the forest kept and no land to gain on.
    expect(row('siting_verdict')).toEqual(['Forbidden', 'Caution']);
    expect(String(row('siting_rules')[0])).toContain('Forbidden: PV arrays may not use arbor or bamboo forest land');
    expect(items[0].analysis.stands.carbon_stock_tCO2e).toBeGreaterThan(10);
    expect(row('stock_change_tCO2e')[0]).toBeCloseTo(-items[0].analysis.stands.carbon_stock_tCO2e, 1);
    expect(row('stock_change_tCO2e')[1]).toBe(0);
    expect(row('avoided_tCO2_per_yr')[0]).toBeGreaterThan(0);
    expect(row('avoided_tCO2_per_yr')[1]).toBeNull();
    expect(row('kept_mu')).toEqual([null, Math.round(items[1].analysis.stands.area_mu * 100) / 100]);
    expect(row('eligible_mu')).toEqual([null, 0]);
    const csv = comparisonCsv(items).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toContain('选址结论 siting_verdict');
    expect(csv[1]).toContain('禁止 / Forbidden');
  });
});
