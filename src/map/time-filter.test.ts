// The year control's filters and colours, evaluated by MapLibre's own filter engine on features like the data's,
// against a plain reading of the registry rule (done in the data and dated ≤ the year).
import { createExpression, featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { DATA_AS_OF_YEAR } from '../core/plan/years.ts';
import { LAYERS, layerById } from '../layers/registry.ts';
import { medianYear } from '../../scripts/tiles/aggregate.ts';
import { styleLayers } from './style-layers.ts';
import { HATCH_IMAGE, yearStyle } from './time-filter.ts';

const passes = (filter: unknown, properties: Record<string, unknown>) =>
  featureFilter(filter as never, 'layers[0].filter').filter({ zoom: 12 } as never, { type: 3, properties } as never);

function colour(expr: unknown, properties: Record<string, unknown>): string {
  const parsed = createExpression(expr as never, { type: 'color', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 9 }, { type: 3, properties } as never) as string | { r: number; g: number; b: number };
  if (typeof c === 'string') return c.toLowerCase(); // maplibre-gl 6 keeps colour literals as given
  return '#' + [c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('');
}

const stands = [2021, 2022, 2023, 2024, 2025].map((y) => ({ upgrade_type: '补植', upgrade_year: y }));

describe('year control → MapLibre filters', () => {
  it('upgraded stands: exactly those upgraded by the end of the year, for every year 2020–2025', () => {
    const layer = layerById('stands-upgrade');
    for (let year = 2020; year <= 2025; year++) {
      const s = yearStyle(layer, year)!;
      const shown = stands.filter((p) => passes(['all', layer.filter, s.main], p)).map((p) => p.upgrade_year);
      expect(shown).toEqual(stands.filter((p) => p.upgrade_year <= year).map((p) => p.upgrade_year));
      expect(stands.some((p) => passes(s.planned, p))).toBe(false); // nothing hatched up to the as-of year
    }
  });

  it('PV: connected plants count from their grid year; undated connected plants count always; later ones drawn pending', () => {
    const layer = layerById('pv');
    const pv = [
      { status: '并网', grid_year: 2023 }, { status: '并网', grid_year: 2024 }, { status: '并网', grid_year: null }, { status: '在建', grid_year: null }, { status: '规划' },
    ];
    const s = yearStyle(layer, 2023)!;
    expect(s.main).toBeNull(); // every plant stays on the map before the as-of year …
    const expr = s.pendingColour!('#000000');
    expect(pv.map((p) => colour(expr, p))).toEqual(['#000000', layer.time!.pendingColour, '#000000', '#000000', '#000000']); // … the 2024 one still pending
    // After the as-of year: done plants filled, the rest hatched as planned.
    const later = yearStyle(layer, DATA_AS_OF_YEAR + 1)!;
    expect(pv.map((p) => passes(later.main, p))).toEqual([true, true, true, false, false]);
    expect(pv.map((p) => passes(later.planned, p))).toEqual([false, false, false, true, true]);
  });

  it('gas coverage: supplied townships in every year, the 2030 ones planned after the as-of year', () => {
    const layer = layerById('gas-coverage');
    const towns = [{ gas_status: '已通气' }, { gas_status: '规划2030' }];
    const s = yearStyle(layer, 2030)!;
    expect(towns.map((p) => passes(s.main, p))).toEqual([true, false]);
    expect(towns.map((p) => passes(s.planned, p))).toEqual([false, true]);
  });

  it('every time-aware layer has hatched planned layers that start empty, and the filters parse', () => {
    const timed = LAYERS.filter((l) => l.time);
    expect(timed.map((l) => l.id)).toEqual(expect.arrayContaining(['stands-upgrade', 'carbon-pilots', 'oil-tea-bases', 'mines', 'pv', 'wind-farms', 'wetlands', 'gas-coverage']));
    for (const layer of timed) {
      const planned = styleLayers(layer, 'zh').filter((l) => l.id.includes('::planned'));
      expect(planned.length).toBeGreaterThan(0);
      for (const p of planned) expect(passes((p as { filter: unknown }).filter, {})).toBe(false);
      if (layer.geometry === 'polygon') expect(JSON.stringify(planned)).toContain(HATCH_IMAGE);
      for (let year = 2020; year <= 2030; year++) {
        const s = yearStyle(layer, year)!;
        if (s.main) passes(s.main, {});
        passes(s.planned, {});
      }
    }
  });

  it('overview squares switch on at the year by which half their upgraded area was done', () => {
    expect(medianYear(new Map([[2021, 1], [2024, 3]]))).toBe(2024);
    expect(medianYear(new Map([[2023, 2], [2021, 2], [2025, 1]]))).toBe(2023); // 2 of 5 by 2021, 4 of 5 by 2023
    expect(medianYear(new Map([[2022, 5]]))).toBe(2022);
  });
});
