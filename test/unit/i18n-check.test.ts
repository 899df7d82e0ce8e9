// The translation checker can fail: it catches a deliberately untranslated string in each direction, and lets data
// names (read from data/, not typed here) through in English.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cjkLeaks, dataNames, englishLeaks, englishWords } from '../i18n/untranslated.ts';
import { RULE_TEXT, ruleDetailText, UI_TEXT } from '../../src/ui/i18n.ts';

const en = Object.values(UI_TEXT).map((t) => t.en);
const zh = Object.values(UI_TEXT).map((t) => t.zh);

describe('cjkLeaks (English mode)', () => {
  const names = dataNames(path.join(import.meta.dirname, '../../data'));
  it('reads township, village and project names from the data files', () => {
    expect(names).toContain('潋江镇');
    expect(names).toContain('潋江国家湿地公园');
    expect(names.length).toBeGreaterThan(50);
    // Enumerations the UI must translate are not names.
    expect(names).not.toContain('杉木');
    expect(names).not.toContain('并网');
  });
  it('catches an untranslated UI string', () => {
    const found = cjkLeaks([{ text: 'Layers' }, { text: '其他字段（按原文件）' }].map((s) => ({ ...s, where: 'x' })), names);
    expect(found).toHaveLength(1);
    expect(found[0].problem).toContain('其他字段');
  });
  it('catches an untranslated value next to a name, and lets the name alone through', () => {
    expect(cjkLeaks([{ text: '潋江国家湿地公园 itself: Under way', where: 'x' }], names)).toEqual([]);
    expect(cjkLeaks([{ text: '潋江国家湿地公园 itself: 实施中', where: 'x' }], names)).toHaveLength(1);
    expect(cjkLeaks([{ text: 'Species: 杉木', where: 'x' }], names)).toHaveLength(1);
  });
  it('a rule line rendered in English has no Chinese beyond data names', () => {
    const line = ruleDetailText([{ key: 'wetland_park', params: { park: '潋江国家湿地公园', status: '实施中' } }, { key: 'upgrade_area', params: { types: '更新/补植', year: 2025 } }], 'en');
    expect(line).toBe('潋江国家湿地公园 itself: Under way; Area of stands upgraded (Replacement/Supplementary planting) by the end of 2025 (ellipsoidal area)');
    expect(cjkLeaks([{ text: line, where: 'x' }], names)).toEqual([]);
  });
});

describe('englishLeaks (Chinese mode)', () => {
  it('catches an English dictionary string shown in the Chinese UI', () => {
    const found = englishLeaks([{ text: '图层', where: 'a' }, { text: 'Other fields (as imported)', where: 'b' }], en, zh);
    expect(found.map((f) => f.where)).toEqual(['b']);
  });
  it('catches the fixed words of an English template around data', () => {
    const templates = Object.values(RULE_TEXT).map((t) => t.en);
    expect(englishLeaks([{ text: 'No gas pipeline serving 高兴 on the pipeline layer', where: 'a' }], templates)).toHaveLength(1);
    expect(englishLeaks([{ text: ruleDetailText([{ key: 'gas_missing', params: { place: '高兴' } }], 'zh'), where: 'a' }], templates)).toEqual([]);
  });
  it('lets units and abbreviations both languages use through', () => {
    expect(englishLeaks([{ text: 'CSV', where: 'a' }, { text: '50 MW', where: 'b' }, { text: 'IPCC Tier 2', where: 'c' }], [...en, 'CSV', 'MW'], zh)).toEqual([]);
  });
});

describe('section numbers and brackets', () => {
  it('the plan sections read in Arabic figures in English', async () => {
    const { sectionText, inParens } = await import('../../src/ui/i18n.ts');
    expect(sectionText('三(八)2', 'en')).toBe('3(8)2');
    expect(sectionText('三(十)2', 'en')).toBe('3(10)2');
    expect(sectionText('三(十二)1', 'en')).toBe('3(12)1');
    expect(sectionText('三(八)2', 'zh')).toBe('三(八)2');
    expect(inParens('km²', 'en')).toBe(' (km²)');
    expect(inParens('规划', 'zh')).toBe('（规划）');
  });
});

describe('englishWords (Chinese mode, texts passed through from a parser)', () => {
  it('catches a parser\'s English left in a Chinese message, and lets format names through', () => {
    const allowed = /^(JSON|KML|zip|doc|kml)$/i;
    expect(englishWords([{ text: '无法读取（entry doc.kml is compressed 1024:1; possible zip bomb）', where: 'a' }], allowed)).toHaveLength(1);
    expect(englishWords([{ text: '已拒绝：zip 中的 doc.kml 压缩比为 1024:1，可能是“压缩炸弹”。', where: 'b' }], allowed)).toEqual([]);
  });
});
