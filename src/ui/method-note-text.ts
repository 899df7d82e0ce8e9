// The factor tables (dashboard factor card, public explainer) in the UI language. core/carbon/method-notes.ts writes
// each figure, formula and parameter once, in English with the factor tables' Chinese keys (杉木 D, harvest 杉木 人工);
// the words here come from the one dictionary (i18n.ts: METHOD_NOTE_TEXT, METHOD_WORDS) and species names from the
// carbon model's own species groups. Sources are citations and stay as written (rendered with translate="no").
import { SPECIES_GROUPS } from '../core/carbon/species-groups.ts';
import { METHOD_LABEL_TEXT, METHOD_NOTE_TEXT, METHOD_WORDS_ZH, TERMS_EN } from './i18n.ts';
import type { Lang } from './i18n-types.ts';
import { VALUE_NAMES_EN } from './value-names.ts';

const CJK_RUN = /[\u3400-\u9fff\uff08\uff09]+/g;

/** A Chinese term of the factor tables in English (species group, age group, origin, row name), or itself. */
function termEn(term: string): string {
  return SPECIES_GROUPS[term]?.en ?? TERMS_EN[term] ?? VALUE_NAMES_EN[term] ?? term;
}

/** English words of the factor tables in Chinese, longest phrase first. */
const ZH_PHRASES = Object.entries(METHOD_WORDS_ZH).sort((a, b) => b[0].length - a[0].length);

function wordsZh(text: string): string {
  let out = text;
  for (const [en, zh] of ZH_PHRASES) out = out.split(en).join(zh);
  return out;
}

/** "杉木 D (针叶混 row)" → "Chinese fir D (Mixed conifers row)" / "杉木 D（针叶混行）". */
export function parameterName(name: string, lang: Lang): string {
  return lang === 'en' ? name.replace(CJK_RUN, termEn) : wordsZh(name);
}

export function unitText(unit: string, lang: Lang): string {
  return lang === 'en' ? unit : wordsZh(unit);
}

/** The uncertainty's own part ("±8 % (1 SD, normal)") and its provenance note (a citation, kept as written). */
export function uncertaintyText(text: string, lang: Lang): { body: string; note: string } {
  const cut = text.indexOf('; ');
  const body = cut < 0 ? text : text.slice(0, cut);
  const note = cut < 0 ? '' : text.slice(cut + 2);
  return { body: lang === 'en' ? body.replace(CJK_RUN, termEn) : wordsZh(body), note };
}

/** The figure's name and formula; the formula varies with the stand method only through its conversion factor. */
export function methodNoteText(note: { figure: string; formula: string }, lang: Lang): { figure: string; formula: string } {
  const t = METHOD_NOTE_TEXT[note.figure];
  if (!t) return { figure: note.figure, formula: note.formula };
  const fang = note.formula.includes('a × CF') || note.formula.startsWith('Fang');
  const formula = (fang && t.formulaFang ? t.formulaFang : t.formula)[lang].replace('{conv}', fang ? 'a × CF' : 'D × BEF × (1+R) × CF');
  return { figure: t.figure[lang], formula };
}

export function methodLabelText(method: string, fallback: string, lang: Lang): string {
  return METHOD_LABEL_TEXT[method]?.[lang] ?? fallback;
}
