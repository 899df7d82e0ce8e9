// "How was this figure computed?" — the formula and parameters behind each kind of carbon figure, with each
// parameter's source, verification status and uncertainty, for the dashboard's factor card, the public page and the CLI.
// It follows the selected method: IPCC rows for ipcc_bef, Fang rows for fang, never both.
import type { CarbonFactors, Factor, FactorStatus, Uncertainty } from './factors.ts';
import { AGE_GROUP_KEYS } from './factors.ts';
import { METHOD_LABELS, type StandMethod } from './stand.ts';
import { SPECIES_GROUPS } from './species-groups.ts';

export interface ParameterNote { name: string; value: number; unit: string; status: FactorStatus; source: string; uncertainty: string }
export interface MethodNote { figure: string; formula: string; parameters: ParameterNote[] }

/** Factor kinds a figure can rest on (dashboard and CLI pass the ones their data use). */
export type FactorKind = 'tree_stock' | 'tree_growth' | 'tree_consumption' | 'bamboo' | 'oil_tea' | 'afforestation_curve' | 'wetland' | 'mine' | 'avoided';
export const ALL_FACTOR_KINDS: readonly FactorKind[] = ['tree_stock', 'tree_growth', 'tree_consumption', 'bamboo', 'oil_tea', 'afforestation_curve', 'wetland', 'mine', 'avoided'];

/** "±8 % (1 SD)" or "35–60", with the uncertainty's own status when it differs from an assumption. */
export function describeUncertainty(u: Uncertainty, unit = ''): string {
  const body = u.dist === 'normal' ? (u.rel_sd > 0 ? `±${+(u.rel_sd * 100).toFixed(1)} % (1 SD, normal)` : 'none stated') : `${u.lo}–${u.hi}${unit ? ` ${unit}` : ''} (triangular)`;
  return `${body}; ${u.status}: ${u.source}`;
}

const p = (name: string, f: Factor): ParameterNote => ({
  name, value: f.value, unit: f.unit, status: f.status, source: f.source, uncertainty: describeUncertainty(f.uncertainty, f.unit),
});

export function methodNotes(
  f: CarbonFactors, method: StandMethod, groups: Iterable<string> = Object.keys(SPECIES_GROUPS), kinds: Iterable<FactorKind> = ALL_FACTOR_KINDS,
): MethodNote[] {
  const used = new Set(kinds);
  const treeGroups = [...groups].filter((g) => SPECIES_GROUPS[g]?.kind === 'tree');
  const stock: ParameterNote[] = [];
  const consumption: ParameterNote[] = [];
  const consRows = new Set<string>();
  for (const g of treeGroups) {
    const sg = SPECIES_GROUPS[g];
    if (method === 'ipcc_bef') {
      const r = f.bef.rows[sg.befRow!];
      if (!r) continue;
      for (const k of ['D', 'BEF', 'R', 'CF'] as const) {
        stock.push({ name: `${g} ${k}${sg.befRow !== g ? ` (${sg.befRow} row)` : ''}`, value: r[k], unit: k === 'D' ? 't DM/m³' : k === 'CF' ? 't C/t DM' : '—', status: f.bef.status, source: f.bef.source, uncertainty: describeUncertainty(f.bef.uncertainty[k]) });
      }
    } else {
      const r = f.fang.rows[sg.fangRow!];
      if (!r) continue;
      const row = sg.fangRow !== g ? ` (${sg.fangRow} function)` : '';
      stock.push({ name: `${g} a${row}`, value: r.a, unit: 't/m³', status: f.fang.status, source: f.fang.source, uncertainty: describeUncertainty(f.fang.uncertainty.a) });
      stock.push({ name: `${g} b${row}`, value: r.b, unit: 't/hm²', status: f.fang.status, source: f.fang.source, uncertainty: describeUncertainty(f.fang.uncertainty.b) });
    }
    consRows.add(f.consumption.rows[g] ? g : '*');
  }
  if (method === 'fang') stock.push(p('CF', f.fangCF));
  for (const row of [...consRows].sort()) {
    for (const [origin, r] of Object.entries(f.consumption.rows[row])) {
      const label = row === '*' ? 'other groups' : row;
      consumption.push({ name: `harvest ${label} ${origin}`, value: r.harvest, unit: f.consumption.unit, status: f.consumption.status, source: f.consumption.source, uncertainty: describeUncertainty(f.consumption.uncertainty.harvest) });
      consumption.push({ name: `mortality ${label} ${origin}`, value: r.mortality, unit: f.consumption.unit, status: f.consumption.status, source: f.consumption.source, uncertainty: describeUncertainty(f.consumption.uncertainty.mortality) });
    }
  }
  const growth = Object.entries(f.volumeGrowth.rows).flatMap(([row, rates]) => AGE_GROUP_KEYS.map((age) => ({
    name: `gross volume growth ${row === '*' ? '' : `${row} `}${age}`, value: rates[age], unit: f.volumeGrowth.unit, status: f.volumeGrowth.status,
    source: f.volumeGrowth.source, uncertainty: describeUncertainty(f.volumeGrowth.uncertainty),
  })));
  const c = f.afforestationCurve;
  const curve: ParameterNote[] = [
    { name: 'A', value: c.A, unit: 't C/ha', status: c.status, source: c.source, uncertainty: describeUncertainty(c.uncertainty.A) },
    { name: 'k', value: c.k, unit: '1/yr', status: c.status, source: c.source, uncertainty: describeUncertainty(c.uncertainty.k) },
    { name: 'c', value: c.c, unit: '—', status: c.status, source: c.source, uncertainty: 'held fixed (shape)' },
  ];
  // Species groups with a curve of their own, and the site-class multipliers (curves.ts).
  const pc = f.plantationCurves;
  const speciesCurves: ParameterNote[] = pc ? Object.entries(pc.rows).flatMap(([g, r]) => [
    { name: `${g} A`, value: r.A, unit: 't C/ha', status: pc.status, source: pc.source, uncertainty: describeUncertainty(pc.uncertainty.A) },
    { name: `${g} k`, value: r.k, unit: '1/yr', status: pc.status, source: pc.source, uncertainty: describeUncertainty(pc.uncertainty.k) },
  ]) : [];
  const sc = f.siteClassFactors;
  const siteRows: ParameterNote[] = sc ? Object.entries(sc.rows).map(([k, v]) => (
    { name: `site class ${k}`, value: v, unit: sc.unit, status: sc.status, source: sc.source, uncertainty: k === 'II' ? 'none (the curves\' own data)' : describeUncertainty(sc.uncertainty) })) : [];
  const conv = method === 'fang' ? 'a × CF' : 'D × BEF × (1+R) × CF';
  const notes: [FactorKind, MethodNote][] = [
    ['tree_stock', { figure: 'stand carbon stock', formula: METHOD_LABELS[method].split(';')[0], parameters: stock }],
    ['tree_growth', { figure: 'stand gross growth', formula: `V × gross growth rate(age group) × ${conv}`, parameters: growth }],
    ['tree_consumption', {
      figure: 'stand harvest and mortality',
      formula: `V × (harvest + mortality rate)(species group, origin) × ${conv}; net sink = gross growth − harvest − mortality (no harvest on 碳汇造林 plots)`,
      parameters: consumption,
    }],
    ['bamboo', {
      figure: 'bamboo (毛竹)',
      formula: 'stock = density × area; net sink = net stock-change rate × area; gross production reported as gross growth, culm harvest = gross − net',
      parameters: [p('density', f.bambooDensity), p('net stock change', f.bambooNetSink), p('gross production', f.bambooGrossProduction)],
    }],
    ['oil_tea', {
      figure: '油茶',
      formula: 'established: density × area, net rate × area; new planting (新造高产): C(t) = density × (1 − e^(−k·t))², sink = C(t) − C(t−1)',
      parameters: [p('density', f.oilTeaDensity), p('net sink (established)', f.oilTeaNetSink), p('gross growth (established)', f.oilTeaGrossGrowth), p('k (new planting)', f.oilTeaCurveK)],
    }],
    ['afforestation_curve', {
      figure: '碳汇造林',
      formula: 'without recorded volume: C(t) = A·(1 − e^(−k·t))^c per ha, t = years since planting (the species group\'s own A, k where it has them, else the default planted-杉木 curve; A × site-class factor for a project stratum); sink = C(t) − C(t−1). With recorded volume: as any stand, no harvest',
      parameters: [...curve, ...speciesCurves, ...siteRows],
    }],
    ['wetland', { figure: 'wetland', formula: 'burial rate × area (stock not modelled)', parameters: [p('burial', f.wetlandBurial)] }],
    ['mine', {
      figure: 'mine restoration',
      formula: 'C(t) × site factor + soil accrual × min(t, soil years)',
      parameters: [...curve, p('site factor', f.mineSiteFactor), p('soil accrual', f.mineSoilAccrual), p('soil years', f.mineSoilYears)],
    }],
    ['avoided', {
      figure: 'avoided emissions (estimate) — not a sink',
      formula: 'MW × full-load hours × grid factor',
      parameters: [p('PV hours', f.pvFullLoadHours), p('wind hours', f.windFullLoadHours), ...Object.entries(f.gridFactors).map(([k, v]) => p(`grid ${k}`, v))],
    }],
  ];
  return notes.filter(([k]) => used.has(k)).map(([, n]) => n);
}
