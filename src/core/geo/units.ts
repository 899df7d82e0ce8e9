// Area and length units used across the app. 亩 comes first because that is how Chinese
// forestry and land records are kept; 1 亩 = 10000/15 m² exactly (1/15 公顷).

export const M2_PER_MU = 10000 / 15;
export const M2_PER_HA = 10000;
export const M2_PER_KM2 = 1_000_000;

export type AreaUnit = 'mu' | 'ha' | 'km2' | 'm2';
export type Lang = 'zh' | 'en';

export const AREA_UNITS: readonly AreaUnit[] = ['mu', 'ha', 'km2', 'm2'];

const AREA_LABELS: Record<AreaUnit, Record<Lang, string>> = {
  mu: { zh: '亩', en: 'mu' },
  ha: { zh: '公顷', en: 'ha' },
  km2: { zh: '平方千米', en: 'km²' },
  m2: { zh: '平方米', en: 'm²' },
};

const M2_PER_UNIT: Record<AreaUnit, number> = {
  mu: M2_PER_MU,
  ha: M2_PER_HA,
  km2: M2_PER_KM2,
  m2: 1,
};

export function fromSquareMetres(m2: number, unit: AreaUnit): number {
  return m2 / M2_PER_UNIT[unit];
}

export function toSquareMetres(value: number, unit: AreaUnit): number {
  return value * M2_PER_UNIT[unit];
}

export function areaUnitLabel(unit: AreaUnit, lang: Lang): string {
  return AREA_LABELS[unit][lang];
}

/** Sensible display precision: more decimals for larger units so small plots stay readable. */
const DEFAULT_DIGITS: Record<AreaUnit, number> = { mu: 2, ha: 2, km2: 4, m2: 0 };

export function formatArea(m2: number, unit: AreaUnit, lang: Lang, digits = DEFAULT_DIGITS[unit]): string {
  const value = fromSquareMetres(m2, unit);
  const text = value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${text} ${areaUnitLabel(unit, lang)}`;
}

export function formatLength(m: number, lang: Lang): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  if (Math.abs(m) >= 1000) {
    const km = (m / 1000).toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    return `${km} ${lang === 'zh' ? '千米' : 'km'}`;
  }
  const metres = m.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${metres} ${lang === 'zh' ? '米' : 'm'}`;
}
