import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { analyseSite, buildSiteIndex } from '../../analysis/index.ts';
import { fixtureLayers } from '../../plan/fixture.testutil.ts';
import { computeAreas } from '../../plan/layers.ts';
import { encodeStandColumns, readStandColumns } from './stand-columns.ts';
import { encodeStandGeometry, readStandGeometry } from './stand-geometry.ts';
import { standCentroids } from './stand-points.ts';

/** Every fixture layer but the stands and the outlines, as site analysis's overlap layers (the registry picks them in the app). */
const projectLayers = (layers: object) => Object.fromEntries(Object.entries(layers).filter(([k]) => !['stands', 'county', 'townships'].includes(k)));

type F = Feature<Geometry | null, Record<string, unknown>>;
const SOURCE = { bytes: 1, sha1: 'x' };

describe('stand geometry (the planner’s binary polygon file)', () => {
  it('round-trips polygons, holes, multipolygons and missing geometry exactly', () => {
    const features: F[] = [
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[115.1, 26.1], [115.2, 26.1], [115.2, 26.2], [115.1, 26.1]]] } },
      { type: 'Feature', properties: {}, geometry: null },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [
        [[115, 26], [115.01, 26], [115.01, 26.01], [115, 26.01], [115, 26]],
        [[115.002, 26.002], [115.002, 26.004], [115.004, 26.004], [115.002, 26.002]],
      ] } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [
        [[[115.3, 26.3], [115.31, 26.3], [115.31, 26.31], [115.3, 26.3]]],
        [[[115.4, 26.4], [115.41, 26.4], [115.41, 26.41], [115.4, 26.4]]],
      ] } },
    ];
    const back = readStandGeometry(encodeStandGeometry(features, SOURCE));
    expect(back.geometries).toEqual(features.map((f) => f.geometry));
    expect(back.source).toEqual(SOURCE);
    const fixture = fixtureLayers().stands.features as unknown as F[];
    expect(readStandGeometry(encodeStandGeometry(fixture, SOURCE)).geometries).toEqual(fixture.map((f) => f.geometry));
  });

  it('gives the same site analysis as the GeoJSON stands (columns for attributes and areas, this file for polygons)', () => {
    const layers = fixtureLayers();
    const features = layers.stands.features as unknown as F[];
    const areas = computeAreas(layers);
    const packed = standCentroids(features, areas.stands, new Float64Array(features.length));
    const centres = Float64Array.from({ length: 2 * features.length }, (_, k) => packed.data[4 * (k >> 1) + (k & 1)]);
    const columns = readStandColumns(encodeStandColumns(features, areas.stands, centres, SOURCE));
    const { geometries } = readStandGeometry(encodeStandGeometry(features, SOURCE));
    const binaryStands = { type: 'FeatureCollection', features: columns.stands.features.map((f, i) => ({ ...f, geometry: geometries[i] })) };
    const direct = buildSiteIndex(layers, areas, projectLayers(layers));
    const binary = buildSiteIndex({ ...layers, stands: binaryStands as never }, { ...areas, stands: columns.areas }, projectLayers(layers));
    // A site over part of the fixture's stands: the bbox of the first stand, grown a little.
    const xs = features.flatMap((f) => (f.geometry as { coordinates: number[][][] }).coordinates[0].map((p) => p[0]));
    const ys = features.flatMap((f) => (f.geometry as { coordinates: number[][][] }).coordinates[0].map((p) => p[1]));
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const site = { type: 'Polygon' as const, coordinates: [[[x0, y0], [(x0 + x1) / 2, y0], [(x0 + x1) / 2, (y0 + y1) / 2], [x0, (y0 + y1) / 2], [x0, y0]]] };
    const a = analyseSite(direct, site, { type: '光伏', year: 2026 });
    const b = analyseSite(binary, site, { type: '光伏', year: 2026 });
    expect(a.stands.count).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('names the file and the problem for a broken file', () => {
    const bytes = encodeStandGeometry(fixtureLayers().stands.features as unknown as F[], SOURCE);
    expect(() => readStandGeometry(new TextEncoder().encode('{}'))).toThrow(/stands\.geometry\.bin: not a stand-geometry-1 file/);
    expect(() => readStandGeometry(bytes.subarray(0, bytes.length - 16))).toThrow(/stands\.geometry\.bin: truncated/);
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const start = Math.ceil((12 + headerLength) / 8) * 8;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
    const corrupt = bytes.slice();
    // The second polygon offset pointing before the first: offsets must rise.
    const polygonsAt = start + Math.ceil(header.count / 8) * 8;
    new DataView(corrupt.buffer).setUint32(polygonsAt + 4, 0xffffffff, true);
    expect(() => readStandGeometry(corrupt)).toThrow(/polygon offsets go backwards/);
    const kind = bytes.slice();
    kind[start] = 7;
    expect(() => readStandGeometry(kind)).toThrow(/stand 1 has an unknown geometry kind 7/);
  });
});
