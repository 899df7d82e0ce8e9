// fast-check generators for hostile files: structured documents of every format built from hostile numbers and text,
// wrong encodings, and byte-level mutations (truncation, bit flips, splices) of valid files. Sizes are small by
// default so 10,000 inputs per importer fit in CI; the hostile cases that need size (millions of vertices, deep
// nesting, huge strings) have their own tests in edge-cases.test.ts.
import fc from 'fast-check';
import { zipSync } from 'fflate';
import type { Feature, Geometry, Position } from 'geojson';
import { encodeGbk } from '../../src/core/io/gbk-encode.ts';
import { writeShapefile, zipShapefile } from '../../src/core/io/shapefile-write.ts';
import { XSS_PAYLOADS } from './payloads.ts';

/** Numbers that break parsers and geometry code, and plausible ones so that some inputs go all the way through. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 115.1, max: 115.6, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: 26.0, max: 26.6, noNaN: true }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 5e-324, 1e308, -1e308, 180, -180, 90, -90, 180.0000001, 90.5, 38_500_000, 2_900_000, 4e7, 2 ** 31, -(2 ** 31)) },
);

/** Text: ordinary Chinese names, XSS payloads, control characters, lone surrogates, long runs. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('长冈乡油茶林', '湿地松', 'XB-001', '', ' ', '名称', 'name', '优势树种', '杉木', '马尾松', '毛竹', '幼龄林', '蓄积'),
  fc.constantFrom(...XSS_PAYLOADS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uFFFE', '\u202E', '\u200B', '\r\n', '"', '""', '\\', '<', ']]>', '&amp;', '&#0;'),
  fc.nat({ max: 3000 }).map((n) => 'x'.repeat(n)),
);

const numberText = hostileNumber.map((n) => String(n));
export const hostileNumberText: fc.Arbitrary<string> = fc.oneof(numberText, fc.constantFrom('1e999', '-1e999', 'NaN', 'Infinity', '', '-', '1,5', '0x10', '115°21′30″E', '26度18分', '1e-400', '00115.3', '+26.3'));

const position: fc.Arbitrary<Position> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(hostileNumber, hostileNumber) },
  { weight: 1, arbitrary: fc.tuple(hostileNumber, hostileNumber, hostileNumber) },
  { weight: 1, arbitrary: fc.array(hostileNumber, { maxLength: 1 }) as fc.Arbitrary<Position> },
);
const line = fc.array(position, { maxLength: 7 });
const ring = fc.oneof(line, line.map((l) => (l.length ? [...l, l[0]] : l)));

/** GeoJSON geometries, including nested GeometryCollections (shallow here; deep ones in edge-cases.test.ts). */
export const geometry: fc.Arbitrary<Geometry> = fc.letrec<{ g: Geometry }>((tie) => ({
  g: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    position.map((coordinates) => ({ type: 'Point', coordinates }) as Geometry),
    line.map((coordinates) => ({ type: 'LineString', coordinates }) as Geometry),
    fc.array(position, { maxLength: 5 }).map((coordinates) => ({ type: 'MultiPoint', coordinates }) as Geometry),
    fc.array(ring, { maxLength: 3 }).map((coordinates) => ({ type: 'Polygon', coordinates }) as Geometry),
    fc.array(line, { maxLength: 3 }).map((coordinates) => ({ type: 'MultiLineString', coordinates }) as Geometry),
    fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates }) as Geometry),
    fc.array(tie('g'), { maxLength: 3 }).map((geometries) => ({ type: 'GeometryCollection', geometries }) as Geometry),
  ),
})).g;

/** Attribute keys that the carbon and naming code look for, plus hostile ones. */
const key = fc.oneof(fc.constantFrom('name', '名称', '优势树种', 'species', '龄组', 'age_group', '蓄积', 'stock_m3', '面积', 'YSSZ', '__proto__', 'constructor'), hostileText);
const value = fc.oneof(hostileText, hostileNumber, fc.boolean(), fc.constant(null), fc.constantFrom('杉木', '马尾松', '湿地松', '毛竹', '油茶', '幼龄林', '中龄林', '成熟林'));
export const properties = fc.dictionary(key, value, { maxKeys: 5 });
// The shapefile writer fits long text into 254-byte fields slowly; the DBF reader only ever sees ≤ 254 bytes a field.
const shortValue = fc.oneof(fc.constantFrom(...XSS_PAYLOADS), fc.string({ maxLength: 12 }), hostileNumber, fc.boolean(), fc.constantFrom('杉木', '马尾松', '毛竹', '幼龄林'));
const shpProperties = fc.dictionary(fc.oneof(fc.constantFrom('name', '名称', '优势树种', '龄组', '蓄积'), fc.string({ maxLength: 10 })), shortValue, { maxKeys: 4 });

/** Serialise with special number tokens JSON itself cannot hold (1e999 parses to Infinity). */
function looseJson(v: unknown): string {
  return (JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? `@@${Number.isNaN(x) ? 'NaN' : x > 0 ? '1e999' : '-1e999'}@@` : x)) ?? 'undefined').replace(/"@@(.*?)@@"/g, '$1');
}

const feature = fc.record({ geometry: fc.option(geometry, { freq: 8 }), properties: fc.option(properties, { freq: 8 }) })
  .map(({ geometry, properties }) => ({ type: 'Feature', geometry, properties }));

const geojsonDoc = fc.oneof(
  fc.record({ type: fc.constant('FeatureCollection'), features: fc.array(fc.oneof({ weight: 9, arbitrary: feature }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) }), { maxLength: 6 }) }),
  feature,
  geometry,
  fc.record({
    type: fc.constant('FeatureCollection'),
    crs: fc.record({ type: fc.constant('name'), properties: fc.record({ name: fc.constantFrom('urn:ogc:def:crs:EPSG::4547', 'EPSG:4526', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:99999', 'bogus') }) }),
    features: fc.array(feature, { maxLength: 4 }),
  }),
  fc.anything({ maxDepth: 3 }),
);

/** Encode text as files arrive: UTF-8 (with or without BOM), GBK, UTF-16 with BOM, or Latin-1-ish bytes. */
export function encodings(text: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(text, fc.constantFrom('utf-8', 'utf-8-bom', 'gbk', 'utf-16le-bom', 'utf-16le', 'latin1')).map(([t, enc]) => {
    switch (enc) {
      case 'utf-8-bom':
        return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)]);
      case 'gbk':
        try {
          return encodeGbk(t);
        } catch {
          return new TextEncoder().encode(t);
        }
      case 'utf-16le-bom':
      case 'utf-16le': {
        const out = new Uint8Array(t.length * 2 + (enc === 'utf-16le-bom' ? 2 : 0));
        let o = 0;
        if (enc === 'utf-16le-bom') out.set([0xff, 0xfe], (o += 2) - 2);
        for (let i = 0; i < t.length; i++, o += 2) out.set([t.charCodeAt(i) & 0xff, t.charCodeAt(i) >> 8], o);
        return out;
      }
      case 'latin1':
        return Uint8Array.from(t, (c) => c.charCodeAt(0) & 0xff);
      default:
        return new TextEncoder().encode(t);
    }
  });
}

/** Byte-level damage: truncate, flip, overwrite with boundary values, splice random bytes, delete or duplicate a range. */
const mutation = fc.tuple(fc.constantFrom('truncate', 'flip', 'boundary', 'insert', 'delete', 'duplicate'), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(255), fc.uint8Array({ minLength: 1, maxLength: 16 }));

export function mutate(bytes: Uint8Array, ops: [string, number, number, Uint8Array][]): Uint8Array {
  let b = bytes;
  for (const [op, where, n, extra] of ops) {
    const at = Math.floor(where * b.length);
    if (op === 'truncate') b = b.slice(0, at);
    else if (op === 'flip' && b.length) b = b.slice(), b[Math.min(at, b.length - 1)] ^= 1 << (n % 8);
    else if (op === 'boundary' && b.length) {
      b = b.slice();
      const v = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe][n % 6];
      for (let i = at; i < Math.min(b.length, at + 1 + (n % 4)); i++) b[i] = v;
    } else if (op === 'insert') b = new Uint8Array([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
    else if (op === 'delete') b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + 1 + (n % 32))]);
    else if (op === 'duplicate') b = new Uint8Array([...b.subarray(0, at + (n % 64)), ...b.subarray(at)]);
  }
  return b;
}

/** A file as generated, or damaged a few times; plus some fully random bytes. */
export function damaged(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 5, arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([b, ops]) => mutate(b, ops)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  );
}

export const geojsonBytes = damaged(encodings(geojsonDoc.map(looseJson)));

// ---- KML / KMZ ----
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Mostly escaped text; sometimes raw, which makes malformed XML on purpose. */
const xmlText = fc.tuple(hostileText, fc.nat(9)).map(([t, r]) => (r === 0 ? t : esc(t)));
const coordText = fc.array(fc.tuple(hostileNumberText, hostileNumberText, fc.option(hostileNumberText)), { maxLength: 7 })
  .map((ps) => ps.map(([x, y, z]) => (z === null ? `${x},${y}` : `${x},${y},${z}`)).join(' '));
const kmlGeometry: fc.Arbitrary<string> = fc.letrec<{ g: string }>((tie) => ({
  g: fc.oneof(
    { depthSize: 'small' },
    coordText.map((c) => `<Point><coordinates>${c}</coordinates></Point>`),
    coordText.map((c) => `<LineString><coordinates>${c}</coordinates></LineString>`),
    fc.tuple(coordText, fc.array(coordText, { maxLength: 2 })).map(([o, hs]) =>
      `<Polygon><outerBoundaryIs><LinearRing><coordinates>${o}</coordinates></LinearRing></outerBoundaryIs>${hs.map((h) => `<innerBoundaryIs><LinearRing><coordinates>${h}</coordinates></LinearRing></innerBoundaryIs>`).join('')}</Polygon>`),
    fc.array(tie('g'), { maxLength: 3 }).map((gs) => `<MultiGeometry>${gs.join('')}</MultiGeometry>`),
    fc.tuple(fc.array(coordText, { maxLength: 3 })).map(([cs]) => `<gx:Track>${cs.map((c) => `<gx:coord>${c.replace(/,/g, ' ')}</gx:coord>`).join('')}</gx:Track>`),
  ),
})).g;
const placemark = fc.tuple(xmlText, fc.array(fc.tuple(xmlText, xmlText), { maxLength: 3 }), fc.option(kmlGeometry, { freq: 8 }))
  .map(([name, data, g]) => `<Placemark><name>${name}</name><ExtendedData>${data.map(([k, v]) => `<Data name="${k}"><value>${v}</value></Data>`).join('')}</ExtendedData>${g ?? ''}</Placemark>`);
const kmlDoc = fc.tuple(fc.array(placemark, { maxLength: 5 }), fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="GBK"?>', '<?xml version="1.0" encoding="bogus"?>'), fc.boolean())
  .map(([ps, decl, folder]) => `${decl}<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>${folder ? `<Folder>${ps.join('')}</Folder>` : ps.join('')}</Document></kml>`);
export const kmlBytes = damaged(encodings(kmlDoc));
export const kmzBytes = damaged(
  fc.tuple(encodings(kmlDoc), fc.constantFrom('doc.kml', 'a/b.kml', 'x.KML', 'readme.txt'), fc.boolean()).map(([b, name, extra]) =>
    zipSync(extra ? { [name]: b, 'files/icon.png': new Uint8Array([137, 80, 78, 71]) } : { [name]: b }, { level: 6 })),
);

// ---- GPX ----
const gpxPoint = (tag: string) => fc.tuple(hostileNumberText, hostileNumberText, fc.option(hostileNumberText), fc.option(xmlText))
  .map(([lat, lon, ele, name]) => `<${tag} lat="${lat}" lon="${lon}">${ele === null ? '' : `<ele>${ele}</ele>`}${name === null ? '' : `<name>${name}</name>`}</${tag}>`);
const gpxItem = fc.oneof(
  gpxPoint('wpt'),
  fc.tuple(xmlText, fc.array(fc.array(gpxPoint('trkpt'), { maxLength: 5 }), { maxLength: 3 })).map(([n, segs]) => `<trk><name>${n}</name>${segs.map((s) => `<trkseg>${s.join('')}</trkseg>`).join('')}</trk>`),
  fc.tuple(xmlText, fc.array(gpxPoint('rtept'), { maxLength: 5 })).map(([n, ps]) => `<rte><name>${n}</name>${ps.join('')}</rte>`),
  xmlText.map((t) => `<extensions>${t}</extensions>`),
);
const gpxDoc = fc.tuple(fc.array(gpxItem, { maxLength: 6 }), fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="GB2312"?>'))
  .map(([items, decl]) => `${decl}<gpx version="1.1" creator="fuzz" xmlns="http://www.topografix.com/GPX/1/1">${items.join('')}</gpx>`);
export const gpxBytes = damaged(encodings(gpxDoc));

// ---- CSV / TSV ----
const header = fc.constantFrom('lon', 'lat', 'x', 'y', '经度', '纬度', 'Longitude(°)', 'polygon', '地块编号', 'name', '名称', '优势树种', '');
const csvCellText = fc.oneof(hostileNumberText, hostileText, fc.constantFrom('A', 'B', '"', '"unclosed', '""', 'a"b'));
export function csvBytes(delimiters: string[]): fc.Arbitrary<Uint8Array> {
  const doc = fc.tuple(
    fc.constantFrom(...delimiters), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean(),
    fc.array(header, { minLength: 0, maxLength: 5 }), fc.array(fc.array(csvCellText, { maxLength: 6 }), { maxLength: 12 }),
  ).map(([d, nl, quoteAll, head, rows]) => {
    const cell = (c: string) => (quoteAll || c.includes(d) || /[\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    return [head, ...rows].map((r) => r.map(cell).join(d)).join(nl);
  });
  return damaged(encodings(doc));
}

// ---- Shapefile (zipped) ----
const near = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true });
const lonLat = fc.oneof({ weight: 9, arbitrary: fc.tuple(near(115.1, 115.6), near(26.0, 26.6)) }, { weight: 1, arbitrary: fc.tuple(hostileNumber, hostileNumber) });
const shpGeometry = fc.constantFrom('Point', 'LineString', 'Polygon', 'MultiPoint').chain((type): fc.Arbitrary<Geometry | null> => {
  if (type === 'Point') return lonLat.map((c) => ({ type, coordinates: c }));
  if (type === 'MultiPoint') return fc.array(lonLat, { minLength: 1, maxLength: 5 }).map((c) => ({ type, coordinates: c }));
  if (type === 'LineString') return fc.array(lonLat, { minLength: 2, maxLength: 6 }).map((c) => ({ type, coordinates: c }));
  return fc.array(lonLat, { minLength: 3, maxLength: 6 }).map((c) => ({ type: 'Polygon', coordinates: [[...c, c[0]]] }));
});
const shpFeatures = shpGeometry.chain((first) => fc.array(fc.tuple(fc.option(fc.constant(first), { freq: 6 }), shpProperties), { minLength: 1, maxLength: 4 })
  .map((fs) => fs.map(([g, p]): Feature<Geometry | null> => ({ type: 'Feature', geometry: g, properties: Object.fromEntries(Object.entries(p).filter(([k]) => k !== '__proto__')) }))));

/** Overwrite a 32-bit value at a header offset: corrupt file codes, lengths, versions, shape types, counts. */
const headerHit = fc.tuple(fc.constantFrom('shp', 'dbf', 'shx'), fc.constantFrom(0, 4, 8, 10, 24, 28, 29, 32, 36, 100, 104, 108, 112, 136, 140, 144), fc.constantFrom(0, -1, 1, 0x7fffffff, -0x80000000, 9994, 1000, 31, 3, 5, 65535, 33), fc.boolean());

export const shapefileZipBytes = damaged(
  fc.tuple(shpFeatures, fc.constantFrom(4490, 4526, 4547, 4326), fc.constantFrom<'utf-8' | 'gbk'>('utf-8', 'gbk'), fc.boolean(), fc.boolean(), fc.array(headerHit, { maxLength: 3 }), fc.constantFrom('plots', '小班', 'a/b'))
    .map(([features, crs, encoding, cpg, prj, hits, base]) => {
      let parts;
      try {
        parts = writeShapefile(features, { crs, encoding, cpg, prj });
      } catch {
        parts = writeShapefile([], { crs });
      }
      for (const [part, at, v, bigEndian] of hits) {
        const b = parts[part as 'shp' | 'dbf' | 'shx'];
        if (at + 4 <= b.length) new DataView(b.buffer, b.byteOffset, b.byteLength).setInt32(at, v, !bigEndian);
      }
      return zipShapefile(base, parts);
    }),
);
