// Finding room for synthetic projects: a site in a given township that scores well (e.g. low-lying for PV, high for
// wind) and a footprint of a given ellipsoidal area that stays inside the township and clear of what is already placed.
import type { Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import type { Rng } from '../../src/core/random.ts';
import type { EdgeIndex } from './edge-index.ts';
import { blob, roundGeometry, type LocalProjection } from './geom.ts';
import { PolygonMask } from './mask.ts';
import type { Cell } from './stand-cells.ts';

export class Placer {
  private readonly taken: Polygon[] = [];
  private readonly mask = new PolygonMask();

  constructor(
    private readonly proj: LocalProjection,
    private readonly cells: Cell[],
    private readonly townships: EdgeIndex[],
    private readonly rng: Rng,
    /** How many of the best sites a footprint tries; stress data has finer cells, so it scales this up. */
    private readonly candidateLimit = 200,
  ) {}

  /** Register an area nothing else may overlap (water, for instance). */
  block(p: Polygon): void {
    this.taken.push(p);
    this.mask.add(p);
  }

  get blocked(): readonly Polygon[] {
    return this.taken;
  }

  /** Candidate sites of a township, best score first (lower is better), lightly shuffled among near-equals. */
  sites(township: number, score: (c: Cell) => number): Cell[] {
    return this.cells
      .filter((c) => c.township === township)
      .map((c) => ({ c, s: score(c) + this.rng.random() * 0.05 }))
      .sort((a, b) => a.s - b.s)
      .map((x) => x.c);
  }

  /**
   * A wobbly elliptical footprint of `areaM2` (ellipsoidal) inside `township`, centred on one of the best sites and clear of
   * everything placed so far. Throws if none of the first candidateLimit sites has room — a clear failure beats an overlap.
   */
  footprint(township: number, areaM2: number, score: (c: Cell) => number, aspect = 1.6, what = 'footprint'): Polygon {
    const candidates = this.sites(township, score).slice(0, this.candidateLimit);
    for (const c of candidates) {
      const waves = [2, 3, 4].map((k) => ({ k, a: this.rng.range(0.04, 0.12), p: this.rng.range(0, 6.28) }));
      const wobble = (t: number) => 1 + waves.reduce((s, w) => s + w.a * Math.sin(w.k * t + w.p), 0);
      const rotation = this.rng.range(0, Math.PI);
      const make = (r: number): Polygon => roundGeometry({ type: 'Polygon', coordinates: [blob(this.proj, c.site, r, wobble, 24, aspect, rotation)] });
      let r = Math.sqrt(areaM2 / (Math.PI * aspect));
      let poly = make(r);
      r *= Math.sqrt(areaM2 / geodesicArea(poly));
      poly = make(r);
      if (!poly.coordinates[0].every((v) => this.townships[township].contains(v[0], v[1]))) continue;
      if (this.mask.overlaps(poly, c.site)) continue;
      this.block(poly);
      return poly;
    }
    throw new Error(`placement: no room for ${what} (${(areaM2 / 1e4).toFixed(1)} ha) in township #${township}`);
  }

  /** A point site (substation, for instance) clear of placed footprints. */
  point(township: number, score: (c: Cell) => number): Position {
    for (const c of this.sites(township, score)) {
      if (!this.mask.containsPoint(c.site)) return c.site;
    }
    throw new Error(`placement: no free point in township #${township}`);
  }
}
