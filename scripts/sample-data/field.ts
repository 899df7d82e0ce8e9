// Raster fields over the county in projected metres: a smooth value-noise "terrain" and distance-to-feature transforms.
// They drive where farmland, towns and tree species go, so that the synthetic map has plausible spatial structure.
import type { Rng } from '../../src/core/random.ts';

export class Grid {
  readonly values: Float64Array;
  constructor(readonly x0: number, readonly y0: number, readonly cell: number, readonly nx: number, readonly ny: number) {
    this.values = new Float64Array(nx * ny);
  }
  static like(g: Grid): Grid {
    return new Grid(g.x0, g.y0, g.cell, g.nx, g.ny);
  }
  idx(i: number, j: number): number {
    return j * this.nx + i;
  }
  /** Bilinear sample at projected (x, y), clamped at the edges. */
  sample(x: number, y: number): number {
    const fx = Math.max(0, Math.min(this.nx - 1.001, (x - this.x0) / this.cell));
    const fy = Math.max(0, Math.min(this.ny - 1.001, (y - this.y0) / this.cell));
    const [i, j] = [Math.floor(fx), Math.floor(fy)];
    const [u, v] = [fx - i, fy - j];
    const a = this.values[this.idx(i, j)];
    const b = this.values[this.idx(i + 1, j)];
    const c = this.values[this.idx(i, j + 1)];
    const d = this.values[this.idx(i + 1, j + 1)];
    return a * (1 - u) * (1 - v) + b * u * (1 - v) + c * (1 - u) * v + d * u * v;
  }
}

/** Fractal value noise in [0, 1): octaves of random lattices, bilinearly smoothed. */
export function valueNoise(like: Grid, rng: Rng, baseWavelengthM: number, octaves = 4): Grid {
  const out = Grid.like(like);
  let amp = 1;
  let total = 0;
  for (let o = 0; o < octaves; o++) {
    const wl = baseWavelengthM / 2 ** o;
    const lx = Math.ceil((like.nx * like.cell) / wl) + 2;
    const ly = Math.ceil((like.ny * like.cell) / wl) + 2;
    const lattice = Float64Array.from({ length: lx * ly }, () => rng.random());
    for (let j = 0; j < like.ny; j++) {
      for (let i = 0; i < like.nx; i++) {
        const fx = (i * like.cell) / wl;
        const fy = (j * like.cell) / wl;
        const [a, b] = [Math.floor(fx), Math.floor(fy)];
        // Smoothstep between lattice points hides the grid.
        const u = (fx - a) ** 2 * (3 - 2 * (fx - a));
        const v = (fy - b) ** 2 * (3 - 2 * (fy - b));
        const k = b * lx + a;
        const value = lattice[k] * (1 - u) * (1 - v) + lattice[k + 1] * u * (1 - v) + lattice[k + lx] * (1 - u) * v + lattice[k + lx + 1] * u * v;
        out.values[out.idx(i, j)] += amp * value;
      }
    }
    total += amp;
    amp *= 0.5;
  }
  for (let k = 0; k < out.values.length; k++) out.values[k] /= total;
  return out;
}

/** Distance in metres to the nearest seeded grid cell (two-pass chamfer 3-4 transform, ~2% accurate). */
export function distanceField(like: Grid, seeds: Iterable<[number, number]>): Grid {
  const out = Grid.like(like);
  const d = out.values;
  d.fill(Infinity);
  for (const [x, y] of seeds) {
    const i = Math.round((x - like.x0) / like.cell);
    const j = Math.round((y - like.y0) / like.cell);
    if (i >= 0 && j >= 0 && i < like.nx && j < like.ny) d[out.idx(i, j)] = 0;
  }
  const [a, b] = [like.cell, like.cell * Math.SQRT2];
  const relax = (i: number, j: number, di: number, dj: number, w: number) => {
    const [p, q] = [i + di, j + dj];
    if (p < 0 || q < 0 || p >= like.nx || q >= like.ny) return;
    const k = out.idx(i, j);
    const v = d[out.idx(p, q)] + w;
    if (v < d[k]) d[k] = v;
  };
  for (let j = 0; j < like.ny; j++) {
    for (let i = 0; i < like.nx; i++) {
      relax(i, j, -1, 0, a);
      relax(i, j, 0, -1, a);
      relax(i, j, -1, -1, b);
      relax(i, j, 1, -1, b);
    }
  }
  for (let j = like.ny - 1; j >= 0; j--) {
    for (let i = like.nx - 1; i >= 0; i--) {
      relax(i, j, 1, 0, a);
      relax(i, j, 0, 1, a);
      relax(i, j, 1, 1, b);
      relax(i, j, -1, 1, b);
    }
  }
  return out;
}
