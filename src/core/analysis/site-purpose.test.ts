// What each site type means for carbon, against src/core/carbon computed here on hand-clipped areas (GeographicLib):
// PV clears stands (losses) and avoids emissions; afforestation gains on eligible land only, keeps existing forest
// (flagged, not a loss) and leaves out wetland and land under a 禁止 rule.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { avoidedEmissions } from '../carbon/avoided.ts';
import { DEFAULT_FACTORS } from '../carbon/factors.ts';
import { afforestationCarbon, mineCarbon } from '../carbon/other-sinks.ts';
import { computeAreas } from '../plan/layers.ts';
import { fixtureLayers, MU, refArea, standRing, STAND_SPECS } from '../plan/fixture.testutil.ts';
import { analyseSite } from './site-analysis.ts';
import { buildSiteIndex } from './site-index.ts';
import { SITE_PURPOSES } from './site-purpose.ts';
import { SITE_TYPES } from './site-types.ts';

type Box = [number, number, number, number];
const ring = ([x0, y0, x1, y1]: Box) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (b: Box): Polygon => ({ type: 'Polygon', coordinates: [ring(b)] });
const standBox = (i: number): Box => {
  const r = standRing(STAND_SPECS[i]);
  return [r[0][0], r[0][1], r[2][0], r[2][1]];
};
const layers = fixtureLayers();
const FARMLAND: Box = [115.305, 26.31, 115.3095, 26.314]; // the gap east of stand 4 (row 1, column 0)
const index = buildSiteIndex(layers, computeAreas(layers), { wetlands: layers.wetlands }, {
  farmland: { kind: 'permanent_farmland', name: { zh: '永久基本农田', en: 'Permanent basic farmland' }, fc: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: poly(FARMLAND), properties: {} }] } },
});
const YEAR = 2026;
const f = DEFAULT_FACTORS;

describe('what each site type means for carbon', () => {
  it('every type has an entry; types that add carbon keep the stands, the others clear them', () => {
    for (const t of SITE_TYPES) expect(SITE_PURPOSES[t]).toBeDefined();
    for (const t of SITE_TYPES) expect(SITE_PURPOSES[t].stands === 'kept').toBe(SITE_PURPOSES[t].gain !== null);
  });

  it('PV over forest: stock and sink taken as losses (negative), avoided emissions apart (positive)', () => {
    const a = analyseSite(index, poly(standBox(0)), { type: '光伏', year: YEAR });
    expect(a.stands.carbon_stock_tCO2e).toBeGreaterThan(0);
    expect(a.carbon.stock_change_tCO2e).toBeCloseTo(-a.stands.carbon_stock_tCO2e, 9);
    expect(a.carbon.sink_change_tCO2e).toBeCloseTo(-a.stands.annual_sink_tCO2e, 9);
    const ha = refArea(ring(standBox(0))) / 1e4;
    const expected = avoidedEmissions(ha / 1.8, 'pv', f);
    expect(a.carbon.avoided!.capacity_mw).toBeCloseTo(ha / 1.8, 6);
    expect(a.carbon.avoided!.avoided_tco2_per_yr).toBeCloseTo(expected.avoided_tco2_per_yr, 4);
    expect(a.carbon.avoided!.avoided_tco2_per_yr).toBeGreaterThan(0);
    expect(a.comparison).toBeNull();
    expect(a.carbon.eligible_mu).toBe(0);
  });

  it('afforestation on existing forest: flagged and kept, no loss and no gain', () => {
    const a = analyseSite(index, poly(standBox(0)), { type: '造林', year: YEAR });
    const mu = refArea(ring(standBox(0))) / MU;
    expect(a.carbon.stock_change_tCO2e).toBe(0);
    expect(a.carbon.sink_change_tCO2e).toBe(0);
    expect(a.carbon.kept_mu).toBeCloseTo(mu, 4);
    expect(a.carbon.kept_stock_tCO2e).toBeCloseTo(a.stands.carbon_stock_tCO2e, 6);
    expect(a.carbon.eligible_mu).toBeCloseTo(0, 6);
    for (const r of a.comparison!.rows) expect(r.added_tCO2e).toBeCloseTo(0, 6);
    expect(a.siting.findings.find((x) => x.rule === 'afforest-stocked')!.area_mu).toBeCloseTo(mu, 4);
  });

  it('afforestation on bare land (宜林地 and land outside the inventory): the gain follows the afforestation curve', () => {
    const b = standBox(7); // 宜林地
    const site: Box = [b[0], b[1], b[2] + 0.002, b[3]];
    const a = analyseSite(index, poly(site), { type: '造林', year: YEAR });
    const m2 = refArea(ring(site));
    expect(a.carbon.eligible_mu).toBeCloseTo(m2 / MU, 4);
    expect(a.carbon.kept_mu).toBe(0);
    for (const r of a.comparison!.rows) {
      expect(r.added_tCO2e).toBeCloseTo(afforestationCarbon(m2, YEAR, YEAR + r.years, f).carbon_stock_tCO2e, 3);
      expect(r.added_tCO2e).toBeGreaterThan(0);
      expect(r.without_tCO2e).toBe(0);
    }
    expect(a.siting.findings.map((x) => `${x.rule}:${x.verdict}`)).toEqual(expect.arrayContaining(['afforest-bare:允许', 'unsurveyed-afforest:注意']));
  });

  it('afforestation across forest, farmland and open land: the gain counts the open land only', () => {
    // Stand 4 (油茶, 乔木林地) and the farmland gap east of it, and open land north of both.
    const s4 = standBox(4);
    const site: Box = [s4[0], s4[1], 115.3095, s4[3] + 0.003];
    const a = analyseSite(index, poly(site), { type: '碳汇造林', year: YEAR });
    const whole = refArea(ring(site));
    const forest = refArea(ring(s4));
    const farmland = refArea(ring([FARMLAND[0], FARMLAND[1], FARMLAND[2], FARMLAND[3]]));
    expect(a.carbon.kept_mu).toBeCloseTo(forest / MU, 4);
    expect(a.carbon.eligible_mu).toBeCloseTo((whole - forest - farmland) / MU, 3);
    expect(a.siting.findings.map((x) => `${x.rule}:${x.verdict}`)).toEqual(expect.arrayContaining(['farmland-forest:禁止', 'carbon-afforest-stocked:禁止']));
  });

  it('restoration gains by the mine model; wetland is never counted', () => {
    // Wetland w3 = square(115.33, 26.32, 0.005); the site covers its west part and open land west of it.
    const site: Box = [115.327, 26.32, 115.333, 26.326];
    const a = analyseSite(index, poly(site), { type: '修复', year: YEAR });
    const open = refArea(ring(site)) - refArea(ring([115.33, 26.32, 115.333, 26.325]));
    expect(a.carbon.eligible_mu).toBeCloseTo(open / MU, 3);
    expect(a.comparison!.method).toBe('mine_restoration');
    expect(a.comparison!.rows[2].added_tCO2e).toBeCloseTo(mineCarbon(open, YEAR, YEAR + 30, f).carbon_stock_tCO2e, 2);
  });
});
