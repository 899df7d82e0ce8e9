import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { gkOf, legendInView, metresPerPixel, niceLength } from './report-map.ts';

describe('report map helpers', () => {
  it('ground resolution matches the Web Mercator formula at the equator and halves per zoom', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
    expect(metresPerPixel(26.3, 15) / metresPerPixel(26.3, 16)).toBeCloseTo(2, 12);
  });
  it('picks round scale-bar lengths', () => {
    expect(niceLength(740)).toBe(500);
    expect(niceLength(1999)).toBe(1000);
    expect(niceLength(2000)).toBe(2000);
    expect(niceLength(38)).toBe(20);
  });
  it('gives CGCS2000 3° GK zone 38 coordinates for Xingguo, checked against proj4 directly', () => {
    const g = gkOf(115.35, 26.33);
    const [e, n] = proj4('+proj=longlat +ellps=GRS80 +no_defs', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', [115.35, 26.33]);
    expect(g).toMatchObject({ zone: 38, epsg: 4526 });
    expect(g.x).toBeCloseTo(n, 6);
    expect(g.y).toBeCloseTo(e, 6);
  });
});

describe('the report legend lists what its frame shows', () => {
  const stands = { id: 'stands', name: { zh: '森林资源小班', en: 'Forest stands' }, style: { fill: { kind: 'categorical', property: 'species', values: [{ value: '杉木', colour: '#2e7d32' }, { value: '马尾松', colour: '#558b2f' }, { value: '毛竹', colour: '#9e9d24' }], fallback: '#999' }, outline: '#333' } };
  const wind = { id: 'wind-farms', name: { zh: '风电场', en: 'Wind farms' }, style: { fill: { kind: 'single', colour: '#1f78b4' } } };
  const f = (species: string) => ({ type: 'Feature' as const, properties: { species }, geometry: { type: 'Point' as const, coordinates: [0, 0] } });
  it('a swatch per species group drawn, none for layers with nothing in the frame', () => {
    const entries = legendInView([stands, wind] as never, new Map([['stands', [f('杉木'), f('毛竹'), f('杉木')]]]));
    expect(entries.map((e) => [e.id, e.name.zh, e.fill])).toEqual([['stands', '森林资源小班：杉木', '#2e7d32'], ['stands', '森林资源小班：毛竹', '#9e9d24']]);
    expect(entries[1].name.en).toBe('Forest stands: Moso bamboo');
  });
});
