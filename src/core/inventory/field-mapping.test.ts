import { describe, expect, it } from 'vitest';
import { detectFields, mapStand } from './field-mapping.ts';
import { keptFields, normaliseStands } from './normalise.ts';

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
    expect(issues).toEqual(['起源 "外星" not recognised', '地类 "耕地" not recognised', '龄组 "老" not recognised']);
  });
  it('upgrade type "补植改造" → 补植; 碳汇造林 "是" → true', () => {
    const raw = { 改造类型: '补植改造', 碳汇造林: '是', 造林年度: '2022' };
    const { stand } = mapStand(raw, detectFields(Object.keys(raw)).map, 1);
    expect(stand).toMatchObject({ upgrade_type: '补植', carbon_afforestation: true, afforestation_year: 2022 });
  });
});

describe('code tables through mapStand', () => {
  const one = (raw: Record<string, unknown>) => mapStand(raw, detectFields(Object.keys(raw)).map, 10_000);
  it('GB/T 26424 地类 codes: 0111 乔木林地, 0113 竹林地, 0131 特灌林地, 0132 一般灌木林地, 0142 未成林造林地, 0163 迹地, 0150 苗圃地', () => {
    const got = ['0111', '0113', '0131', '0132', '0142', '0163', '0150', '111'].map((c) => one({ DI_LEI: c }).stand.land_class);
    expect(got).toEqual(['乔木林地', '竹林地', '特灌林地', '一般灌木林地', '未成林造林地', '迹地', '苗圃地', '乔木林地']);
  });
  it('三调 0305 is not forest, 0307 decided by 郁闭度 and 起源; the code that needed a rule is named', () => {
    expect(one({ DLBM: '0305' })).toMatchObject({ stand: { land_class: '一般灌木林地' }, thirdSurveyCode: '0305' });
    expect(one({ DLBM: '0307', YU_BI_DU: 0.15 }).stand.land_class).toBe('疏林地');
    expect(one({ DLBM: '0307', YU_BI_DU: 0.05, QI_YUAN: '21' }).stand.land_class).toBe('未成林造林地');
    expect(one({ DLBM: '0307', YU_BI_DU: 0 }).stand.land_class).toBe('宜林地');
    expect(one({ DLBM: '0301' }).stand.land_class).toBe('乔木林地');
  });
  it('a 二类 DI_LEI wins over a 三调 DLBM, which is then kept as an unmapped field', () => {
    const { map, unmapped } = detectFields(['DI_LEI', 'DLBM']);
    expect(map.land_class).toBe('DI_LEI');
    expect(unmapped).toEqual(['DLBM']);
  });
  it('起源 11–13 天然, 21–24 人工; 龄组 codes 1–5', () => {
    expect(['11', '13', '21', '24', '1', '2'].map((v) => one({ QI_YUAN: v }).stand.origin)).toEqual(['天然', '天然', '人工', '人工', '天然', '人工']);
    expect(['1', '2', '3', '4', '5'].map((v) => one({ LING_ZU: v }).stand.age_group)).toEqual(['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林']);
    expect(one({ LING_ZU: '6' }).unrecognised).toEqual([['龄组', '6']]);
  });
  it('竹柏 is reported, not taken for 毛竹; a species code resolves through the (replaceable) table', () => {
    const r = one({ YOU_SHI_SZ: '竹柏' });
    expect(r.stand.species_raw).toBeUndefined();
    expect(r.stand.species).toBeUndefined();
    expect(r.unrecognised).toEqual([['优势树种', '竹柏']]);
    const table = { source: 't', codes: { '123456': '木荷' } };
    const c = mapStand({ YOU_SHI_SZ: '123456' }, detectFields(['YOU_SHI_SZ']).map, 1, { speciesTable: table });
    expect(c.stand).toMatchObject({ species_raw: '木荷', species: '硬阔' });
    expect(mapStand({ YOU_SHI_SZ: '999999' }, detectFields(['YOU_SHI_SZ']).map, 1, { speciesTable: table }).unrecognised).toEqual([['优势树种', '999999']]);
  });
  it('stock from per-ha stock (MEI_GQ_XJ) × measured area; HUO_LM_XJ is a total', () => {
    expect(one({ MEI_GQ_XJ: 80 }).stand.stock_m3).toBeCloseTo(80, 10); // 10 000 m² = 1 ha
    expect(one({ HUO_LM_XJ: 55, MEI_GQ_XJ: 80 }).stand.stock_m3).toBe(55);
  });
});

describe('normaliseStands', () => {
  const raw = { XIANG: '104', DI_LEI: '0111', YOU_SHI_SZ: '杉木', LING_ZU: '2', YU_BI_DU: 0.5, MEI_GQ_XJ: 100, PINGJUN_NL: 18, LD_QS: '集体' };
  const f = { type: 'Feature' as const, geometry: null, properties: raw };
  it('maps a 二类 stand onto the schema, keeps the unmapped fields, and passes schema stands through untouched', () => {
    const { features, report } = normaliseStands([f], [20_000]);
    const p = features[0].properties;
    expect(p).toMatchObject({ township_code: '360732104', township_name: '高兴镇', land_class: '乔木林地', species: '杉木', age_group: '中龄林', stock_m3: 200 });
    expect(keptFields(p)).toEqual([['PINGJUN_NL', 18], ['LD_QS', '集体']]);
    expect(report.unmapped_fields).toEqual(['PINGJUN_NL', 'LD_QS']);
    const again = normaliseStands(features, [20_000]);
    expect(again.report.schema_input).toBe(true);
    expect(again.features[0]).toBe(features[0]);
  });
  it('counts townships it cannot match instead of guessing', () => {
    const { features, report } = normaliseStands([{ ...f, properties: { ...raw, XIANG: '某某乡' } }, { ...f, properties: { ...raw, XIANG: '某某乡' } }], [1, 1]);
    expect(features[0].properties.township_code).toBe('unknown');
    expect(report.unrecognised_values).toEqual({ 乡镇: { 某某乡: 2 } });
  });
});
