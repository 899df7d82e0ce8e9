import { describe, expect, it } from 'vitest';
import { crsLine, crsName } from './crs-text.ts';
import { referenceOrigin, standSourceOf } from './stand-source.ts';
import { siteMatches } from './WorkspaceList.tsx';

describe('coordinate systems by name', () => {
  it.each([
    ['EPSG:4526', 'CGCS2000 3° 高斯-克吕格 第 38 带', 'CGCS2000 3° Gauss-Krüger zone 38'],
    ['EPSG:4547', 'CGCS2000 3° 高斯-克吕格 中央经线 114°E（无带号）', 'CGCS2000 3° Gauss-Krüger, central meridian 114°E (no zone prefix)'],
    ['EPSG:2362', '西安 1980 3° 高斯-克吕格 第 38 带', 'Xi’an 1980 3° Gauss-Krüger zone 38'],
    ['EPSG:4326', 'WGS 84 经纬度', 'WGS 84 longitude/latitude'],
    ['EPSG:32650', 'WGS 84 UTM 第 50 带（北半球）', 'WGS 84 UTM zone 50N'],
  ])('%s', (id, zh, en) => {
    expect(crsName(id, 'zh')).toBe(zh);
    expect(crsName(id, 'en')).toBe(en);
  });
  it('says how the import decided, in the UI language', () => {
    expect(crsLine({ id: 'EPSG:4326', name: 'WGS 84', how: 'default' }, 'zh')).toBe('WGS 84 经纬度（EPSG:4326，文件未声明，按经纬度读取）');
    expect(crsLine({ id: 'EPSG:4526', name: 'CGCS2000 / 3-degree Gauss-Kruger zone 38', how: 'prj' }, 'en')).toBe('CGCS2000 3° Gauss-Krüger zone 38 (EPSG:4526, read from the .prj)');
  });
});

describe('stand source and site search', () => {
  it('a reference origin names its layer; other origins none', () => {
    expect(standSourceOf({ origin: referenceOrigin('a1-b2', '二类:小班') })).toBe('a1-b2');
    expect(standSourceOf({ origin: 'import:ref:x.kml' })).toBeNull();
    expect(standSourceOf({ origin: 'draw:polygon' })).toBeNull();
  });
  it('finds sites by every word typed, in name, note or type (either language)', () => {
    const s = { name: '东坡光伏', note: '2025 年春', type: '光伏' as const };
    expect(siteMatches(s, '东坡')).toBe(true);
    expect(siteMatches(s, 'pv 2025')).toBe(true);
    expect(siteMatches(s, '西坡')).toBe(false);
  });
});
