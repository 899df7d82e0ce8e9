import { describe, expect, it } from 'vitest';
import { detectFields, mapStand } from './field-mapping.ts';

describe('detectFields', () => {
  it('maps Chinese 二类 names', () => {
    const { map, unmapped } = detectFields(['小班号', '林班号', '地类', '优势树种', '龄组', '起源', '郁闭度', '蓄积', '面积', '备注']);
    expect(map).toMatchObject({
      xiao_ban: '小班号', lin_ban: '林班号', land_class: '地类', species: '优势树种', age_group: '龄组',
      origin: '起源', canopy: '郁闭度', stock_m3: '蓄积', area_declared: '面积',
    });
    expect(unmapped).toEqual(['备注']);
  });
  it('maps pinyin abbreviations case-insensitively (YSSZ, LZ, XJ, DL, yu_bi_du)', () => {
    const { map } = detectFields(['YSSZ', 'lz', 'XJ', 'DL', 'yu_bi_du', 'QY', 'XBMJ']);
    expect(map).toMatchObject({ species: 'YSSZ', age_group: 'lz', stock_m3: 'XJ', land_class: 'DL', canopy: 'yu_bi_du', origin: 'QY', area_declared: 'XBMJ' });
  });
  it('schema keys map to themselves', () => {
    const { map } = detectFields(['species', 'age_group', 'stock_m3', 'land_class', 'canopy']);
    expect(map.species).toBe('species');
    expect(map.stock_m3).toBe('stock_m3');
  });
});

describe('mapStand', () => {
  it('normalises values and keeps the raw species', () => {
    const raw = { YSSZ: '木荷', LZ: '2', XJ: '123.4', DL: '有林地', QY: '21', YBD: 65 };
    const { map } = detectFields(Object.keys(raw));
    const { stand, issues } = mapStand(raw, map, 10_000);
    expect(stand).toMatchObject({
      species_raw: '木荷', species: '硬阔', age_group: '中龄林', stock_m3: 123.4, land_class: '乔木林地', origin: '人工', canopy: 0.65,
    });
    expect(issues).toEqual(['郁闭度 65 read as a percentage (0.65)']);
  });
  it('per-hectare stock × geodesic area: 80 m³/ha on 2.5 ha = 200 m³; per-mu 6 m³/亩 on 1 ha (15 亩) = 90 m³', () => {
    const a = mapStand({ 每公顷蓄积: 80 }, detectFields(['每公顷蓄积']).map, 25_000);
    expect(a.stand.stock_m3).toBeCloseTo(200, 10);
    const b = mapStand({ MMXJ: 6 }, detectFields(['MMXJ']).map, 10_000);
    expect(b.stand.stock_m3).toBeCloseTo(90, 10);
  });
  it('reports values it cannot read instead of guessing', () => {
    const raw = { 地类: '耕地', 龄组: '老', 起源: '外星' };
    const { stand, issues } = mapStand(raw, detectFields(Object.keys(raw)).map, 1);
    expect(stand.land_class).toBeUndefined();
    expect(issues).toEqual(['地类 "耕地" not recognised', '起源 "外星" not recognised', '龄组 "老" not recognised']);
  });
  it('upgrade type "补植改造" → 补植; 碳汇造林 "是" → true', () => {
    const raw = { 改造类型: '补植改造', 碳汇造林: '是', 造林年度: '2022' };
    const { stand } = mapStand(raw, detectFields(Object.keys(raw)).map, 1);
    expect(stand).toMatchObject({ upgrade_type: '补植', carbon_afforestation: true, afforestation_year: 2022 });
  });
});
