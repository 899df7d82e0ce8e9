// A reference layer read as stands (issue 24): an imported 二类 inventory's own stands, normalised as every consumer
// normalises them, offered for filter-select by 林班, 地类 (codes by name) and township.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { importFile } from '../../src/core/io/registry.ts';
import { filterOptions, pickByFilter, referenceStands } from '../../src/planner/reference/reference-stands.ts';
import { erleiInventory } from '../fixtures/erlei-inventory.ts';
import { inventoryZip } from '../fixtures/write-inventory.ts';

const towns = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/townships.geojson'), 'utf8'));

describe('reference layer stands', () => {
  const fx = erleiInventory(towns, 600);
  const features = importFile('二类小班.zip', fx.zip).features.filter((f): f is Feature<Geometry> => !!f.geometry);
  const s = referenceStands(features)!;
  it('normalises an imported 二类 shapefile (GK-38, GBK, DI_LEI/QI_YUAN codes, MEI_GQ_XJ per 公顷)', () => {
    expect(s.count).toBe(fx.expected.length);
    expect(s.fields).toMatchObject({ linBan: 'LIN_BAN', landClass: 'DI_LEI' });
    const p = s.index.features[0].properties as Record<string, unknown>;
    expect(p.land_class).toBeTruthy();
    // stock = MEI_GQ_XJ × the ellipsoidal area in 公顷
    expect(Number(p.stock_m3)).toBeCloseTo((fx.expected[0].stock_per_ha * s.index.areas[0]) / 10_000, 6);
  });
  it('offers 地类 by code and name, and picks by township and 地类 together', () => {
    const opts = filterOptions(s);
    expect(opts.landClass.find((o) => o.value === '0132')).toMatchObject({ name: '其他灌木林地' });
    expect(opts.landClass.reduce((n, o) => n + o.count, 0)).toBe(s.count);
    const town = opts.township[0].value;
    expect(town).toMatch(/[乡镇]$/);
    const picked = pickByFilter(s, { township: town, landClass: '0111' });
    const expected = fx.expected.map((e, i) => [e, i] as const).filter(([e]) => e.land_code === '0111' && towns.features.find((t: { properties: { code: string; name: string } }) => t.properties.code === e.township_code)?.properties.name === town).map(([, i]) => i);
    expect(picked).toEqual(expected);
    expect(picked.length).toBeGreaterThan(0);
  });
  it('a plain inventory (YOU_SHI_SZ, MIAN_JI) is stands too; a layer of named plots is not', () => {
    const inv = importFile('inv.zip', inventoryZip(250)).features.filter((f): f is Feature<Geometry> => !!f.geometry);
    expect(referenceStands(inv)?.count).toBe(250);
    const plots: Feature<Geometry>[] = inv.map((f) => ({ ...f, properties: { MC: 'x' } }));
    expect(referenceStands(plots)).toBeNull();
  });
});
