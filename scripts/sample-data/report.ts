// The human-readable summary printed by `npm run data`.
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import type { Summary } from './generate.ts';

const n = (v: number, digits = 0) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatSummary(s: Summary): string {
  const bytes = Object.values(s.files).reduce((a, f) => a + f.bytes, 0);
  const lines = [
    `County area            ${n(s.county_km2, 1)} km²`,
    `Townships              ${s.townships}`,
    `Stands (小班)          ${n(s.stands)}`,
    `Forest land (林地)     ${n(s.forest_land_mu)} 亩 (${n((s.forest_land_mu * M2_PER_MU) / 1e4)} ha)`,
    `Forest (森林)          ${n(s.forest_mu)} 亩 — coverage ${s.forest_coverage_pct.toFixed(2)}%`,
    `Stock (蓄积)           ${n(s.stock_m3)} m³`,
    `Upgrade 2021–2025      ${Object.entries(s.upgrade_mu).map(([k, v]) => `${k} ${n(v)}`).join(', ')} — total ${n(s.upgrade_total_mu)} 亩`,
    `Carbon afforestation   ${n(s.carbon_afforestation_mu)} 亩`,
    `Oil tea                新造高产 ${n(s.oil_tea_mu['新造高产'])} 亩, 低产改造 ${n(s.oil_tea_mu['低产改造'])} 亩`,
    `Pine wilt townships    ${s.pine_wilt_townships}`,
    `data/ size             ${(bytes / 1e6).toFixed(1)} MB in ${Object.keys(s.files).length} layers`,
    ...Object.entries(s.files).map(([f, v]) => `  ${f.padEnd(26)} ${String(v.features).padStart(6)} features ${(v.bytes / 1e6).toFixed(2).padStart(7)} MB`),
  ];
  return lines.join('\n');
}
