import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { fixtureLayers } from '../../plan/fixture.testutil.ts';
import { computeAreas } from '../../plan/layers.ts';
import { computeProgress } from '../../plan/progress.ts';
import { encodeStandColumns, plainProperties, readStandColumns } from './stand-columns.ts';
import { standCentroids } from './stand-points.ts';

type F = Feature<Geometry | null, Record<string, unknown>>;

function columnsOf(features: F[]) {
  const areas = computeAreas({ ...fixtureLayers(), stands: { type: 'FeatureCollection', features: features as never } }).stands;
  const packed = standCentroids(features, areas, new Float64Array(features.length));
  const centres = Float64Array.from({ length: 2 * features.length }, (_, k) => packed.data[4 * (k >> 1) + (k & 1)]);
  return { areas, centres, bytes: encodeStandColumns(features, areas, centres, { bytes: 1, sha1: 'x' }) };
}

const plain = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v ?? null]));

describe('stand columns (the analysis worker’s binary stand file)', () => {
  it('round-trips every property, the exact areas and the centres', () => {
    const features = fixtureLayers().stands.features as unknown as F[];
    const { areas, centres, bytes } = columnsOf(features);
    const back = readStandColumns(bytes);
    expect(back.count).toBe(features.length);
    expect(back.stands.features.map((f) => plainProperties(f.properties))).toEqual(features.map((f) => plain(f.properties!)));
    // Property reads through the row views give the same values as the plain objects.
    back.stands.features.forEach((f, i) => { for (const [k, v] of Object.entries(features[i].properties!)) expect(f.properties[k]).toEqual(v ?? null); });
    expect(Array.from(back.areas)).toEqual(Array.from(areas));
    for (let i = 0; i < centres.length; i++) expect(Math.abs(back.centres[i] - centres[i])).toBeLessThanOrEqual(5e-7);
    expect(back.stands.features.every((f) => f.geometry === null)).toBe(true);
  });

  it('reads a file at any byte offset (copied once when the data block is unaligned)', () => {
    const features = fixtureLayers().stands.features as unknown as F[];
    const { bytes } = columnsOf(features);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const back = readStandColumns(shifted.subarray(3));
    expect(Array.from(back.areas)).toEqual(Array.from(readStandColumns(bytes).areas));
  });

  it('gives the same progress as the GeoJSON with its geometry (independent area pass)', () => {
    const layers = fixtureLayers();
    const back = readStandColumns(columnsOf(layers.stands.features as unknown as F[]).bytes);
    const direct = computeProgress(layers, { areas: computeAreas(layers) });
    const viaColumns = computeProgress({ ...layers, stands: back.stands as never }, {
      areas: { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: back.areas },
    });
    expect(viaColumns.county).toEqual(direct.county);
    expect(viaColumns.by_township).toEqual(direct.by_township);
    expect(viaColumns.targets.map((t) => t.value)).toEqual(direct.targets.map((t) => t.value));
  });

  it('dictionary-codes repetitive fields, stores numbers as f64 with null, keeps unique text in the header', () => {
    const features: F[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'Feature', id: i + 1, properties: { id: `s-${i}`, species: i % 2 ? '杉木' : '马尾松', upgrade_type: null, stock_m3: i % 5 ? i * 1.5 : null, flag: i % 3 === 0, canopy: i % 4 ? 0.5 : null },
      geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.001, 26], [115.001, 26.001], [115, 26]]] },
    }));
    const { bytes } = columnsOf(features);
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
    const kind = (name: string) => header.columns.find((c: { name: string }) => c.name === name).kind;
    expect([kind('id'), kind('species'), kind('stock_m3'), kind('flag'), kind('upgrade_type'), kind('canopy')]).toEqual(['text', 'dict', 'number', 'dict', 'dict', 'dict']);
    const back = readStandColumns(bytes);
    expect(back.get('stock_m3', 0)).toBeNull();
    expect(back.get('stock_m3', 3)).toBe(4.5);
    expect(back.get('flag', 3)).toBe(true);
    expect(back.get('upgrade_type', 7)).toBeNull();
    expect([back.get('canopy', 0), back.get('canopy', 1)]).toEqual([null, 0.5]);
  });

  it('names the file and the problem for a broken file', () => {
    expect(() => readStandColumns(new TextEncoder().encode('{"format":"stand-columns-1"}'))).toThrow(/stands\.columns\.bin: not a stand-columns-2 file/);
    const features = fixtureLayers().stands.features as unknown as F[];
    const { bytes } = columnsOf(features);
    expect(() => readStandColumns(bytes.subarray(0, bytes.length - 8))).toThrow(/stands\.columns\.bin: truncated/);
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint32(8, 1e9, true);
    expect(() => readStandColumns(bad)).toThrow(/header claims/);
    // A dictionary code past the end of its dictionary.
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
    const dict = header.columns.find((c: { kind: string; width: number }) => c.kind === 'dict' && c.width === 1);
    const start = Math.ceil((12 + headerLength) / 8) * 8;
    const corrupt = bytes.slice();
    corrupt[start + dict.offset] = 255;
    expect(() => readStandColumns(corrupt)).toThrow(new RegExp(`column ${dict.name} has a code outside its dictionary`));
  });
});
