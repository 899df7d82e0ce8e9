// Conflict flags: land of this map's own layers (wetlands, 封育 and 碳汇造林 plots, projects, mines) a site should not
// take, or should take only after a check. Which flags apply depends on the site's type — planting on a 封育 plot is the
// plan's own work, building PV on it is a conflict. Forest land and the 三区三线 are the siting rules' business
// (siting-rules.ts), each with its legal source.
import type { LayerOverlap, StandOverlap } from './overlap.ts';
import type { SiteType } from './site-types.ts';

export type ConflictKind = 'wetland' | 'fengyu' | 'carbon_afforestation' | 'project' | 'mine';

export interface ConflictFlag {
  kind: ConflictKind;
  severity: 'block' | 'check';
  area_mu: number;
  zh: string;
  en: string;
}

const mu = (n: number) => n.toFixed(2);

export function conflictFlags(type: SiteType, stands: StandOverlap, overlaps: LayerOverlap[], wetlandKinds: Set<string>): ConflictFlag[] {
  const out: ConflictFlag[] = [];
  const layer = (k: LayerOverlap['layer']) => overlaps.find((o) => o.layer === k);
  const builds = type === '光伏' || type === '风电' || type === '其他';

  const wet = layer('wetlands');
  if (wet && wet.area_mu > 0) {
    const park = wetlandKinds.has('湿地公园');
    out.push({
      kind: 'wetland', severity: park || builds ? 'block' : 'check', area_mu: wet.area_mu,
      zh: `占用湿地 ${mu(wet.area_mu)} 亩${park ? '（含湿地公园）' : ''}`,
      en: `Takes ${mu(wet.area_mu)} mu of wetland${park ? ' (incl. the wetland park)' : ''}`,
    });
  }
  if (stands.fengyu_mu > 0) {
    out.push({
      kind: 'fengyu', severity: builds ? 'block' : 'check', area_mu: stands.fengyu_mu,
      zh: `占用封育小班 ${mu(stands.fengyu_mu)} 亩`, en: `Takes ${mu(stands.fengyu_mu)} mu of 封育 (closed for natural regeneration) stands`,
    });
  }
  const pilots = layer('carbonPilots');
  const cAff = Math.max(stands.carbon_afforestation_mu, pilots?.area_mu ?? 0);
  if (cAff > 0) {
    out.push({
      kind: 'carbon_afforestation', severity: 'block', area_mu: cAff,
      zh: `占用碳汇造林地块 ${mu(cAff)} 亩`, en: `Takes ${mu(cAff)} mu of 碳汇造林 (carbon afforestation) plots`,
    });
  }
  const projects = (layer('pv')?.area_mu ?? 0) + (layer('windFarms')?.area_mu ?? 0);
  if (projects > 0) {
    out.push({
      kind: 'project', severity: 'check', area_mu: projects,
      zh: `与已有或规划的光伏/风电项目重叠 ${mu(projects)} 亩`, en: `Overlaps existing or planned PV/wind projects by ${mu(projects)} mu`,
    });
  }
  const mines = layer('mines');
  if (mines && mines.area_mu > 0 && type !== '修复') {
    out.push({
      kind: 'mine', severity: 'check', area_mu: mines.area_mu,
      zh: `含矿山修复地块 ${mu(mines.area_mu)} 亩`, en: `Includes ${mu(mines.area_mu)} mu of mine restoration sites`,
    });
  }
  return out;
}
