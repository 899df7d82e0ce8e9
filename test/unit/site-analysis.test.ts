// Site analysis against independent figures: rectangles on the fixture grid are clipped by hand (box intersection)
// and measured with GeographicLib (refArea), not with turf or measure.ts.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { analyseSite, buildSiteIndex, SiteGeometryError } from '../../src/core/analysis/index.ts';
import { afforestationCarbon, DEFAULT_FACTORS, standCarbon } from '../../src/core/carbon/index.ts';
import { computeAreas } from '../../src/core/plan/layers.ts';
import { fixtureLayers, MU, refArea, standRing, STAND_SPECS } from '../../src/core/plan/fixture.testutil.ts';
import { overlapSources } from '../../src/layers/analysis-roles.ts';

type Box = [number, number, number, number];
const rect = ([x0, y0, x1, y1]: Box) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (b: Box): Polygon => ({ type: 'Polygon', coordinates: [rect(b)] });
const meet = (a: Box, b: Box): Box | null => {
  const r: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] < r[2] && r[1] < r[3] ? r : null;
};
const standBox = (i: number): Box => {
  const ring = standRing(STAND_SPECS[i]);
  return [ring[0][0], ring[0][1], ring[2][0], ring[2][1]];
};

const layers = fixtureLayers();
const areas = computeAreas(layers);
const index = buildSiteIndex(layers, areas, overlapSources(layers));
const YEAR = 2026;

describe('site analysis', () => {
  // Covers parts of stands 0, 1, 4, 5 (column 0–1, rows 0–1) and the township boundary at 115.32 is not crossed.
  const site: Box = [115.3025, 26.3025, 115.3125, 26.3125];

  it('stand overlap area and carbon match a hand clip measured with GeographicLib', () => {
    const a = analyseSite(index, poly(site), { type: '光伏', year: YEAR });
    let mu = 0, carbon = 0, stock = 0;
    const bySpecies: Record<string, number> = {};
    STAND_SPECS.forEach((_spec, i) => {
      const part = meet(site, standBox(i));
      if (!part) return;
      const partM2 = refArea(rect(part));
      const wholeM2 = refArea(rect(standBox(i)));
      const p = layers.stands.features[i].properties;
      const s = p.stock_m3 * (partM2 / wholeM2);
      const c = standCarbon({ species: p.species, age_group: p.age_group, stock_m3: s, area_m2: partM2, origin: p.origin, carbon_afforestation: p.carbon_afforestation, afforestation_year: p.afforestation_year, oil_tea_work: p.oil_tea_work, oil_tea_year: p.oil_tea_year }, DEFAULT_FACTORS, { method: 'ipcc_bef', year: YEAR });
      mu += partM2 / MU;
      stock += s;
      carbon += c.carbon_stock_tCO2e;
      bySpecies[c.species_group] = (bySpecies[c.species_group] ?? 0) + partM2 / MU;
    });
    expect(mu).toBeGreaterThan(10);
    expect(a.area_mu).toBeCloseTo(refArea(rect(site)) / MU, 6);
    expect(a.stands.area_mu).toBeCloseTo(mu, 4);
    expect(a.stands.stock_m3).toBeCloseTo(stock, 3);
    expect(a.stands.carbon_stock_tCO2e).toBeCloseTo(carbon, 3);
    for (const row of a.stands.bySpecies) expect(row.area_mu).toBeCloseTo(bySpecies[row.key], 4);
    expect(a.stands.bySpecies.reduce((s, r) => s + r.area_mu, 0)).toBeCloseTo(mu, 4);
  });

  it('the index and a full scan give the same figures', () => {
    const fast = analyseSite(index, poly(site), { type: '其他', year: YEAR });
    const slow = analyseSite(index, poly(site), { type: '其他', year: YEAR, naive: true });
    expect(fast.stands).toEqual(slow.stands);
    expect(fast.overlaps).toEqual(slow.overlaps);
    expect(fast.candidates).toBeLessThanOrEqual(slow.candidates);
  });

  it('wetland overlap is split by township and flagged', () => {
    // Wetland w1 = square(115.30, 26.32, 0.004) in 潋江镇; take its east half.
    const s: Box = [115.302, 26.319, 115.305, 26.325];
    const a = analyseSite(index, poly(s), { type: '光伏', year: YEAR });
    const wet = a.overlaps.find((o) => o.layer === 'wetlands')!;
    const expected = refArea(rect(meet(s, [115.3, 26.32, 115.304, 26.324])!)) / MU;
    expect(wet.area_mu).toBeCloseTo(expected, 4);
    expect(wet.byTownship).toHaveLength(1);
    expect(wet.byTownship[0]).toMatchObject({ code: '360732100', name: '潋江镇', count: 1 });
    const flag = a.conflicts.find((c) => c.kind === 'wetland')!;
    expect(flag.severity).toBe('block');
    expect(flag.zh).toContain('湿地公园');
  });

  it('flags 封育 and 碳汇造林 stands', () => {
    const fengyu = analyseSite(index, poly(standBox(8)), { type: '风电', year: YEAR });
    expect(fengyu.conflicts.map((c) => c.kind)).toContain('fengyu');
    expect(fengyu.stands.fengyu_mu).toBeCloseTo(refArea(rect(standBox(8))) / MU, 4);
    const pilot = analyseSite(index, poly(standBox(6)), { type: '光伏', year: YEAR });
    expect(pilot.conflicts.find((c) => c.kind === 'carbon_afforestation')?.area_mu).toBeCloseTo(refArea(rect(standBox(6))) / MU, 4);
  });

  it('afforestation site: with/without at 10, 20, 30 years on the plantable part only', () => {
    // Stand 7 is 宜林地 (plantable); extend the site east onto land without stands.
    const b = standBox(7);
    const s: Box = [b[0], b[1], b[2] + 0.002, b[3]];
    const a = analyseSite(index, poly(s), { type: '造林', year: YEAR });
    const plantable = refArea(rect(s));
    expect(a.comparison!.plantable_mu).toBeCloseTo(plantable / MU, 4);
    expect(a.comparison!.rows.map((r) => r.years)).toEqual([10, 20, 30]);
    for (const r of a.comparison!.rows) {
      expect(r.added_tCO2e).toBeCloseTo(afforestationCarbon(plantable, YEAR, YEAR + r.years, DEFAULT_FACTORS).carbon_stock_tCO2e, 3);
      expect(r.added_tCO2e).toBeGreaterThan(0);
    }
    // PV sites get no comparison.
    expect(analyseSite(index, poly(s), { type: '光伏', year: YEAR }).comparison).toBeNull();
  });

  it('refuses a self-intersecting site with a message and measures lines without overlap', () => {
    const bow: Polygon = { type: 'Polygon', coordinates: [[[115.3, 26.3], [115.31, 26.31], [115.31, 26.3], [115.3, 26.31], [115.3, 26.3]]] };
    expect(() => analyseSite(index, bow, { type: '其他' })).toThrow(SiteGeometryError);
    expect(() => analyseSite(index, bow, { type: '其他' })).toThrow(/self-intersection/);
    const line = analyseSite(index, { type: 'LineString', coordinates: [[115.3, 26.3], [115.31, 26.3]] }, { type: '其他' });
    expect(line.areal).toBe(false);
    expect(line.length_m).toBeGreaterThan(990);
    expect(line.stands.area_mu).toBe(0);
  });
});
