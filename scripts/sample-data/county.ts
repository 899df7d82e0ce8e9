// The real outlines: 兴国县 and its neighbours, decoded and made valid. The encoding quantises to 1/1024° (≈100 m), so
// the decoded rings repeat points, double back on themselves and pinch; a polyclip union resolves that into valid
// polygons, and slivers under 1 ha (pure quantisation artefacts, ~0.5 ha triangles) are dropped.
import { join } from 'node:path';
import type { Polygon, MultiPolygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { decodeCityFile, type DecodedRegion } from './outline.ts';
import { cleanRing, fromMulti, polygonsOf, union } from './geom.ts';
import { COUNTY, NEIGHBOURS } from './names.ts';

const ARTEFACT_M2 = 10_000;

function unionAll(polys: Position[][][]): Polygon | MultiPolygon {
  const g = union([{ type: 'MultiPolygon', coordinates: polys }, { type: 'Polygon', coordinates: [] }]);
  if (!g) throw new Error('outline union is empty');
  return g;
}

export function makeValid(g: Polygon | MultiPolygon, label: string): Polygon | MultiPolygon {
  const cleaned = polygonsOf(g)
    .map((rings) => rings.map(cleanRing).filter((r): r is Position[] => r !== null))
    .filter((rings) => rings.length > 0);
  // A union with an empty set rewrites the rings through the sweep line, which resolves pinches and overlaps.
  const merged = polygonsOf(unionAll(cleaned));
  const kept = merged
    .filter((rings) => geodesicArea({ type: 'Polygon', coordinates: [rings[0]] }) >= ARTEFACT_M2)
    .map((rings) => [rings[0], ...rings.slice(1).filter((h) => geodesicArea({ type: 'Polygon', coordinates: [h] }) >= ARTEFACT_M2)]);
  const out = fromMulti(kept);
  if (!out) throw new Error(`${label}: outline is empty after cleaning`);
  return out;
}

export interface Outlines {
  county: Polygon | MultiPolygon;
  neighbours: { adcode: string; name: string; name_en: string; geometry: Polygon | MultiPolygon }[];
}

export function loadOutlines(citiesDir: string): Outlines {
  const cache = new Map<string, DecodedRegion[]>();
  const regionsOf = (file: string) => {
    if (!cache.has(file)) cache.set(file, decodeCityFile(join(citiesDir, file)));
    return cache.get(file)!;
  };
  const find = (file: string, adcode: string) => {
    const r = regionsOf(file).find((x) => x.adcode === adcode);
    if (!r) throw new Error(`${join(citiesDir, file)}: no region with adcode ${adcode}`);
    return r;
  };
  const countyRegion = find(COUNTY.file, COUNTY.adcode);
  if (countyRegion.name !== COUNTY.name) throw new Error(`${COUNTY.file}: adcode ${COUNTY.adcode} is "${countyRegion.name}", expected ${COUNTY.name}`);
  const county = makeValid(countyRegion.geometry, COUNTY.name);
  const neighbours = Object.entries(NEIGHBOURS).map(([adcode, info]) => {
    const r = find(info.file, adcode);
    if (r.name !== info.name) throw new Error(`${info.file}: adcode ${adcode} is "${r.name}", expected ${info.name}`);
    return { adcode, name: info.name, name_en: info.name_en, geometry: makeValid(r.geometry, info.name) };
  });
  return { county, neighbours };
}
