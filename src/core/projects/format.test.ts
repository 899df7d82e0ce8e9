// Bad project files: the message names the field by its path and says what is wrong.
import { describe, expect, it } from 'vitest';
import { parseProject, parseProjectText, ProjectFileError } from './format.ts';

const ring = [[115.3, 26.3], [115.31, 26.3], [115.31, 26.31], [115.3, 26.31], [115.3, 26.3]];
const good = () => ({
  format: 'xingguo-carbon-project', version: 1, name: 'p', start_date: '2026-03-01', crediting_years: 30,
  designs: [{ id: 'D1', species: [{ group: '杉木', share: 0.6 }, { group: '荷木', share: 0.4 }], density_per_ha: 2500, planting_year: 2026 }],
  parcels: [{ id: 'P1', design: 'D1', geometry: { type: 'Polygon', coordinates: [ring] } }],
});

function problem(mutate: (p: ReturnType<typeof good>) => void): string {
  const p = good();
  mutate(p);
  try {
    parseProject(p);
  } catch (e) {
    expect(e).toBeInstanceOf(ProjectFileError);
    return (e as Error).message;
  }
  throw new Error('accepted a bad project');
}

describe('parseProject', () => {
  it('accepts a good file and fills the defaults; species names map onto groups (荷木 → 木荷)', () => {
    const p = parseProject(good());
    expect(p.pools).toEqual(['trees']);
    expect(p.designs[0].site_class).toBe('II');
    expect(p.designs[0].species.map((s) => s.group)).toEqual(['杉木', '木荷']);
    expect(p.parcels[0]).toMatchObject({ name: 'P1', source: { kind: 'drawn' }, shrub_removal_share: 0.2, organic_soil: null, leakage: { displaced_ha: 0, destination_tCO2e_per_ha: 0 } });
    expect(p.options).toEqual({ uncertainty_deduction: 'ar-tool14', mc_draws: 1000, mc_seed: 20261130 });
    expect(p.value).toEqual({ price_cny_per_tCO2e: null, discount_rate: null, costs: [] });
  });

  it('names the bad field', () => {
    expect(problem((p) => { (p as Record<string, unknown>).format = 'x'; })).toMatch(/^format: must be "xingguo-carbon-project"/);
    expect(problem((p) => { p.start_date = '2026-02-30'; })).toMatch(/^start_date: must be a date YYYY-MM-DD/);
    expect(problem((p) => { p.crediting_years = 15; })).toMatch(/^crediting_years: must be a whole number from 20 to 60 \(got 15\)/);
    expect(problem((p) => { p.crediting_years = 61; })).toMatch(/^crediting_years: .*from 20 to 60/);
    expect(problem((p) => { p.designs[0].species[1].share = 0.5; })).toMatch(/^designs\[0\]\.species: shares must sum to 1 \(they sum to 1\.1\)/);
    expect(problem((p) => { p.designs[0].species[0].group = '银杏王'; })).toMatch(/^designs\[0\]\.species\[0\]\.group: "银杏王" is not a species/);
    expect(problem((p) => { p.designs[0].species[0].group = '毛竹'; })).toMatch(/^designs\[0\]\.species\[0\]\.group: .*not modelled/);
    expect(problem((p) => { p.designs[0].planting_year = 2025; })).toMatch(/^designs\[0\]\.planting_year: must be a whole number from 2026 to 2055/);
    expect(problem((p) => { (p.designs[0] as Record<string, unknown>).site_class = 'IV'; })).toMatch(/^designs\[0\]\.site_class: must be I, II, III/);
    expect(problem((p) => { p.parcels[0].design = 'D9'; })).toMatch(/^parcels\[0\]\.design: names no design \(designs: D1\)/);
    expect(problem((p) => { p.parcels[0].geometry = { type: 'Point', coordinates: [115, 26] } as never; })).toMatch(/^parcels\[0\]\.geometry: must be a Polygon or MultiPolygon \(got Point\)/);
    expect(problem((p) => { p.parcels[0].geometry.coordinates = [[[115.3, 26.3], [115.31, 26.31], [115.31, 26.3], [115.3, 26.31], [115.3, 26.3]]]; })).toMatch(/^parcels\[0\]\.geometry: .*(cross|intersect)/);
    expect(problem((p) => { p.parcels.push({ ...p.parcels[0] }); })).toMatch(/^parcels: parcel id P1 is used twice/);
    expect(problem((p) => { (p as Record<string, unknown>).pools = ['shrubs']; })).toMatch(/^pools: must include trees/);
    expect(problem((p) => { (p as Record<string, unknown>).value = { price_cny_per_tCO2e: { low: 80, central: 70, high: 90 } }; })).toMatch(/^value\.price_cny_per_tCO2e\.central: must be a number ≥ 80/);
    expect(problem((p) => { (p as Record<string, unknown>).options = { uncertainty_deduction: 'half' }; })).toMatch(/^options\.uncertainty_deduction: must be ar-tool14 or none/);
  });

  it('JSON syntax errors and non-objects are ProjectFileErrors too', () => {
    expect(() => parseProjectText('{"format":')).toThrow(/^not valid JSON/);
    expect(() => parseProjectText('[1]')).toThrow(/a project file is one JSON object/);
  });
});
