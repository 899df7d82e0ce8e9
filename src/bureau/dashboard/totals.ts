// The totals block of the dashboard, as data: label and formatter per county figure.
import type { CountyTotals } from '../../core/plan/county.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { densityText, T_CO2E, T_CO2E_YR, withInterval } from './carbon-text.ts';
import { formatTargetValue } from '../../ui/widgets/format-target.ts';
import { inParens, localeOf } from '../../ui/i18n.ts';

const num = (v: number, lang: Lang, digits = 0) => v.toLocaleString(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface TotalRow {
  key: string;
  label: Record<Lang, string>;
  format: (c: CountyTotals, lang: Lang) => string;
}

export const TOTAL_ROWS: TotalRow[] = [
  { key: 'land_area_mu', label: { zh: '土地面积', en: 'Land area' }, format: (c, l) => `${formatTargetValue(c.land_area_mu, 'mu', l)}${inParens(`${num(c.land_area_mu * 10000 / 15 / 1e6, l, 1)} km²`, l)}` },
  { key: 'forest_land_mu', label: { zh: '林地面积', en: 'Forest land' }, format: (c, l) => formatTargetValue(c.forest_land_mu, 'mu', l) },
  { key: 'forest_area_mu', label: { zh: '森林面积', en: 'Forest area' }, format: (c, l) => formatTargetValue(c.forest_area_mu, 'mu', l) },
  { key: 'coverage_pct', label: { zh: '森林覆盖率', en: 'Forest coverage' }, format: (c, l) => formatTargetValue(c.coverage_pct, '%', l) },
  { key: 'stock_m3', label: { zh: '活立木蓄积', en: 'Growing stock' }, format: (c, l) => formatTargetValue(c.stock_m3, 'm3', l) },
  { key: 'carbon_stock_tCO2e', label: { zh: '碳储量', en: 'Carbon stock' }, format: (c, l) => withInterval(c.carbon_stock_tCO2e, c.uncertainty.carbon_stock_tCO2e, T_CO2E, l) },
  { key: 'carbon_density_tC_per_ha', label: { zh: '森林碳密度', en: 'Forest carbon density' }, format: (c, l) => densityText(c.carbon_density_tC_per_ha, l) },
  { key: 'annual_sink_tCO2e', label: { zh: '年净碳汇量', en: 'Net annual sink' }, format: (c, l) => withInterval(c.annual_sink_tCO2e, c.uncertainty.annual_sink_tCO2e, T_CO2E_YR, l) },
  { key: 'gross_growth_tCO2e', label: { zh: '总生长固碳（未扣除消耗）', en: 'Gross growth (before consumption)' }, format: (c, l) => `${num(c.gross_growth_tCO2e, l)} ${T_CO2E_YR[l]}` },
  {
    key: 'consumption_tCO2e', label: { zh: '采伐 + 枯损', en: 'Harvest + mortality' },
    format: (c, l) => `${num(c.harvest_tCO2e, l)} + ${num(c.mortality_tCO2e, l)} ${T_CO2E_YR[l]}`,
  },
  {
    key: 'avoided', label: { zh: '新能源减排量（估算，不计入碳汇）', en: 'Avoided emissions (estimate, not a sink)' },
    format: (c, l) => `${num(c.avoided_emissions.total_tco2_per_yr, l)} ${l === 'zh' ? '吨CO₂/年' : 't CO₂/yr'}`,
  },
];
