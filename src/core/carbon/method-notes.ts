// "How was this figure computed?" — the formula and parameters behind each kind of carbon figure, with each
// parameter's source and verification status, for the dashboard to show next to the number.
import type { CarbonFactors, Factor, FactorStatus } from './factors.ts';
import { METHOD_LABELS, type StandMethod } from './stand.ts';
import { SPECIES_GROUPS } from './species-groups.ts';

export interface ParameterNote { name: string; value: number; unit: string; status: FactorStatus; source: string }
export interface MethodNote { figure: string; formula: string; parameters: ParameterNote[] }

const p = (name: string, f: Factor): ParameterNote => ({ name, value: f.value, unit: f.unit, status: f.status, source: f.source });

export function methodNotes(f: CarbonFactors, method: StandMethod, groups: Iterable<string> = Object.keys(SPECIES_GROUPS)): MethodNote[] {
  const tree: ParameterNote[] = [];
  for (const g of groups) {
    const sg = SPECIES_GROUPS[g];
    if (sg?.kind !== 'tree') continue;
    if (method === 'ipcc_bef') {
      const r = f.bef.rows[sg.befRow!];
      if (!r) continue;
      for (const k of ['D', 'BEF', 'R', 'CF'] as const) tree.push({ name: `${g} ${k}`, value: r[k], unit: k === 'D' ? 't DM/m³' : k === 'CF' ? 't C/t DM' : '—', status: f.bef.status, source: f.bef.source });
    } else {
      const r = f.fang.rows[sg.fangRow!];
      if (!r) continue;
      tree.push({ name: `${g} a`, value: r.a, unit: 't/m³', status: f.fang.status, source: f.fang.source });
      tree.push({ name: `${g} b`, value: r.b, unit: 't/hm²', status: f.fang.status, source: f.fang.source });
    }
  }
  if (method === 'fang') tree.push(p('CF', f.fangCF));
  const growth = Object.entries(f.volumeGrowth.rows['*']).map(([age, v]) => ({
    name: `volume growth ${age}`, value: v, unit: f.volumeGrowth.unit, status: f.volumeGrowth.status, source: f.volumeGrowth.source,
  }));
  const c = f.afforestationCurve;
  const curve = (['A', 'k', 'c'] as const).map((k) => ({ name: k, value: c[k], unit: k === 'A' ? 't C/ha' : k === 'k' ? '1/yr' : '—', status: c.status, source: c.source }));
  return [
    { figure: 'stand carbon stock', formula: METHOD_LABELS[method], parameters: tree },
    { figure: 'stand annual sink', formula: method === 'fang' ? 'a × V × growth rate × CF' : 'V × growth rate × D × BEF × (1+R) × CF', parameters: growth },
    { figure: 'bamboo (毛竹)', formula: 'density × area; sink rate × area', parameters: [p('density', f.bambooDensity), p('sink', f.bambooSink)] },
    { figure: '油茶', formula: 'density × area; sink rate × area', parameters: [p('density', f.oilTeaDensity), p('sink', f.oilTeaSink)] },
    { figure: '碳汇造林', formula: 'C(t) = A·(1 − e^(−k·t))^c per ha, t = years since planting; sink = C(t) − C(t−1)', parameters: curve },
    { figure: 'wetland', formula: 'burial rate × area (stock not modelled)', parameters: [p('burial', f.wetlandBurial)] },
    {
      figure: 'mine restoration',
      formula: 'C(t) × site factor + soil accrual × min(t, soil years)',
      parameters: [...curve, p('site factor', f.mineSiteFactor), p('soil accrual', f.mineSoilAccrual), p('soil years', f.mineSoilYears)],
    },
    {
      figure: 'avoided emissions (estimate) — not a sink',
      formula: 'MW × full-load hours × grid factor',
      parameters: [p('PV hours', f.pvFullLoadHours), p('wind hours', f.windFullLoadHours), ...Object.entries(f.gridFactors).map(([k, v]) => p(`grid ${k}`, v))],
    },
  ];
}
