// The siting rules against independent figures: boxes on the fixture grid (plan/fixture.testutil.ts) clipped by hand and
// measured with GeographicLib (refArea), not with measure.ts or turf. Constraint layers are squares placed beside and
// over the fixture's stands.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { computeAreas } from '../plan/layers.ts';
import { fixtureLayers, MU, refArea, standRing, STAND_SPECS } from '../plan/fixture.testutil.ts';
import { geodesicArea } from '../geo/measure.ts';
import { analyseSite } from './site-analysis.ts';
import { buildSiteIndex, type ConstraintSource } from './site-index.ts';
import { bureauRules, SITING_RULES, VERDICTS } from './siting-rules.ts';

type Box = [number, number, number, number];
const ring = ([x0, y0, x1, y1]: Box) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (b: Box): Polygon => ({ type: 'Polygon', coordinates: [ring(b)] });
const meet = (a: Box, b: Box): Box | null => {
  const r: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] < r[2] && r[1] < r[3] ? r : null;
};
const boxArea = (b: Box | null) => (b ? refArea(ring(b)) : 0);
const standBox = (i: number): Box => {
  const r = standRing(STAND_SPECS[i]);
  return [r[0][0], r[0][1], r[2][0], r[2][1]];
};
const fc = (boxes: Box[], props: Record<string, unknown> = { synthetic: true }) => ({
  type: 'FeatureCollection' as const, features: boxes.map((b, i) => ({ type: 'Feature' as const, id: i + 1, geometry: poly(b), properties: { id: `c${i}`, ...props } })),
});

// 永久基本农田 in the gap east of stand 0 (no stands there); 生态保护红线 over the west part of stand 0 (杉木, 乔木林地, 人工);
// 城镇开发边界 north of stand 0.
const FARMLAND: Box = [115.3055, 26.3, 115.3095, 26.305];
const REDLINE: Box = [115.3, 26.3, 115.303, 26.3052];
const URBAN: Box = [115.3, 26.3055, 115.305, 26.308];
const layers = fixtureLayers();
const areas = computeAreas(layers);
const constraints: Record<string, ConstraintSource> = {
  'permanent-farmland': { kind: 'permanent_farmland', name: { zh: '永久基本农田', en: 'Permanent basic farmland' }, fc: fc([FARMLAND]) as never },
  'ecological-redline': { kind: 'ecological_redline', name: { zh: '生态保护红线', en: 'Ecological red line' }, fc: fc([REDLINE]) as never },
  'urban-boundary': { kind: 'urban_boundary', name: { zh: '城镇开发边界', en: 'Urban development boundary' }, fc: fc([URBAN], {}) as never },
  'nature-reserve': { kind: 'nature-reserve', name: { zh: '自然保护地', en: 'Nature reserve' }, fc: { type: 'FeatureCollection', features: [] } },
};
const index = buildSiteIndex(layers, areas, {}, constraints);
const YEAR = 2026;

describe('siting rules', () => {
  // Over stand 0 (杉木 乔木林地 canopy 0.6), the farmland gap, part of stand 1 and the urban strip.
  const SITE: Box = [115.302, 26.3015, 115.312, 26.307];

  it('a PV site meets the 三区三线 and land-class rules with the areas of a hand clip', () => {
    const a = analyseSite(index, poly(SITE), { type: '光伏', year: YEAR, highlights: true });
    const by = (id: string) => a.siting.findings.find((f) => f.rule === id);
    expect(by('farmland-pv')!.verdict).toBe('禁止');
    expect(by('farmland-pv')!.area_mu).toBeCloseTo(boxArea(meet(SITE, FARMLAND)) / MU, 4);
    expect(by('redline-build')!.area_mu).toBeCloseTo(boxArea(meet(SITE, REDLINE)) / MU, 4);
    expect(by('urban-boundary')!.verdict).toBe('注意');
    expect(by('urban-boundary')!.area_mu).toBeCloseTo(boxArea(meet(SITE, URBAN)) / MU, 4);
    const forest = boxArea(meet(SITE, standBox(0))) + boxArea(meet(SITE, standBox(1)));
    expect(by('pv-forest')!.area_mu).toBeCloseTo(forest / MU, 4);
    const unsurveyed = boxArea(SITE) - forest;
    expect(a.siting.unsurveyed_mu).toBeCloseTo(unsurveyed / MU, 3);
    expect(by('unsurveyed-pv')!.area_mu).toBeCloseTo(unsurveyed / MU, 3);
    expect(a.siting.verdict).toBe('禁止');
    // Most serious first.
    const order = a.siting.findings.map((f) => VERDICTS.indexOf(f.verdict));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // Each highlight has the finding's area.
    for (const f of a.siting.findings) expect(geodesicArea(f.geometry) / MU).toBeCloseTo(f.area_mu, 3);
    // The layers, each with its overlap; the reserve has no polygons: listed, not checked.
    const reserve = a.siting.layers.find((l) => l.key === 'nature-reserve')!;
    expect(reserve.features).toBe(0);
    expect(a.siting.layers.find((l) => l.key === 'permanent-farmland')!.synthetic).toBe(true);
    expect(a.siting.layers.find((l) => l.key === 'urban-boundary')!.synthetic).toBe(false);
  });

  it('the same site for afforestation: farmland forbidden, existing forest flagged, the ridge and the gap as caution', () => {
    const a = analyseSite(index, poly(SITE), { type: '造林', year: YEAR });
    const rules = a.siting.findings.map((f) => `${f.rule}:${f.verdict}`);
    expect(rules).toContain('farmland-forest:禁止');
    expect(rules).toContain('redline-restore:注意');
    expect(rules).toContain('afforest-stocked:注意');
    expect(rules).not.toContain('pv-forest:禁止');
    expect(a.siting.findings.every((f) => f.geometry === null)).toBe(true); // no highlights unless asked
  });

  it('shrub cover decides PV on shrub land; natural origin decides wind on forest', () => {
    // Stand 8: 特灌林地, canopy (cover) 0.5 → the dense-shrub rule, not the open one.
    const shrub = analyseSite(index, poly(standBox(8)), { type: '光伏', year: YEAR });
    expect(shrub.siting.findings.map((f) => f.rule)).toContain('pv-shrub-dense');
    expect(shrub.siting.findings.map((f) => f.rule)).not.toContain('pv-shrub-open');
    // The same stand with 30 % cover: open shrub land, forest–PV only (需审批), not the dense-shrub ban.
    const open = buildSiteIndex({ ...layers, stands: { ...layers.stands, features: layers.stands.features.map((f, i) => (i === 8 ? { ...f, properties: { ...f.properties, canopy: 0.3 } } : f)) } } as never, areas, {}, constraints);
    const openRules = analyseSite(open, poly(standBox(8)), { type: '光伏', year: YEAR }).siting.findings.map((f) => `${f.rule}:${f.verdict}`);
    expect(openRules).toContain('pv-shrub-open:需审批');
    expect(openRules).not.toContain('pv-shrub-dense:禁止');
    const planted = analyseSite(index, poly(standBox(0)), { type: '风电', year: YEAR });
    expect(planted.siting.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['wind-forest', 'redline-build']));
    expect(planted.siting.findings.map((f) => f.rule)).not.toContain('wind-natural-forest');
    const natural = buildSiteIndex({ ...layers, stands: { ...layers.stands, features: layers.stands.features.map((f) => ({ ...f, properties: { ...f.properties, origin: '天然' } })) } } as never, areas, {}, constraints);
    expect(analyseSite(natural, poly(standBox(0)), { type: '风电', year: YEAR }).siting.findings.map((f) => f.rule)).toContain('wind-natural-forest');
  });

  it("a bureau's own constraint layer brings its rules; a site away from everything meets only the outside-inventory rule", () => {
    const reserve: Box = [115.34, 26.3, 115.345, 26.305]; // east of the fixture's stands
    const idx = buildSiteIndex(layers, areas, {}, { ...constraints, 'nature-reserve': { ...constraints['nature-reserve'], fc: fc([reserve], {}) as never } });
    const rules = [...SITING_RULES, ...bureauRules('nature-reserve', { zh: '自然保护地', en: 'Nature reserve' }, { 光伏: '禁止', 造林: '注意' })];
    const a = analyseSite(idx, poly(reserve), { type: '光伏', year: YEAR, rules });
    const f = a.siting.findings.find((x) => x.layer?.key === 'nature-reserve')!;
    expect(f.verdict).toBe('禁止');
    expect(f.basis.status).toBe('bureau');
    expect(f.area_mu).toBeCloseTo(boxArea(reserve) / MU, 4);
    const away = analyseSite(idx, poly([115.346, 26.3, 115.348, 26.302]), { type: '光伏', year: YEAR, rules });
    expect(away.siting.findings.map((x) => x.rule)).toEqual(['unsurveyed-pv']);
    expect(away.siting.verdict).toBe('注意');
  });

  it('points and lines have no siting findings', () => {
    const a = analyseSite(index, { type: 'Point', coordinates: [115.301, 26.301] }, { type: '光伏', year: YEAR });
    expect(a.siting.findings).toEqual([]);
    expect(a.siting.verdict).toBeNull();
  });
});
