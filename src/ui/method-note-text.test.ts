// The factor tables read in the UI language: every parameter name, unit and uncertainty of both stand methods, and
// every figure and formula, have no Chinese left in English and no English words left in Chinese.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS } from '../core/carbon/factors.ts';
import { methodNotes } from '../core/carbon/method-notes.ts';
import { RULE_TEXT } from './i18n.ts';
import { methodLabelText, methodNoteText, parameterName, uncertaintyText, unitText } from './method-note-text.ts';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]/;
/** An English word of four letters or more (symbols such as BEF, CF, ha, t C/ha stay in both languages). */
const WORD = /\b[a-z]{4,}\b/;

describe('factor tables in both languages', () => {
  for (const method of ['ipcc_bef', 'fang'] as const) {
    const notes = methodNotes(DEFAULT_FACTORS, method);
    it(`${method}: English has no Chinese`, () => {
      for (const n of notes) {
        const t = methodNoteText(n, 'en');
        expect(t.figure + t.formula, n.figure).not.toMatch(CJK);
        for (const p of n.parameters) {
          expect(parameterName(p.name, 'en'), p.name).not.toMatch(CJK);
          expect(unitText(p.unit, 'en')).not.toMatch(CJK);
          expect(uncertaintyText(p.uncertainty, 'en').body, p.uncertainty).not.toMatch(CJK);
        }
      }
      expect(methodLabelText(method, '', 'en')).not.toMatch(CJK);
    });
    it(`${method}: Chinese has no English words`, () => {
      for (const n of notes) {
        const t = methodNoteText(n, 'zh');
        expect(t.figure + t.formula, n.figure).not.toMatch(WORD);
        for (const p of n.parameters) {
          // Grid factor ids (central_2023) are identifiers, not words.
          expect(parameterName(p.name, 'zh').replace(/\w+_\d{4}/, ''), p.name).not.toMatch(WORD);
          expect(unitText(p.unit, 'zh'), p.unit).not.toMatch(WORD);
          expect(uncertaintyText(p.uncertainty, 'zh').body, p.uncertainty).not.toMatch(WORD);
        }
      }
      expect(methodLabelText(method, '', 'zh')).not.toMatch(WORD);
    });
  }
  it('names a substituted row in words', () => {
    expect(parameterName('柳杉水杉 D (针叶混 row)', 'en')).toBe('Cryptomeria / Metasequoia D (Mixed conifers row)');
    expect(parameterName('柳杉水杉 D (针叶混 row)', 'zh')).toBe('柳杉水杉 D（针叶混行）');
    expect(parameterName('harvest 杉木 人工', 'en')).toBe('harvest Chinese fir Planted');
    expect(parameterName('harvest 杉木 人工', 'zh')).toBe('采伐率 杉木 人工');
  });
});

describe('rule lines', () => {
  it('each rule message has the same slots in both languages', () => {
    for (const [key, t] of Object.entries(RULE_TEXT)) {
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(t.zh), key).toEqual(slots(t.en));
      expect(t.zh.replace(/\{\w+\}/g, ''), key).not.toMatch(WORD);
      expect(t.en, key).not.toMatch(CJK);
    }
  });
});
