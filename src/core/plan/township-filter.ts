// Restricts the plan layers (and their cached areas) to one township, so the same computeProgress answers for a
// township exactly as it does for the county: the township polygon stands in for the county outline.
import type { AreaCache, FC, PlanLayers } from './layers.ts';

function pick<P>(fc: FC<P> | undefined, areas: Float64Array | undefined, keep: (p: P) => boolean): [FC<P> | undefined, Float64Array | undefined] {
  if (!fc) return [undefined, areas];
  const idx: number[] = [];
  fc.features.forEach((f, i) => { if (f.properties && keep(f.properties)) idx.push(i); });
  return [{ ...fc, features: idx.map((i) => fc.features[i]) }, areas ? Float64Array.from(idx, (i) => areas[i]) : undefined];
}

export function layersForTownship(layers: PlanLayers, areas: AreaCache, code: string): { layers: PlanLayers; areas: AreaCache } {
  const inTown = (p: { township_code?: string }) => p.township_code === code;
  const [stands, standAreas] = pick(layers.stands, areas.stands, inTown);
  const [townships, townshipAreas] = pick(layers.townships, areas.townships, (p) => p.code === code);
  if (!townships || townships.features.length === 0) throw new Error(`unknown township code: ${code}`);
  const [mines, mineAreas] = pick(layers.mines, areas.mines, inTown);
  const [wetlands, wetlandAreas] = pick(layers.wetlands, areas.wetlands, inTown);
  const [pv, pvAreas] = pick(layers.pv, areas.pv, inTown);
  const [carbonPilots, pilotAreas] = pick(layers.carbonPilots, areas.carbonPilots, inTown);
  const [oilTeaBases, oilAreas] = pick(layers.oilTeaBases, areas.oilTeaBases, inTown);
  const [windFarms] = pick(layers.windFarms, undefined, inTown);
  const t = townships.features[0];
  return {
    layers: {
      ...layers,
      stands: stands!,
      county: { type: 'FeatureCollection', features: [{ ...t, properties: { id: code, name: t.properties!.name } }] },
      townships, mines, wetlands, pv, carbonPilots, oilTeaBases, windFarms,
    },
    areas: {
      ...areas,
      stands: standAreas!, county: townshipAreas?.[0] ?? 0, townships: townshipAreas,
      mines: mineAreas, wetlands: wetlandAreas, pv: pvAreas, carbonPilots: pilotAreas, oilTeaBases: oilAreas,
    },
  };
}
