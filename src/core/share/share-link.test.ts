import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { decodeShare, encodeShare, MAX_SHARE_CHARS } from './share-link.ts';

const square = (x: number, y: number, d: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

describe('share links', () => {
  it('round-trips the view and small sites, keeping the area within 10 ppm', () => {
    const site = { name: '光伏 <A>', type: '光伏', note: 'note, "quoted"', geometry: square(115.31234567, 26.31234567, 0.01) };
    const enc = encodeShare({ view: { center: [115.4, 26.4], zoom: 11.234 }, lang: null, layers: ['stands', 'pv'], selected: 'x', sites: [site] });
    expect(enc.droppedSites).toBe(0);
    expect(enc.hash).toMatch(/^#share=[A-Za-z0-9_-]+$/);
    const dec = decodeShare(enc.hash);
    if (!dec || dec instanceof Error) throw new Error('decode failed');
    expect(dec.view?.center).toEqual([115.4, 26.4]);
    expect(dec.view?.zoom).toBeCloseTo(11.23, 2);
    expect(dec.lang).toBeNull();
    expect(dec.layers).toEqual(['stands', 'pv']);
    expect(dec.sites[0].name).toBe('光伏 <A>');
    expect(Math.abs(geodesicArea(dec.sites[0].geometry) - geodesicArea(site.geometry))).toBeLessThan(1e-5 * geodesicArea(site.geometry));
  });

  it('drops sites that do not fit and says how many', () => {
    const ring = Array.from({ length: 3000 }, (_, i) => [115 + Math.cos(i) * 0.01 + i * 1e-7, 26 + Math.sin(i) * 0.01]);
    const big = { name: 'big', type: '其他', note: '', geometry: { type: 'LineString' as const, coordinates: ring } };
    const small = { name: 'small', type: '其他', note: '', geometry: square(115, 26, 0.001) };
    const enc = encodeShare({ view: { center: [115, 26], zoom: 10 }, lang: null, layers: [], selected: null, sites: [big, small] });
    expect(enc.hash.length).toBeLessThanOrEqual(MAX_SHARE_CHARS);
    expect(enc.droppedSites).toBe(1);
    const dec = decodeShare(enc.hash) as { sites: { name: string }[] };
    expect(dec.sites.map((s) => s.name)).toEqual(['small']);
  });

  it('reports damaged links and ignores other hashes', () => {
    expect(decodeShare('#layers')).toBeNull();
    expect(decodeShare('#share=not-a-link')).toBeInstanceOf(Error);
    expect(String(decodeShare('#share=AAAA'))).toMatch(/damaged/);
  });
});

describe('encodeShare with many sites', () => {
  it('keeps the most sites that fit, smallest first', () => {
    const sites = Array.from({ length: 3000 }, (_, i) => {
      const x = 115 + (i % 60) * 0.01, y = 26 + Math.floor(i / 60) * 0.01, s = 0.001 * (1 + (i % 7));
      return { name: `小班 ${i}`, type: '其他', note: '', geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] } };
    });
    const enc = encodeShare({ view: { center: [115.3, 26.3], zoom: 10 }, lang: null, layers: [], selected: null, sites });
    expect(enc.hash.length).toBeLessThanOrEqual(MAX_SHARE_CHARS);
    expect(enc.droppedSites).toBeGreaterThan(0);
    const back = decodeShare(enc.hash) as { sites: { name: string }[] };
    expect(back.sites.length).toBe(3000 - enc.droppedSites);
    // Maximal: one more of the next-smallest would not fit.
    const kept = new Set(back.sites.map((s) => s.name));
    const next = sites.filter((s) => !kept.has(s.name)).sort((a, b) => JSON.stringify(a.geometry).length - JSON.stringify(b.geometry).length)[0];
    const more = encodeShare({ view: { center: [115.3, 26.3], zoom: 10 }, lang: null, layers: [], selected: null, sites: [...sites.filter((s) => kept.has(s.name)), next] }, MAX_SHARE_CHARS);
    expect(more.droppedSites).toBe(1);
  });
});

describe('shared site area', () => {
  it('a site stored at 9 decimals comes back as the same polygon, so its area reads the same', () => {
    // A field-sized irregular polygon as the planner stores it (Terra Draw's 9 decimals).
    const ring = [[115.301234567, 26.301234567], [115.338765432, 26.302345678], [115.341111111, 26.318888888], [115.302222222, 26.321212121], [115.301234567, 26.301234567]];
    const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
    const enc = encodeShare({ view: { center: [115.3, 26.3], zoom: 12 }, lang: null, layers: [], selected: null, sites: [{ name: 'A', type: '其他', note: '', geometry }] });
    const back = decodeShare(enc.hash) as { sites: { geometry: Polygon }[] };
    expect(back.sites[0].geometry).toEqual(geometry);
    expect(geodesicArea(back.sites[0].geometry)).toBe(geodesicArea(geometry));
  });
});
