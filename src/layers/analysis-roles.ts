// The lists of layers the analyses need, derived from the registry's `analysis` field (types.ts LayerAnalysis) rather than
// written down again: which file feeds each PlanLayers member (the workers, the server, the CLIs), which layers a
// site is checked against (the planner's site analysis) and which constraint layers the siting rules read, with the
// rules a bureau's own constraint layers bring.
import type { ConstraintSource } from '../core/analysis/site-index.ts';
import { bureauRules, SITING_RULES, type SitingRule } from '../core/analysis/siting-rules.ts';
import type { FC, PlanLayers } from '../core/plan/layers.ts';
import { LAYERS } from './registry.ts';
import type { LayerDef, Text } from './types.ts';

export type AnalysisRole = 'plan' | 'overlap' | 'constraint';

/** The registry's layers that play `role`, in registry order. */
export function layersWithRole(role: AnalysisRole, layers: LayerDef[] = LAYERS): LayerDef[] {
  return layers.filter((l) => (role === 'plan' ? l.analysis?.plan !== undefined : role === 'overlap' ? l.analysis?.overlap === true : l.analysis?.constraint !== undefined));
}

/** Which data file feeds each plan layer (the `plan` role). */
export function planLayerFiles(layers: LayerDef[] = LAYERS): Record<keyof PlanLayers, string> {
  const out = {} as Record<keyof PlanLayers, string>;
  for (const l of layersWithRole('plan', layers)) {
    const key = l.analysis!.plan!;
    if (out[key]) throw new Error(`layer registry: two layers (${out[key]}, ${l.source.file}) feed the plan layer ${key}`);
    out[key] = l.source.file;
  }
  return out;
}

export interface OverlapLayer {
  /** The key of the overlap rows (SiteAnalysis.overlaps[].layer): the plan key, else the layer id. */
  key: string;
  id: string;
  name: Text;
  file: string;
}

export const overlapKey = (l: LayerDef): string => l.analysis?.plan ?? l.id;

/** The layers a site is checked against besides the stands (the `overlap` role), in registry order. */
export function overlapLayers(layers: LayerDef[] = LAYERS): OverlapLayer[] {
  return layersWithRole('overlap', layers).map((l) => ({ key: overlapKey(l), id: l.id, name: l.name, file: l.source.file }));
}

/** The overlap layers' collections out of loaded layers keyed by overlap key (buildSiteIndex's third argument). */
export function overlapSources(loaded: object, layers: LayerDef[] = LAYERS): Record<string, FC<unknown> | undefined> {
  const byKey = loaded as Record<string, FC<unknown> | undefined>;
  return Object.fromEntries(overlapLayers(layers).map((o) => [o.key, byKey[o.key]]));
}

/** The name of an overlap row's layer, for tables; the key itself when no registry layer has it (an old saved result). */
export function overlapName(key: string, layers: LayerDef[] = LAYERS): Text {
  return overlapLayers(layers).find((o) => o.key === key)?.name ?? { zh: key, en: key };
}

export interface ConstraintLayerRef {
  /** The registry id: the key of the layer in the site index and in a siting result. */
  id: string;
  kind: string;
  name: Text;
  file: string;
}

/** The constraint layers (三区三线 and a bureau's own), in registry order. */
export function constraintLayers(layers: LayerDef[] = LAYERS): ConstraintLayerRef[] {
  return layersWithRole('constraint', layers).map((l) => ({ id: l.id, kind: l.analysis!.constraint!.kind, name: l.name, file: l.source.file }));
}

/** The constraint layers' collections out of loaded files keyed by registry id (buildSiteIndex's fourth argument). */
export function constraintSources(loaded: Record<string, FC<unknown> | undefined>, layers: LayerDef[] = LAYERS): Record<string, ConstraintSource> {
  return Object.fromEntries(constraintLayers(layers).map((c) => [c.id, { kind: c.kind, name: c.name, fc: loaded[c.id] }]));
}

/** The siting rules: the built-in table and the rules of each constraint layer that brings its own verdicts. */
export function sitingRules(layers: LayerDef[] = LAYERS): SitingRule[] {
  const own = layersWithRole('constraint', layers).flatMap((l) => {
    const c = l.analysis!.constraint!;
    return c.verdicts ? bureauRules(c.kind, l.name, c.verdicts, c.basis) : [];
  });
  return [...SITING_RULES, ...own];
}
