// The indexed FlatGeobuf that scripts/bench/bench-formats.ts writes for the format benchmark: stands survive the round
// trip (geometry bit for bit, attributes with their types) and a bbox query through the packed R-tree returns exactly
// the stands whose bounding box meets the query box, computed here straight from the coordinates.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { writeIndexedFgb } from '../../scripts/bench/bench-formats.ts';
import { fixtureLayers, square } from '../../src/core/plan/fixture.testutil.ts';

type Box = [number, number, number, number];

async function read(bytes: Uint8Array, box?: Box): Promise<Feature[]> {
  const rect = box && { minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] };
  const out: Feature[] = [];
  for await (const f of deserialize(bytes, rect ? { rect } : undefined)) out.push(f as Feature);
  return out;
}

/** Ids of the features whose ring's bounding box meets `box` (edges touching count, as in the R-tree search). */
function expectedIds(fc: FeatureCollection, box: Box): string[] {
  return fc.features.filter((f) => {
    const ring = (f.geometry as Polygon).coordinates[0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return Math.min(...xs) <= box[2] && Math.max(...xs) >= box[0] && Math.min(...ys) <= box[3] && Math.max(...ys) >= box[1];
  }).map((f) => String(f.properties!.id)).sort();
}

const idsOf = (fs: Feature[]): string[] => fs.map((f) => String(f.properties!.id)).sort();

describe('stands as indexed FlatGeobuf', () => {
  beforeAll(() => { vi.spyOn(console, 'debug').mockImplementation(() => {}); }); // flatgeobuf traces every index node
  const stands = fixtureLayers().stands as FeatureCollection;

  it('round-trips geometry and attributes (nulls come back absent; numbers stay numbers)', async () => {
    const back = await read(writeIndexedFgb(stands));
    expect(back).toHaveLength(stands.features.length);
    const byId = new Map(back.map((f) => [f.properties!.id, f]));
    for (const f of stands.features) {
      const g = byId.get(f.properties!.id)!;
      expect(g.geometry).toEqual(f.geometry);
      const nonNull = Object.fromEntries(Object.entries(f.properties!).filter(([, v]) => v !== null));
      expect(g.properties).toEqual(nonNull);
    }
    // the first stand has upgrade_year null: the column must still be numeric for the second
    expect(byId.get('S1')!.properties!.upgrade_year).toBe(2022);
    expect(byId.get('S0')!.properties!.carbon_afforestation).toBe(false);
  });

  it('answers bbox queries with exactly the stands whose bbox meets the box', async () => {
    const bytes = writeIndexedFgb(stands);
    const boxes: Box[] = [
      [115.3, 26.3, 115.305, 26.305], // S0 exactly
      [115.305, 26.305, 115.312, 26.312], // touches S0's corner and S4's edge, overlaps S1 and S5
      [115.315, 26.305, 115.335, 26.315], // middle of the grid
      [115.0, 26.0, 115.29, 26.29], // nothing
      [115.0, 26.0, 116.0, 27.0], // everything
    ];
    for (const box of boxes) expect(idsOf(await read(bytes, box))).toEqual(expectedIds(stands, box));
    expect(idsOf(await read(bytes, boxes[4]))).toHaveLength(stands.features.length);
    expect(await read(bytes, boxes[3])).toHaveLength(0);
  });

  it('keeps the index right over several tree levels (700 stands, node size 16)', async () => {
    const base = stands.features[0];
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: 700 }, (_, i) => ({
        ...base, id: i, properties: { ...base.properties, id: `G${i}` },
        geometry: { type: 'Polygon', coordinates: [square(115 + (i % 35) * 0.01 + (i % 7) * 1e-4, 26 + Math.floor(i / 35) * 0.01, 0.004 + (i % 5) * 0.002)] },
      })),
    };
    const bytes = writeIndexedFgb(fc);
    expect(await read(bytes)).toHaveLength(700);
    for (let k = 0; k < 12; k++) {
      const x = 115 + ((k * 37) % 30) * 0.0117;
      const y = 26 + ((k * 11) % 18) * 0.0113;
      const box: Box = [x, y, x + 0.003 + k * 0.004, y + 0.005 + k * 0.003];
      const got = idsOf(await read(bytes, box));
      expect(got).toEqual(expectedIds(fc, box));
    }
  });
});
