// CRS definitions and .prj reading. Projected numbers are checked against GeographicLib (an independent
// implementation): on a GK central meridian (k = 1) the northing equals the meridian arc from the equator.
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import geodesicModule from 'geographiclib-geodesic';
import { CRS_DEFS, crsByCode, fromLonLat, guessCrs, parseCrsChoice, toLonLat } from '../../src/core/geo/crs.ts';
import { crsFromWkt } from '../../src/core/io/prj.ts';
import { ESRI_CGCS2000_GK38, OGC_CGCS2000_CM114, ESRI_XIAN80_GK_CM117, ESRI_CGCS2000_GEO, ESRI_LAMBERT_AZIMUTHAL } from '../fixtures/prj-samples.ts';

const { Geodesic } = geodesicModule;
const meridianArc = (a: number, f: number, lat: number) => new Geodesic.Geodesic(a, f).Inverse(0, 0, lat, 0).s12!;

describe('CRS table', () => {
  it('has the CGCS2000, Xi\'an 1980 and Beijing 1954 GK families with the right zones and meridians', () => {
    expect(crsByCode(4513)!.proj4).toContain('+lon_0=75 ');
    expect(crsByCode(4526)!.name).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 38');
    expect(crsByCode(4526)!.proj4).toMatch(/\+lon_0=114 .*\+x_0=38500000 /);
    expect(crsByCode(4533)!.proj4).toMatch(/\+lon_0=135 .*\+x_0=45500000 /);
    expect(crsByCode(4547)!.proj4).toMatch(/\+lon_0=114 .*\+x_0=500000 /);
    expect(crsByCode(4554)!.proj4).toContain('+lon_0=135 ');
    expect(crsByCode(4491)!.proj4).toMatch(/\+lon_0=75 .*\+x_0=13500000 /);
    expect(crsByCode(4501)!.proj4).toMatch(/\+lon_0=135 .*\+x_0=23500000 /);
    expect(crsByCode(4512)!.proj4).toMatch(/\+lon_0=135 .*\+x_0=500000 /);
    expect(crsByCode(2343)!.proj4).toMatch(/\+lon_0=105 .*\+a=6378140/); // Xian 1980 / GK CM 105E
    expect(crsByCode(2362)!.proj4).toMatch(/\+lon_0=114 .*\+x_0=38500000 .*\+a=6378140/); // Xian 1980 3° zone 38
    expect(crsByCode(2414)!.proj4).toMatch(/\+lon_0=114 .*\+x_0=38500000 .*krass/); // Beijing 1954 3° zone 38
    expect(crsByCode(21413)!.proj4).toMatch(/\+lon_0=75 .*\+x_0=13500000 .*krass/);
    const codes = CRS_DEFS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    ['CGCS2000', 4526, '+proj=longlat +ellps=GRS80', 6378137, 1 / 298.257222101],
    ['Xi\'an 1980', 2362, '+proj=longlat +a=6378140 +rf=298.257 +towgs84=0,0,0,0,0,0,0', 6378140, 1 / 298.257],
    ['Beijing 1954', 2414, '+proj=longlat +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0', 6378245, 1 / 298.3],
  ])('%s zone 38: northing on the central meridian equals the meridian arc', (_n, code, geo, a, f) => {
    const def = crsByCode(code)!.proj4;
    for (const lat of [24.5, 26.3, 29]) {
      const [x, y] = proj4(geo, def, [114, lat]);
      expect(x).toBeCloseTo(38500000, 3);
      expect(Math.abs(y - meridianArc(a, f, lat))).toBeLessThan(1e-3);
    }
  });

  it('round-trips lon/lat through every GK zone near its meridian', () => {
    for (const d of CRS_DEFS.filter((x) => x.kind === 'gk3' || x.kind === 'gk6')) {
      const [x, y] = fromLonLat(d.proj4)(d.cm! + 1.2, 27);
      const [lon, lat] = toLonLat(d.proj4)(x, y);
      expect(Math.abs(lon - (d.cm! + 1.2))).toBeLessThan(1e-8);
      expect(Math.abs(lat - 27)).toBeLessThan(1e-8);
    }
  });

  it('parses user choices', () => {
    expect(parseCrsChoice('EPSG:4526')!.id).toBe('EPSG:4526');
    expect(parseCrsChoice('4547')!.name).toContain('CM 114E');
    expect(parseCrsChoice('EPSG:9999')).toBeUndefined();
    expect(parseCrsChoice('+proj=tmerc +lon_0=111 +ellps=GRS80')!.id).toBe('custom');
  });
});

describe('guessing the CRS from coordinate sizes', () => {
  it('lon/lat → WGS84 default', () => {
    expect(guessCrs([[115.4, 26.3], [115.5, 26.4]]).how).toBe('default');
  });
  it('zone-prefixed 3° eastings → CGCS2000 3° GK zone 38 (EPSG:4526), assumed', () => {
    const g = guessCrs([[38640000, 2911000], [38641000, 2912000]]);
    expect(g).toMatchObject({ id: 'EPSG:4526', how: 'assumed' });
    expect(g.explanation).toContain('zone prefix 38');
  });
  it('zone-prefixed 6° eastings → CGCS2000 6° zone 20 (EPSG:4498)', () => {
    expect(guessCrs([[20300000, 2911000]]).id).toBe('EPSG:4498');
  });
  it('6-digit eastings → CGCS2000 3° CM 114E (EPSG:4547) unless told otherwise', () => {
    expect(guessCrs([[640000, 2911000]])).toMatchObject({ id: 'EPSG:4547', how: 'assumed' });
    expect(guessCrs([[640000, 2911000]], 117).id).toBe('EPSG:4548');
    expect(guessCrs([[640000, 2911000]]).explanation).toContain('114°E');
  });
  it('the majority decides: one stray lon/lat point does not turn a GK file into WGS84', () => {
    expect(guessCrs([[38640000, 2911000], [38641000, 2912000], [115, 26]]).id).toBe('EPSG:4526');
  });
});

describe('.prj WKT recognised by its parameters', () => {
  it('ESRI "CGCS2000_3_Degree_GK_Zone_38" → EPSG:4526', () => {
    expect(crsFromWkt(ESRI_CGCS2000_GK38).id).toBe('EPSG:4526');
  });
  it('OGC "CGCS2000 / 3-degree Gauss-Kruger CM 114E" → EPSG:4547', () => {
    expect(crsFromWkt(OGC_CGCS2000_CM114).id).toBe('EPSG:4547');
  });
  it('ESRI Xian_1980_GK_CM_117E → Xian 1980 6° CM 117E (EPSG:2345)', () => {
    const c = crsFromWkt(ESRI_XIAN80_GK_CM117);
    expect(c.id).toBe('EPSG:2345');
    expect(c.name).toBe('Xian 1980 / Gauss-Kruger CM 117E');
  });
  it('GCS_China_Geodetic_Coordinate_System_2000 → EPSG:4490', () => {
    expect(crsFromWkt(ESRI_CGCS2000_GEO).id).toBe('EPSG:4490');
  });
  it('a TM with unusual parameters still works (custom definition built from the parameters)', () => {
    const wkt = ESRI_CGCS2000_GK38.replace('38500000.0', '500000.0').replace('"False_Northing",0.0', '"False_Northing",-3000000.0');
    const c = crsFromWkt(wkt);
    expect(c.id).toBe('custom');
    const [lon, lat] = toLonLat(c.proj4)(500000, 2911000 - 3000000);
    const [lon2, lat2] = toLonLat(crsByCode(4547)!.proj4)(500000, 2911000);
    expect(Math.abs(lon - lon2) + Math.abs(lat - lat2)).toBeLessThan(1e-9);
  });
  it('an unsupported projection is refused with its name', () => {
    expect(() => crsFromWkt(ESRI_LAMBERT_AZIMUTHAL)).toThrow(/unknown projection "Lambert_Azimuthal_Equal_Area"/);
  });
  it('garbage is refused', () => {
    expect(() => crsFromWkt('PROJCS["x",GEOGCS[')).toThrow();
  });
});
