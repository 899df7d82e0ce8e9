import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { fixtureLayers } from '../core/plan/fixture.testutil.ts';
import { computeAreas } from '../core/plan/layers.ts';
import { computeProgress } from '../core/plan/progress.ts';
import { decodeStandColumns, encodeStandColumns, validateStandColumns } from './stand-columns.ts';
import { standCentroids } from './stand-points.ts';

type F = Feature<Geometry | null, Record<string, unknown>>;

function columnsOf(features: F[]) {
  const areas = computeAreas({ ...fixtureLayers(), stands: { type: 'FeatureCollection', features: features as never } }).stands;
  const packed = standCentroids(features, areas, new Float64Array(features.length));
  const centres = Float64Array.from({ length: 2 * features.length }, (_, k) => packed.data[4 * (k >> 1) + (k & 1)]);
  // Through JSON, as the worker receives it.
  return { areas, json: JSON.parse(JSON.stringify(encodeStandColumns(features, areas, centres, { bytes: 1, sha1: 'x' }))) };
}

describe('stand columns (the analysis worker’s compact stand file)', () => {
  it('round-trips every property, the exact areas and the centres', () => {
    const features = fixtureLayers().stands.features as unknown as F[];
    const { areas, json } = columnsOf(features);
    const back = decodeStandColumns(validateStandColumns(json));
    expect(back.stands.features.map((f) => f.properties)).toEqual(features.map((f) => Object.fromEntries(Object.entries(f.properties!).map(([k, v]) => [k, v ?? null]))));
    expect(Array.from(back.areas)).toEqual(Array.from(areas));
    expect(back.stands.features.every((f) => f.geometry === null)).toBe(true);
  });

  it('gives the same progress as the GeoJSON with its geometry (independent area pass)', () => {
    const layers = fixtureLayers();
    const { json } = columnsOf(layers.stands.features as unknown as F[]);
    const back = decodeStandColumns(validateStandColumns(json));
    const direct = computeProgress(layers, { areas: computeAreas(layers) });
    const viaColumns = computeProgress({ ...layers, stands: back.stands as never }, {
      areas: { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: back.areas },
    });
    expect(viaColumns.county).toEqual(direct.county);
    expect(viaColumns.by_township).toEqual(direct.by_township);
  });

  it('dictionary-codes repetitive fields and keeps unique ones plain', () => {
    const features: F[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'Feature', id: i + 1, properties: { id: `s-${i}`, species: i % 2 ? '杉木' : '马尾松', upgrade_type: null },
      geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.001, 26], [115.001, 26.001], [115, 26]]] },
    }));
    const { json } = columnsOf(features);
    expect(json.fields.species.dict.sort()).toEqual(['杉木', '马尾松']);
    expect(json.fields.id.values).toHaveLength(40);
  });

  it('names the file and the problem for a broken file', () => {
    expect(() => validateStandColumns({ format: 'nope' })).toThrow(/stands\.columns\.json: not a stand-columns-1 file/);
    const features = fixtureLayers().stands.features as unknown as F[];
    const { json } = columnsOf(features);
    json.area_m2.pop();
    expect(() => validateStandColumns(json)).toThrow(/area_m2 has \d+ entries for \d+ stands/);
    const { json: j2 } = columnsOf(features);
    const k = Object.keys(j2.fields).find((f) => 'codes' in j2.fields[f])!;
    j2.fields[k].codes[0] = 999;
    expect(() => validateStandColumns(j2)).toThrow(/code outside its dictionary/);
  });
});
