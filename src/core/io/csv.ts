// CSV coordinate lists: one point per row with lon/lat (经度/纬度, x/y) columns, comma/semicolon/tab separated,
// quoted fields, BOM, GBK or UTF-8. Decision: an optional polygon column (polygon/group/地块编号…) turns the rows
// sharing a value into one polygon, vertices in row order — how surveyors list boundary points (界址点). A WKT column
// (wkt/geometry/几何 …, or any column whose first value is WKT) gives each row its own geometry instead: the sites CSV
// the planner exports imports back this way.
import type { Feature, Geometry, Position } from 'geojson';
import { guessCrs } from '../geo/crs.ts';
import { ImportError, quoted, short } from './errors.ts';
import { decideCrs, finishImport, checkFeatureCount, type RawFeature } from './finish.ts';
import { checkInputSize } from './guard.ts';
import { decodeTextFile } from './text.ts';
import { resolveLimits, type ImportOptions, type ImportResult } from './types.ts';
import { looksLikeWkt, wktToGeometry } from './wkt.ts';

const norm = (s: string) => s.trim().toLowerCase().replace(/[（(［[].*?[）)］\]]/g, '').replace(/[\s_\-°]/g, '');
const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', '经度', '东经'];
const LAT_NAMES = ['lat', 'latitude', 'y', '纬度', '北纬'];
const GROUP_NAMES = ['polygon', 'polygonid', 'group', '多边形', '多边形编号', '地块', '地块编号', '地块号'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'thegeom', 'shape', '几何', '几何geometry', '图形', '空间信息'];

interface Row {
  cells: string[];
  line: number;
}

/** RFC 4180 parsing with a cell-length limit: an unclosed quote otherwise swallows the rest of the file. */
export function parseCsv(fileName: string, text: string, delimiter: string, maxCellChars: number): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const push = () => {
    if (cell.length > maxCellChars) {
      throw new ImportError(fileName, `line ${rowLine}: a cell is longer than ${maxCellChars} characters (an unclosed quote?)`);
    }
    cells.push(cell);
    cell = '';
  };
  const endRow = () => {
    push();
    if (cells.length > 1 || cells[0].trim() !== '') rows.push({ cells, line: rowLine });
    cells = [];
    rowLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
        if (cell.length > maxCellChars) push();
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) push();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRow();
    } else {
      cell += c;
      if (cell.length > maxCellChars) push();
    }
  }
  if (quoted) throw new ImportError(fileName, `line ${rowLine}: a quoted cell is never closed`);
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const outside = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t', '，'].map((d) => [d, outside.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** A number, or degrees-minutes-seconds such as 115°21′30″E / 26度18分. Undefined when neither. */
export function parseCoordinate(raw: string): number | undefined {
  const t = raw.trim().replace(/\s+/g, ' ');
  if (t === '') return undefined;
  const hemi = /([NSEWnsew东西南北])$/.exec(t)?.[1];
  const body = hemi ? t.slice(0, -1).trim() : t;
  let value: number | undefined;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(body)) value = Number(body);
  else {
    const m = /^([-+]?\d+(?:\.\d+)?)\s*[°度d]\s*(?:(\d+(?:\.\d+)?)\s*['′分m]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″秒s]|'')\s*)?$/i.exec(body);
    if (m) {
      const deg = Number(m[1]);
      const mag = Math.abs(deg) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600;
      value = deg < 0 || m[1].startsWith('-') ? -mag : mag;
    }
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return hemi && /[SWsw西南]/.test(hemi) ? -Math.abs(value) : value;
}

export function importCsv(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  checkInputSize(fileName, bytes, limits);
  const { text, encoding } = decodeTextFile(fileName, bytes, options?.encoding);
  const rows = parseCsv(fileName, text, detectDelimiter(text), limits.maxCellChars);
  if (rows.length === 0) throw new ImportError(fileName, 'the file is empty');

  const first = rows[0].cells.map(norm);
  const wktCol = rows.length > 1 ? first.findIndex((c, i) => WKT_NAMES.includes(c) || looksLikeWkt(rows[1].cells[i] ?? '')) : -1;
  if (wktCol >= 0 && looksLikeWkt(rows[1].cells[wktCol] ?? '')) return importWktRows(fileName, rows, wktCol, encoding, options);
  let lonCol = first.findIndex((c) => LON_NAMES.includes(c));
  let latCol = first.findIndex((c) => LAT_NAMES.includes(c));
  const hasHeader = lonCol >= 0 && latCol >= 0;
  const warnings: string[] = [];
  let names: string[];
  if (hasHeader) {
    names = rows[0].cells.map((c, i) => c.trim() || `column${i + 1}`);
  } else {
    const numeric = rows[0].cells.map((c) => parseCoordinate(c) !== undefined);
    if (numeric.filter(Boolean).length < 2) {
      throw new ImportError(fileName, `no longitude/latitude columns found; name them lon/lat, 经度/纬度 or x/y (header: ${rows[0].cells.join(', ').slice(0, 200)})`);
    }
    lonCol = numeric.indexOf(true);
    latCol = numeric.indexOf(true, lonCol + 1);
    names = rows[0].cells.map((_, i) => `column${i + 1}`);
    warnings.push(`no header row; read column ${lonCol + 1} as longitude/x and column ${latCol + 1} as latitude/y`);
  }
  const groupCol = hasHeader ? first.findIndex((c) => GROUP_NAMES.includes(c)) : -1;
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length === 0) throw new ImportError(fileName, 'the file has a header but no rows');
  if (groupCol < 0) checkFeatureCount(fileName, data.length, limits);

  // Parse coordinates; rows with unreadable numbers are rejected with their line number.
  const rejected: { index: number; why: string }[] = [];
  const parsed: { row: Row; index: number; x: number; y: number }[] = [];
  data.forEach((row, index) => {
    const x = parseCoordinate(row.cells[lonCol] ?? ''), y = parseCoordinate(row.cells[latCol] ?? '');
    if (x === undefined || y === undefined) {
      const [bad, what] = x === undefined ? [row.cells[lonCol], names[lonCol]] : [row.cells[latCol], names[latCol]];
      rejected.push({ index, why: `row ${index} (line ${row.line}): ${short(what)} ${quoted(bad)} is not a number` });
    } else parsed.push({ row, index, x, y });
  });

  // Chinese surveys call the northing X. If x/y only make sense swapped, swap them and say so.
  if (!options?.crs && parsed.length > 0) {
    const asIs = guessCrs(parsed.map((p) => [p.x, p.y]));
    const swapped = guessCrs(parsed.map((p) => [p.y, p.x]));
    if (!asIs.recognised && swapped.recognised) {
      for (const p of parsed) [p.x, p.y] = [p.y, p.x];
      warnings.push(`columns ${quoted(names[lonCol])}/${quoted(names[latCol])} only make sense swapped (survey X = north); read ${quoted(names[latCol])} as easting/longitude`);
    }
  }

  const props = (row: Row, skip: number[]) => {
    const p: Record<string, string> = {};
    names.forEach((n, i) => {
      if (!skip.includes(i)) p[n] = (row.cells[i] ?? '').trim();
    });
    return p;
  };
  const features: RawFeature[] = [];
  let read = data.length;
  if (groupCol < 0) {
    for (const p of parsed) {
      const feature: Feature<Geometry> = { type: 'Feature', properties: props(p.row, [lonCol, latCol]), geometry: { type: 'Point', coordinates: [p.x, p.y] } };
      features.push({ feature, index: p.index });
    }
  } else {
    const groups = new Map<string, { first: Row; ring: Position[] }>();
    for (const p of parsed) {
      const key = (p.row.cells[groupCol] ?? '').trim();
      const g = groups.get(key) ?? { first: p.row, ring: [] };
      g.ring.push([p.x, p.y]);
      groups.set(key, g);
    }
    checkFeatureCount(fileName, groups.size, limits);
    read = groups.size;
    rejected.length = 0; // bad rows are reported against their polygon below
    const badRows = data.length - parsed.length;
    if (badRows) warnings.push(`${badRows} row${badRows > 1 ? 's' : ''} with unreadable coordinates left out of their polygon`);
    [...groups.values()].forEach((g, index) => {
      // Listing the vertices without repeating the first is the CSV norm, so closing is not reported as a repair.
      const ring = g.ring.length > 0 && (g.ring[0][0] !== g.ring.at(-1)![0] || g.ring[0][1] !== g.ring.at(-1)![1]) ? [...g.ring, g.ring[0]] : g.ring;
      const feature: Feature<Geometry> = { type: 'Feature', properties: props(g.first, [lonCol, latCol]), geometry: { type: 'Polygon', coordinates: [ring] } };
      features.push({ feature, index });
    });
  }
  const { crs, warnings: crsWarnings } = decideCrs(fileName, options, undefined, features);
  return finishImport(fileName, { features, read, rejected, warnings, encoding }, crs, crsWarnings, limits);
}

/** Rows with a WKT geometry column: one feature per row, the other columns its properties; bad WKT rejects its row. */
function importWktRows(fileName: string, rows: Row[], wktCol: number, encoding: string, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  const names = rows[0].cells.map((c, i) => c.trim() || `column${i + 1}`);
  const data = rows.slice(1);
  checkFeatureCount(fileName, data.length, limits);
  const features: RawFeature[] = [];
  const rejected: { index: number; why: string }[] = [];
  data.forEach((row, index) => {
    const properties: Record<string, string> = {};
    names.forEach((n, i) => { if (i !== wktCol) properties[n] = (row.cells[i] ?? '').trim(); });
    try {
      const geometry = wktToGeometry(row.cells[wktCol] ?? '');
      features.push({ feature: { type: 'Feature', properties, geometry }, index });
    } catch (e) {
      rejected.push({ index, why: `row ${index} (line ${row.line}): ${short(names[wktCol])}: ${(e as Error).message}` });
    }
  });
  const { crs, warnings: crsWarnings } = decideCrs(fileName, options, undefined, features);
  return finishImport(fileName, { features, read: data.length, rejected, warnings: [], encoding }, crs, crsWarnings, limits);
}
