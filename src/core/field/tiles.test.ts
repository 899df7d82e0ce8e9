// Tile arithmetic against known tiles: the stand tiles of data/tiles/stands are named by the same scheme.
import { describe, expect, it } from 'vitest';
import { boxAreaKm2, growBox, intersectBoxes, latToTileY, lonToTileX, tilesForBox } from './tiles.ts';

describe('tiles', () => {
  it('numbers tiles as MapLibre does', () => {
    // 兴国 (115.35°E, 26.33°N) at z10: x = floor((115.35+180)/360·1024) = 840, y = floor((1 − asinh(tan φ)/π)/2 · 1024)
    // = floor(434.32) = 434; the stand tiles of the sample cover z10 x 838–841, y 432–435 for the county's box.
    expect(lonToTileX(115.35, 10)).toBe(840);
    expect(latToTileY(26.33, 10)).toBe(434);
    const county = tilesForBox([114.9, 25.9, 116.0, 26.85], 10);
    expect(county.map((t) => `${t[1]}/${t[2]}`).sort()).toEqual([838, 839, 840, 841].flatMap((x) => [432, 433, 434, 435].map((y) => `${x}/${y}`)).sort());
    expect(lonToTileX(-180, 3)).toBe(0);
    expect(latToTileY(0.0001, 1)).toBe(0);
    expect(latToTileY(-0.0001, 1)).toBe(1);
  });
  it('lists every tile touching a box, no more', () => {
    const tiles = tilesForBox([115.3, 26.3, 115.4, 26.4], 12);
    const xs = new Set(tiles.map((t) => t[1]));
    const ys = new Set(tiles.map((t) => t[2]));
    expect(tiles.length).toBe(xs.size * ys.size);
    expect([...xs].sort()).toEqual([lonToTileX(115.3, 12), lonToTileX(115.4, 12)].filter((v, i, a) => a.indexOf(v) === i).length === 1 ? [lonToTileX(115.3, 12)] : [...Array(lonToTileX(115.4, 12) - lonToTileX(115.3, 12) + 1)].map((_, i) => lonToTileX(115.3, 12) + i));
    expect(tilesForBox([115.35, 26.33, 115.35, 26.33], 14)).toHaveLength(1);
  });
  it('intersects, grows and measures boxes', () => {
    expect(intersectBoxes([0, 0, 2, 2], [1, 1, 3, 3])).toEqual([1, 1, 2, 2]);
    expect(intersectBoxes([0, 0, 1, 1], [2, 2, 3, 3])).toBeNull();
    const g = growBox([115, 26, 115.1, 26.1], 1000);
    expect(g[1]).toBeCloseTo(26 - 1000 / 111_000, 9);
    // 0.1° × 0.1° at 26°N ≈ 10.0 km × 11.06 km
    expect(boxAreaKm2([115, 26, 115.1, 26.1])).toBeCloseTo(111.32 * Math.cos((26.05 * Math.PI) / 180) * 0.1 * 11.057, 3);
  });
});
