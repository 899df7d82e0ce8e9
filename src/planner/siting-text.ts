// The siting and carbon-effect strings live in the one dictionary (SITING_TEXT in src/ui/i18n.ts); st() looks one up.
import type { BasisStatus } from '../core/analysis/siting-rules.ts';
import type { SiteType } from '../core/analysis/site-types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { SITING_TEXT, type SitingTextKey } from '../ui/i18n.ts';

export const st = (lang: Lang, key: SitingTextKey): string => SITING_TEXT[key][lang];

export const BASIS_STATUS: Record<BasisStatus, SitingTextKey> = {
  quoted: 'sitingBasisQuoted', recalled: 'sitingBasisRecalled', assumption: 'sitingBasisAssumption', bureau: 'sitingBasisBureau',
};

/** What the site type means for carbon, in one sentence (the purpose table of src/core/analysis/site-purpose.ts). */
export const purposeText = (lang: Lang, type: SiteType): string => st(lang, `purpose${type}` as SitingTextKey);

/** A signed figure: + for a gain, − (U+2212) for a loss, as the carbon-effect tables write them. */
export function signed(v: number, digits: number, locale: string): string {
  const r = Number(v.toFixed(digits));
  const text = Math.abs(r).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return r > 0 ? `+${text}` : r < 0 ? `\u2212${text}` : text;
}
