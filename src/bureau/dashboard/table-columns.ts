// Columns of the dashboard's tables, shared by the on-screen tables and their CSV exports.
import type { CsvColumn } from '../../core/table/csv.ts';
import type { PlanProgress } from '../../core/plan/progress.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { valueName } from '../../ui/value-names.ts';

type TownshipRow = PlanProgress['by_township'][number];
type YearRow = PlanProgress['by_year'][number];
type SpeciesAgeRow = PlanProgress['by_species_age'][number];

const h = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export function townshipColumns(lang: Lang): CsvColumn<TownshipRow>[] {
  return [
    { header: h(lang, '乡镇代码', 'Code'), value: (r) => r.code },
    { header: h(lang, '乡镇', 'Township'), value: (r) => r.name },
    { header: h(lang, '林地面积（亩）', 'Forest land (mu)'), value: (r) => r2(r.forest_land_mu) },
    { header: h(lang, '森林面积（亩）', 'Forest area (mu)'), value: (r) => r2(r.forest_area_mu) },
    { header: h(lang, '森林覆盖率（%）', 'Coverage (%)'), value: (r) => r2(r.coverage_pct) },
    { header: h(lang, '蓄积（立方米）', 'Stock (m³)'), value: (r) => r2(r.stock_m3) },
    { header: h(lang, '森林碳密度（吨碳/公顷森林）', 'Forest carbon density (t C/ha of forest)'), value: (r) => r2(r.carbon_density_tC_per_ha) },
    // The same sums as the county totals above (stands + restored mines + pilot polygons; sinks also wetlands), each
    // with the 95 % interval of that same sum beside it (Monte Carlo cells of the same sources).
    { header: h(lang, '碳储量（吨CO2e）', 'Carbon stock (t CO2e)'), value: (r) => r2(r.carbon_stock_tCO2e) },
    { header: h(lang, '碳储量95%下限（吨CO2e）', 'Carbon stock, 95 % low (t CO2e)'), value: (r) => r2(r.uncertainty.carbon_stock_tCO2e[0]) },
    { header: h(lang, '碳储量95%上限（吨CO2e）', 'Carbon stock, 95 % high (t CO2e)'), value: (r) => r2(r.uncertainty.carbon_stock_tCO2e[1]) },
    { header: h(lang, '总生长固碳（吨CO2e/年）', 'Gross growth (t CO2e/yr)'), value: (r) => r2(r.gross_growth_tCO2e) },
    { header: h(lang, '年净碳汇（吨CO2e/年）', 'Net annual sink (t CO2e/yr)'), value: (r) => r2(r.annual_sink_tCO2e) },
    { header: h(lang, '年净碳汇95%下限（吨CO2e/年）', 'Net annual sink, 95 % low (t CO2e/yr)'), value: (r) => r2(r.uncertainty.annual_sink_tCO2e[0]) },
    { header: h(lang, '年净碳汇95%上限（吨CO2e/年）', 'Net annual sink, 95 % high (t CO2e/yr)'), value: (r) => r2(r.uncertainty.annual_sink_tCO2e[1]) },
    ...(['更新', '补植', '抚育', '封育'] as const).map((t) => ({ header: `${h(lang, t, valueName(t, 'en'))} (${h(lang, '亩', 'mu')})`, value: (r: TownshipRow) => r2(r.upgrade_by_type_mu[t]) })),
    { header: h(lang, '碳汇造林（亩）', 'Carbon afforestation (mu)'), value: (r) => r2(r.carbon_afforestation_mu) },
    { header: h(lang, '并网新能源（千瓦）', 'Grid-connected (kW)'), value: (r) => r2(r.avoided_emissions.grid_connected_kw) },
  ];
}

export function yearColumns(lang: Lang): CsvColumn<YearRow>[] {
  return [
    { header: h(lang, '年度', 'Year'), value: (r) => r.year },
    ...(['更新', '补植', '抚育', '封育'] as const).map((t) => ({ header: `${h(lang, t, valueName(t, 'en'))} (${h(lang, '亩，累计', 'mu, cumulative')})`, value: (r: YearRow) => r2(r.upgrade_mu[t]) })),
    { header: h(lang, '改造合计（亩）', 'Upgrade total (mu)'), value: (r) => r2(r.upgrade_total_mu) },
    { header: h(lang, '碳汇造林（亩）', 'Carbon afforestation (mu)'), value: (r) => r2(r.carbon_afforestation_mu) },
    { header: h(lang, '新造高产油茶（亩）', 'New oil tea (mu)'), value: (r) => r2(r.oil_tea_mu['新造高产']) },
    { header: h(lang, '油茶低产改造（亩）', 'Oil-tea upgrade (mu)'), value: (r) => r2(r.oil_tea_mu['低产改造']) },
    { header: h(lang, '并网新能源（千瓦）', 'Grid-connected (kW)'), value: (r) => r2(r.grid_connected_kw) },
  ];
}

export function speciesAgeColumns(lang: Lang): CsvColumn<SpeciesAgeRow>[] {
  return [
    { header: h(lang, '树种组', 'Species group'), value: (r) => valueName(r.species_group, lang) },
    { header: h(lang, '龄组', 'Age group'), value: (r) => valueName(r.age_group, lang) },
    { header: h(lang, '小班数', 'Stands'), value: (r) => r.count },
    { header: h(lang, '面积（亩）', 'Area (mu)'), value: (r) => r2(r.area_mu) },
    { header: h(lang, '蓄积（立方米）', 'Stock (m³)'), value: (r) => r2(r.stock_m3) },
    { header: h(lang, '碳储量（吨CO2e）', 'Carbon stock (t CO2e)'), value: (r) => r2(r.carbon_stock_tCO2e) },
    { header: h(lang, '总生长（吨CO2e/年）', 'Gross growth (t CO2e/yr)'), value: (r) => r2(r.gross_growth_tCO2e) },
    { header: h(lang, '采伐（吨CO2e/年）', 'Harvest (t CO2e/yr)'), value: (r) => r2(r.harvest_tCO2e) },
    { header: h(lang, '枯损（吨CO2e/年）', 'Mortality (t CO2e/yr)'), value: (r) => r2(r.mortality_tCO2e) },
    { header: h(lang, '年净碳汇（吨CO2e/年）', 'Net annual sink (t CO2e/yr)'), value: (r) => r2(r.annual_sink_tCO2e) },
  ];
}
