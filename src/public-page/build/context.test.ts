import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { simplifiedContext } from './context.ts';

/** A staircase square like the real outlines: 0.001° steps along the diagonal edge. */
function staircase(): FeatureCollection<Polygon> {
  const ring: number[][] = [[115, 26]];
  for (let k = 1; k <= 200; k++) ring.push([115 + k * 0.001, 26 + (k - 1) * 0.001], [115 + k * 0.001, 26 + k * 0.001]);
  ring.push([115, 26.2], [115, 26]);
  return { type: 'FeatureCollection', features: [{ type: 'Feature', id: 3, properties: { id: 'x', name: '某县', name_en: 'X' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
}

describe('simplified context layer', () => {
  it('drops staircase vertices, keeps properties and ids, stays within the tolerance', () => {
    const input = staircase();
    const out = simplifiedContext(input, 0.002);
    const ring = (out.features[0].geometry as Polygon).coordinates[0];
    expect(ring.length).toBeLessThan(input.features[0].geometry.coordinates[0].length / 20);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(out.features[0].properties).toEqual({ id: 'x', name: '某县', name_en: 'X' });
    expect(out.features[0].id).toBe(3);
    // every original vertex lies within the tolerance of the simplified diagonal x − 115 = y − 26
    for (const [x, y] of input.features[0].geometry.coordinates[0]) {
      if (x > 115 && y < 26.2) expect(Math.abs((x - 115) - (y - 26)) / Math.SQRT2).toBeLessThanOrEqual(0.002);
    }
    for (const [x, y] of ring) {
      expect(Math.round(x * 1e5) / 1e5).toBe(x);
      expect(Math.round(y * 1e5) / 1e5).toBe(y);
    }
  });
});
