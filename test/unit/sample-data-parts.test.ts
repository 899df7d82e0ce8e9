// Unit tests of the generator's building blocks that need no generated data: outline decoding, clipping, PRNG.
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { decodeRing } from '../../scripts/sample-data/outline.ts';
import { clipRingConvex, isSimpleRing } from '../../scripts/sample-data/clip.ts';
import { cleanRing, roundPolygon } from '../../scripts/sample-data/geom.ts';
import { Rng } from '../../src/core/random.ts';
import { findCrossing } from '../../src/core/geo/validate.ts';

/** ECharts' encoder, written independently from its description: quantise, delta, zigzag, +64. */
function encodeRing(ring: Position[], scale = 1024): { text: string; offset: [number, number] } {
  const q = ring.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)]);
  const offset: [number, number] = [q[0][0], q[0][1]];
  let [px, py] = offset;
  let text = '';
  for (const [x, y] of q) {
    const [dx, dy] = [x - px, y - py];
    [px, py] = [x, y];
    const zz = (v: number) => (v << 1) ^ (v >> 31);
    text += String.fromCharCode(zz(dx) + 64, zz(dy) + 64);
  }
  return { text, offset };
}

describe('ECharts outline decoding', () => {
  it('inverts the encoder and closes the ring', () => {
    const ring: Position[] = [[115.1, 26.2], [115.13, 26.21], [115.12, 26.25], [115.09, 26.23]];
    const { text, offset } = encodeRing(ring);
    const decoded = decodeRing(text, offset);
    expect(decoded).toHaveLength(ring.length + 1);
    decoded.slice(0, -1).forEach((p, i) => {
      expect(p[0]).toBeCloseTo(ring[i][0], 3);
      expect(p[1]).toBeCloseTo(ring[i][1], 3);
    });
    expect(decoded[decoded.length - 1]).toEqual(decoded[0]);
  });

  it('decodes negative and positive deltas (zigzag)', () => {
    // '@' = 64 → 0; 'A' = 65 → -1; 'B' = 66 → +1.
    expect(decodeRing('@@BA', [1024, 2048])).toEqual([[1, 2], [1 + 1 / 1024, 2 - 1 / 1024], [1, 2]]);
  });
});

describe('convex clipping', () => {
  const square: Position[] = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
  it('clips a concave subject to a convex window', () => {
    // An L-shape; the window takes its corner block.
    const l: Position[] = [[-1, -1], [3, -1], [3, 1], [1, 1], [1, 3], [-1, 3], [-1, -1]];
    const out = clipRingConvex(l, square);
    const area = Math.abs(out.slice(0, -1).reduce((s, p, i) => s + p[0] * out[i + 1][1] - out[i + 1][0] * p[1], 0)) / 2;
    expect(area).toBeCloseTo(3, 10);
    expect(isSimpleRing(cleanRing(out)!)).toBe(true);
  });
  it('flags a ring that touches itself', () => {
    expect(isSimpleRing([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]])).toBe(false);
    expect(isSimpleRing(square)).toBe(true);
  });
  it('flags a Sutherland–Hodgman bridge that sits a rounding error off its edge (stand 360732102-004-015 of sample-data-1)', () => {
    // Where the township is concave, the clip ran back along the cell's first edge to the closing point: the vertex
    // (115.515625, 26.68662330…) lies on edge 0 up to floating-point error, so exact tests saw a simple ring, and
    // rounding to 6 decimals moved it across the edge — a self-intersection the importer refused.
    const bridged: Position[] = [
      [115.51440397785858, 26.68619576209821], [115.51864842509237, 26.687681961872343], [115.51834960800106, 26.68857296678269],
      [115.51675739061666, 26.689609004135225], [115.515625, 26.688477], [115.515625, 26.68662330489256], [115.51440397785858, 26.68619576209821],
    ];
    expect(findCrossing(roundPolygon([bridged])!)).toBeDefined();
    expect(isSimpleRing(bridged)).toBe(false);
    // The ring without the bridge's far end is simple and stays valid when rounded.
    const fixed = [...bridged.slice(1, 6), bridged[1]];
    expect(isSimpleRing(fixed)).toBe(true);
    expect(findCrossing(roundPolygon([fixed])!)).toBeUndefined();
  });
  it('flags a spike doubling back along its neighbouring edge (exact tests skip neighbours)', () => {
    const spiked: Position[] = [[0, 0], [2, 0], [2, 2], [2 - 1e-8, 1], [0, 2], [0, 0]];
    expect(isSimpleRing(spiked)).toBe(false);
    expect(findCrossing(roundPolygon([spiked])!)).toBeDefined();
  });
  it('drops rings that collapse when rounded to 6 decimals', () => {
    expect(roundPolygon([[[0, 0], [1e-8, 0], [0, 1e-8], [0, 0]]])).toBeNull();
    expect(roundPolygon([square])).toEqual([square]);
  });
});

describe('seeded Rng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.random())(new Rng(42)));
    const b = Array.from({ length: 5 }, ((r) => () => r.random())(new Rng(42)));
    const c = Array.from({ length: 5 }, ((r) => () => r.random())(new Rng(43)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    a.forEach((v) => expect(v >= 0 && v < 1).toBe(true));
  });
  it('weighted() follows the weights', () => {
    const r = new Rng('w');
    let hits = 0;
    for (let i = 0; i < 20000; i++) if (r.weighted([['a', 1], ['b', 3]]) === 'b') hits++;
    expect(hits / 20000).toBeGreaterThan(0.73);
    expect(hits / 20000).toBeLessThan(0.77);
  });
});
