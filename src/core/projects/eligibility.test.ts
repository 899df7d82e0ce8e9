// The eligibility rules on hand-made parcels: each parcel is drawn to fail one rule (or pass all), against a hand-made
// inventory, wetland, county outline and another project. Areas are GeographicLib's (refArea).
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { refArea, square } from '../plan/fixture.testutil.ts';
import { checkParcel, ruleLandCover, ruleScope, RULES, RULE_IDS, significant, type RuleId } from './eligibility.ts';
import { projectContext } from './context.ts';
import { parseProject, type ProjectFile } from './format.ts';
import { overlayProject, type ParcelOverlay } from './overlay.ts';

const fc = (features: Feature<Polygon>[]): FeatureCollection<Polygon> => ({ type: 'FeatureCollection', features });
const poly = (ring: number[][], properties: Record<string, unknown> = {}): Feature<Polygon> => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties });
const stand = (id: string, ring: number[][], p: Record<string, unknown>) => poly(ring, { id, species: '无', origin: '人工', age_group: null, canopy: 0, stock_m3: 0, ...p });

// A row of 0.004° squares (~400 m × 445 m) at 26.3°N, one per land class.
const cell = (i: number) => square(115.3 + i * 0.005, 26.3, 0.004);
const STANDS = fc([
  stand('yl', cell(0), { land_class: '宜林地' }),
  stand('forest', cell(1), { land_class: '乔木林地', species: '杉木', age_group: '中龄林', canopy: 0.6, stock_m3: 900 }),
  stand('sparse', cell(2), { land_class: '乔木林地', species: '杉木', age_group: '幼龄林', canopy: 0.15, stock_m3: 50 }), // canopy < 0.2: not forest
  stand('cut', cell(3), { land_class: '迹地' }),
  stand('nursery', cell(4), { land_class: '苗圃地' }),
  stand('bamboo', cell(5), { land_class: '竹林地', species: '毛竹', canopy: 0.7 }),
  stand('teguan', cell(6), { land_class: '特灌林地', species: '灌木', canopy: 0.5 }),
  stand('shrub', cell(7), { land_class: '一般灌木林地', species: '灌木', canopy: 0.4 }),
]);
const WETLAND = fc([poly(square(115.3, 26.31, 0.004), { name: '潋江湿地' })]);
const COUNTY = fc([poly(square(115.29, 26.29, 0.1))]);
const OTHER_RING = square(115.3, 26.32, 0.004);

const design = { id: 'D', species: [{ group: '杉木', share: 1 }], density_per_ha: 2500, planting_year: 2026, site_class: 'II' };
const parcel = (id: string, ring: number[][], extra: Record<string, unknown> = {}) => ({ id, design: 'D', geometry: { type: 'Polygon', coordinates: [ring] }, organic_soil: false, ...extra });

const PARCELS = [
  parcel('ok', cell(0)), // 宜林地: passes everything it can
  parcel('forest', cell(1)), // 乔木林地 canopy 0.6: forest
  parcel('sparse', cell(2)), // 乔木林地 canopy 0.15: not forest, passes
  parcel('cut', cell(3)), // 迹地: unknown (temporarily unstocked?)
  parcel('nursery', cell(4)), // 苗圃地: fails land class
  parcel('bamboo', cell(5)), // 竹林地: forest
  parcel('teguan', cell(6)), // 特灌林地: forest
  parcel('shrub', cell(7), { shrub_removal_share: 0.3 }), // 一般灌木林地: land class passes; removing 30 % of shrubs fails
  parcel('wet', square(115.3, 26.31, 0.004)), // on the wetland
  parcel('outside', square(115.385, 26.3, 0.01)), // half outside the county (its east edge is 115.39)
  parcel('other', OTHER_RING), // on another project
  parcel('dup', cell(0)), // the same land as parcel ok
  parcel('tiny', square(115.3, 26.33, 0.0001)), // ~10 m × 11 m
  parcel('organic', square(115.3, 26.34, 0.004), { organic_soil: true }),
  parcel('farmland', square(115.35, 26.34, 0.004), { organic_soil: null }), // outside the inventory: unknown land class and soil
];

function run(extra: Partial<ProjectFile> = {}) {
  const project = parseProject({ format: 'xingguo-carbon-project', version: 1, name: 'rules', start_date: '2026-03-01', crediting_years: 20, designs: [design], parcels: PARCELS, ...extra });
  const ctx = projectContext({ stands: STANDS, wetlands: [WETLAND], county: COUNTY }, {
    otherProjects: [{ id: 'other-project', name: '另一个项目', parcels: [{ id: 'Q1', geometry: { type: 'Polygon', coordinates: [OTHER_RING] } }] }],
  });
  const overlays = overlayProject(project, ctx);
  const results = project.parcels.map((p, i) => checkParcel(p, overlays[i], project, { inventoryLoaded: true, wetlandsLoaded: true, otherProjectsLoaded: true }));
  return { overlays, results, byId: new Map(results.map((r) => [r.id, r])) };
}

const statusOf = (r: ReturnType<typeof run>, id: string, rule: RuleId) => r.byId.get(id)!.rules.find((x) => x.rule === rule)!.status;

describe('eligibility rules on hand-made parcels', () => {
  const r = run();

  it('lists every rule for every parcel, each with its quote and source', () => {
    for (const p of r.results) expect(p.rules.map((x) => x.rule)).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) {
      expect(RULES[id].quote.length, id).toBeGreaterThan(5);
      expect(RULES[id].source.length, id).toBeGreaterThan(5);
    }
    expect(RULES.wetland.quote).toBe('项目土地不属于湿地');
    expect(RULES.min_area.quote).toMatch(/不小于400m2/);
  });

  it('a parcel on 宜林地 inside the county passes; the rules the data cannot decide are unknown, never pass', () => {
    const ok = r.byId.get('ok')!;
    expect(ok.eligible).toBe(true);
    expect(ok.failed).toEqual([]);
    expect(statusOf(r, 'ok', 'land_class')).toBe('pass');
    expect(statusOf(r, 'ok', 'history_3y')).toBe('unknown');
    expect(statusOf(r, 'ok', 'tenure')).toBe('unknown');
    expect(statusOf(r, 'ok', 'land_cover')).toBe('skipped');
    expect(ok.area_m2).toBeCloseTo(refArea(cell(0)), 0);
  });

  it('stands meeting the forest definition fail not_forest: 乔木林地 with canopy ≥ 0.2, 竹林地, 特灌林地; canopy 0.15 does not', () => {
    for (const id of ['forest', 'bamboo', 'teguan']) {
      expect(r.byId.get(id)!.failed, id).toEqual(['not_forest']);
    }
    expect(r.byId.get('forest')!.rules.find((x) => x.rule === 'not_forest')!.reason).toMatch(/forest 乔木林地 郁闭度 0\.6|forest definition/);
    expect(r.byId.get('sparse')!.eligible).toBe(true);
    expect(statusOf(r, 'sparse', 'not_forest')).toBe('pass');
  });

  it('land class: 苗圃地 fails, 迹地 and land outside the inventory are unknown, 一般灌木林地 passes', () => {
    expect(r.byId.get('nursery')!.failed).toEqual(['land_class']);
    expect(statusOf(r, 'cut', 'land_class')).toBe('unknown');
    expect(r.byId.get('cut')!.eligible).toBe(true);
    expect(statusOf(r, 'farmland', 'land_class')).toBe('unknown');
    expect(statusOf(r, 'farmland', 'organic_soil')).toBe('unknown');
    expect(statusOf(r, 'shrub', 'land_class')).toBe('pass');
  });

  it('wetland, outside the county, another project, a parcel of the same project, too small, organic soil, too much shrub removal', () => {
    expect(r.byId.get('wet')!.failed).toContain('wetland');
    expect(r.byId.get('outside')!.failed).toContain('in_county');
    const out = r.overlays.find((o) => o.id === 'outside')!;
    // the county's east edge 115.39 cuts the 0.01° square from 115.385: half of it lies outside
    expect(out.outside_county_m2! / out.area_m2).toBeCloseTo(0.5, 2);
    expect(r.byId.get('other')!.failed).toEqual(['no_overlap_projects']);
    expect(r.byId.get('dup')!.failed).toEqual(['no_overlap_parcels']); // the earlier parcel (ok) keeps the land
    expect(r.byId.get('tiny')!.failed).toEqual(['min_area']);
    expect(r.byId.get('organic')!.failed).toEqual(['organic_soil']);
    expect(r.byId.get('shrub')!.failed).toEqual(['shrub_removal']);
  });

  it('projects that started in 2019 or before need 667 m² parcels (CCER-14-001 2 c)', () => {
    const small = square(115.3, 26.35, 0.00024); // ≈ 24 m × 27 m ≈ 640 m²
    const area = refArea(small);
    expect(area).toBeGreaterThan(400);
    expect(area).toBeLessThan(667);
    const designOld = { ...design, planting_year: 2019 };
    const before = parseProject({ format: 'xingguo-carbon-project', version: 1, name: 'old', start_date: '2019-06-01', crediting_years: 20, designs: [designOld], parcels: [parcel('s', small)] });
    const after = parseProject({ format: 'xingguo-carbon-project', version: 1, name: 'new', start_date: '2020-01-01', crediting_years: 20, designs: [{ ...design, planting_year: 2020 }], parcels: [parcel('s', small)] });
    const ctx = projectContext({}, {});
    const inputs = { inventoryLoaded: false, wetlandsLoaded: false, otherProjectsLoaded: false };
    expect(checkParcel(before.parcels[0], overlayProject(before, ctx)[0], before, inputs).failed).toEqual(['min_area']);
    expect(checkParcel(after.parcels[0], overlayProject(after, ctx)[0], after, inputs).failed).toEqual([]);
  });

  it('an economic-forest design (油茶) fails scope; the land-cover raster refuses forest, water and built-up majorities', () => {
    const o: ParcelOverlay = { id: 'x', area_m2: 1e4, stands: [], wetland_m2: 0, outside_county_m2: 0, other_projects: [], same_project: [] };
    expect(ruleScope({ ...design, species: [{ group: '油茶', share: 1 }] } as never, o).status).toBe('fail');
    expect(ruleScope(design as never, { ...o, land_cover: { built: 0.6 } }).status).toBe('fail');
    expect(ruleLandCover({ ...o, land_cover: { forest: 0.55 } }).status).toBe('fail');
    expect(ruleLandCover({ ...o, land_cover: { forest: 0.2, cropland: 0.8 } }).status).toBe('pass');
    expect(ruleLandCover({ ...o, land_cover: null }).status).toBe('unknown');
    expect(ruleLandCover(o).status).toBe('skipped');
  });

  it('the land-cover lookup plugs in: a parcel the raster shows as forest fails', () => {
    const project = parseProject({ format: 'xingguo-carbon-project', version: 1, name: 'lc', start_date: '2026-03-01', crediting_years: 20, designs: [design], parcels: [parcel('ok', cell(0))] });
    const ctx = projectContext({ stands: STANDS }, { landCover: ({ id }) => (id === 'ok' ? { forest: 0.7, other: 0.3 } : null) });
    const res = checkParcel(project.parcels[0], overlayProject(project, ctx)[0], project, { inventoryLoaded: true, wetlandsLoaded: false, otherProjectsLoaded: false });
    expect(res.failed).toEqual(['land_cover']);
  });

  it('slivers along a shared edge are not overlaps (1 % of the parcel and 400 m² both needed)', () => {
    expect(significant(399, 1e4)).toBe(false);
    expect(significant(500, 1e6)).toBe(false); // 0.05 %
    expect(significant(500, 1e4)).toBe(true);
    // a parcel sticking 0.00002° (~2 m) into the forest stand: a sliver of ~900 m² on a ~18 ha parcel
    const ring = [[115.3, 26.3], [115.30402, 26.3], [115.30402, 26.304], [115.3, 26.304], [115.3, 26.3]];
    const res = run({ parcels: [parcel('edge', ring)] } as never);
    expect(res.byId.get('edge')!.eligible).toBe(true);
  });
});
