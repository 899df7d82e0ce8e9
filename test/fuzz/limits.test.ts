// Every import limit, at its default value where that is cheap, each with the message a user reads.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/core/io/errors.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { DEFAULT_LIMITS, type ImportOptions } from '../../src/core/io/types.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
function message(name: string, bytes: Uint8Array, options?: ImportOptions): string {
  try {
    importFile(name, bytes, options);
  } catch (e) {
    if (e instanceof ImportError) return e.message;
    throw e;
  }
  throw new Error(`${name} was accepted`);
}
const points = (n: number) => JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: n }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115.3, 26.3] } })) });

describe('import limits (DEFAULT_LIMITS) and their messages', () => {
  it('documents the defaults (docs/security.md lists these numbers)', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 209_715_200, maxFeatures: 1_000_000, maxVertices: 20_000_000, maxZipEntries: 1000, maxUnzippedBytes: 1_073_741_824, maxZipRatio: 1000, maxCellChars: 10_000 });
  });

  it('file size: 200 MB + 1 byte is refused before reading', () => {
    expect(message('big.geojson', new Uint8Array(DEFAULT_LIMITS.maxBytes + 1))).toBe('big.geojson: the file is 200.0 MB, over the size limit of 200.0 MB');
  });

  it('features: one more than the limit', () => {
    expect(message('many.geojson', utf8(points(11)), { limits: { maxFeatures: 10 } })).toBe('many.geojson: more than 10 features (the limit); split the file');
    expect(message('many.csv', utf8(`lon,lat\n${'115.3,26.3\n'.repeat(11)}`), { limits: { maxFeatures: 10 } })).toBe('many.csv: more than 10 features (the limit); split the file');
  });

  it('vertices: one more than the limit', () => {
    expect(message('v.geojson', utf8(points(11)), { limits: { maxVertices: 10 } })).toBe('v.geojson: more than 10 vertices (the limit); simplify or split the file');
  });

  it('zip entries: 1,001 entries', () => {
    const files = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.txt`, new Uint8Array(1)]));
    expect(message('many.kmz', zipSync(files, { level: 0 }))).toBe('many.kmz: the zip has more than 1000 entries (the limit)');
  });

  it('zip ratio: 100 MB of zeros (compresses ~1000:1) is refused as a possible zip bomb', () => {
    const bomb = zipSync({ 'doc.kml': new Uint8Array(100 * 1024 * 1024) }, { level: 9 });
    expect(message('bomb.kmz', bomb)).toMatch(/^bomb\.kmz: entry doc\.kml is compressed \d+:1, over the 1000:1 limit; possible zip bomb$/);
  }, 60_000);

  it('unzipped size: the declared total over the limit', () => {
    const zip = zipSync({ 'a.shp': new Uint8Array(3 * 1024 * 1024).fill(7) }, { level: 1 });
    expect(message('big.zip', zip, { limits: { maxUnzippedBytes: 2 * 1024 * 1024 } })).toBe('big.zip: the zip unpacks to more than 2 MB (the limit); possible zip bomb');
  });

  it('XML entity expansion (billion laughs) and external entities, in KML and GPX', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i ? 'b'.repeat(i) : 'a'};`.repeat(10)}">`).join('')}]><kml><Document><name>&bbbbbbbbb;</name></Document></kml>`;
    const refused = 'refused: the XML contains a DOCTYPE/ENTITY declaration (entity expansion and external entities are not allowed)';
    expect(message('laughs.kml', utf8(laughs))).toBe(`laughs.kml: ${refused}`);
    expect(message('laughs.kmz', zipSync({ 'doc.kml': utf8(laughs) }))).toBe(`laughs.kmz: ${refused}`);
    expect(message('xxe.gpx', utf8('<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx>&x;</gpx>'))).toBe(`xxe.gpx: ${refused}`);
    // The same declaration in UTF-16 (a way around a byte-level check) is refused too: the check runs on decoded text.
    const u16 = new Uint8Array([0xff, 0xfe, ...[...laughs].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(message('laughs16.kml', u16)).toBe(`laughs16.kml: ${refused}`);
  });

  it('CSV cell length: 10,001 characters', () => {
    expect(message('cell.csv', utf8(`lon,lat,note\n115.3,26.3,${'x'.repeat(10_001)}\n`))).toBe('cell.csv: line 2: a cell is longer than 10000 characters (an unclosed quote?)');
  });

  it('messages stay short even when the input is not (a binary file read as XML)', () => {
    const m = message('junk.kml', utf8(`<kml>${'\u0001'.repeat(100_000)}`));
    expect(m.length).toBeLessThan(700);
    expect(m).toMatch(/^junk\.kml: /);
  });
});
