// A Cloud-Optimised GeoTIFF writer in TypeScript (no GDAL needed: `npm ci && npm start` must make the sample rasters
// on a machine with no system package). The layout is the one GDAL's COG driver writes and its validator
// (validate_cloud_optimized_geotiff.py) checks:
//   TIFF header · GDAL's "ghost" structural metadata (LAYOUT=IFDS_BEFORE_DATA, BLOCK_ORDER=ROW_MAJOR,
//   BLOCK_LEADER=SIZE_AS_UINT4, BLOCK_TRAILER=LAST_4_BYTES_REPEATED) · the IFDs of the full image and of every overview,
//   with their tag arrays · tile data, smallest overview first and the full resolution last, tiles row by row, each
//   tile preceded by its byte count and followed by a copy of its last 4 bytes.
// Tiles are 256 × 256 (a site reads a handful), deflate-compressed (fflate, zlib streams as TIFF compression 8) with
// horizontal differencing for integer samples; overviews halve the size until the image fits one tile (mode of each
// 2 × 2 block for class rasters, mean for continuous values and imagery; nodata ignored). The CRS goes in as its EPSG
// code (geokeys.ts), nodata as GDAL_NODATA, a class palette as a TIFF ColorMap. Classic TIFF (files under 4 GiB).
import { zlibSync } from 'fflate';
import { geoKeysFor } from './geokeys.ts';
import type { RasterGrid } from './grid.ts';
import type { PixelArray, RasterDataType } from './read.ts';

export type OverviewResampling = 'mode' | 'average' | 'nearest';

export interface CogInput {
  grid: RasterGrid;
  dataType: RasterDataType;
  /** Samples per pixel: 1 (a band) or 3 (RGB imagery). */
  bands: 1 | 3;
  /** Pixel-interleaved samples, row by row: width × height × bands. */
  data: PixelArray;
  nodata?: number | null;
  /** A palette for a single-band uint8 class raster (values 0…255 → [r, g, b]); missing entries are black. */
  palette?: ReadonlyMap<number, readonly [number, number, number]>;
  resampling: OverviewResampling;
  tileSize?: number;
  /** Deflate level 1–9 (default 6). */
  level?: number;
  /**
   * The zlib compressor (default fflate's, which runs anywhere). Node scripts pass node:zlib's deflateSync, several
   * times faster on a 70-megapixel county raster; the output format is the same zlib stream.
   */
  deflate?: (bytes: Uint8Array, level: number) => Uint8Array;
}

const TILE = 256;
const GHOST_BODY = 'LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\nBLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ';

const SAMPLE_FORMAT: Record<RasterDataType, [number, number]> = {
  uint8: [1, 8], int8: [2, 8], uint16: [1, 16], int16: [2, 16], uint32: [1, 32], int32: [2, 32], float32: [3, 32], float64: [3, 64],
};

const ARRAY_OF: Record<RasterDataType, new (n: number) => PixelArray> = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
};

interface Level {
  width: number;
  height: number;
  data: PixelArray;
}

/** The next overview: half the size (rounded up), each pixel from its 2 × 2 block of the level above. */
function halve(src: Level, bands: number, resampling: OverviewResampling, nodata: number | null, type: RasterDataType): Level {
  const width = Math.ceil(src.width / 2);
  const height = Math.ceil(src.height / 2);
  const out = new ARRAY_OF[type](width * height * bands);
  if (bands === 1 && resampling === 'mode') return halveMode(src, out, width, height, nodata);
  if (resampling === 'average' && type === 'uint8') return halveAverage8(src, out as Uint8Array, width, height, bands, nodata);
  const isFloat = type === 'float32' || type === 'float64';
  const vals = [0, 0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let b = 0; b < bands; b++) {
        let n = 0;
        for (let dy = 0; dy < 2; dy++) {
          const sy = 2 * y + dy;
          if (sy >= src.height) continue;
          for (let dx = 0; dx < 2; dx++) {
            const sx = 2 * x + dx;
            if (sx >= src.width) continue;
            const v = src.data[(sy * src.width + sx) * bands + b];
            if (v === nodata || v !== v) continue;
            vals[n++] = v;
          }
        }
        let v: number;
        if (n === 0) v = nodata ?? 0;
        else if (resampling === 'nearest') v = vals[0];
        else if (resampling === 'average') {
          const mean = (vals[0] + (n > 1 ? vals[1] : 0) + (n > 2 ? vals[2] : 0) + (n > 3 ? vals[3] : 0)) / n;
          v = isFloat ? mean : Math.round(mean);
        } else {
          // mode; ties go to the value met first (top-left first)
          v = vals[0];
          let best = 0;
          for (let i = 0; i < n; i++) {
            let c = 0;
            for (let j = 0; j < n; j++) if (vals[j] === vals[i]) c++;
            if (c > best) { best = c; v = vals[i]; }
          }
        }
        out[(y * width + x) * bands + b] = v;
      }
    }
  }
  return { width, height, data: out };
}

/**
 * halve() for the common case — one band of classes — without the general loop's bookkeeping: the mode of each
 * 2 × 2 block, nodata ignored, ties to the first value in reading order (as the general loop decides them).
 */
function halveMode(src: Level, out: PixelArray, width: number, height: number, nodata: number | null): Level {
  const d = src.data;
  const sw = src.width, sh = src.height;
  const nd = nodata ?? NaN;
  for (let y = 0; y < height; y++) {
    let i = 2 * y * sw;
    let o = y * width;
    const lastRow = 2 * y + 1 >= sh;
    for (let x = 0; x < width; x++, i += 2, o++) {
      const edge = lastRow || 2 * x + 1 >= sw;
      const a = d[i];
      const b = edge && 2 * x + 1 >= sw ? nd : d[i + 1];
      const c = lastRow ? nd : d[i + sw];
      const e = edge ? (lastRow || 2 * x + 1 >= sw ? nd : d[i + sw + 1]) : d[i + sw + 1];
      if (!edge && a === b && a === c && a === e) { out[o] = a; continue; } // most blocks are uniform
      const vals = [a, b, c, e].filter((v) => v !== nd && v === v);
      if (vals.length === 0) { out[o] = nodata ?? 0; continue; }
      let best = vals[0], bestCount = 0;
      for (const v of vals) {
        let count = 0;
        for (const w of vals) if (w === v) count++;
        if (count > bestCount) { bestCount = count; best = v; }
      }
      out[o] = best;
    }
  }
  return { width, height, data: out };
}

/** halve() for 8-bit samples averaged (imagery): the rounded mean of each 2 × 2 block's valid samples. */
function halveAverage8(src: Level, out: Uint8Array, width: number, height: number, bands: number, nodata: number | null): Level {
  const d = src.data as Uint8Array;
  const sw = src.width, sh = src.height;
  const nd = nodata ?? -1;
  for (let y = 0; y < height; y++) {
    const y0 = 2 * y, y1 = Math.min(2 * y + 1, sh - 1);
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x, x1 = Math.min(2 * x + 1, sw - 1);
      for (let b = 0; b < bands; b++) {
        let sum = 0, n = 0;
        const v00 = d[(y0 * sw + x0) * bands + b];
        if (v00 !== nd) { sum += v00; n++; }
        if (x1 !== x0) { const v = d[(y0 * sw + x1) * bands + b]; if (v !== nd) { sum += v; n++; } }
        if (y1 !== y0) {
          const v = d[(y1 * sw + x0) * bands + b]; if (v !== nd) { sum += v; n++; }
          if (x1 !== x0) { const w = d[(y1 * sw + x1) * bands + b]; if (w !== nd) { sum += w; n++; } }
        }
        out[(y * width + x) * bands + b] = n === 0 ? (nodata ?? 0) : Math.round(sum / n);
      }
    }
  }
  return { width, height, data: out };
}

/** One tile's samples (padded with nodata or 0 beyond the image), differenced, deflated. */
function encodeTile(level: Level, tx: number, ty: number, tile: number, bands: number, type: RasterDataType, fill: number, predictor: boolean, compress: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  const buf = new ARRAY_OF[type](tile * tile * bands);
  if (fill !== 0) buf.fill(fill);
  const x0 = tx * tile;
  const y0 = ty * tile;
  const w = Math.min(tile, level.width - x0);
  const h = Math.min(tile, level.height - y0);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * level.width + x0) * bands;
    buf.set(level.data.subarray(from, from + w * bands), y * tile * bands);
  }
  if (predictor) {
    // TIFF Predictor 2: each sample minus the same sample of the pixel to its left, modulo the type's range
    const row = tile * bands;
    for (let y = 0; y < tile; y++) {
      for (let i = row - 1; i >= bands; i--) buf[y * row + i] -= buf[y * row + i - bands];
    }
  }
  return compress(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
}

const fflateDeflate = (bytes: Uint8Array, level: number) => zlibSync(bytes, { level: level as 6 });

interface Tag {
  id: number;
  type: 2 | 3 | 4 | 12; // ASCII, SHORT, LONG, DOUBLE
  values: number[] | string;
}

const TYPE_SIZE = { 2: 1, 3: 2, 4: 4, 12: 8 } as const;

function tagBytes(t: Tag): number {
  const count = typeof t.values === 'string' ? t.values.length + 1 : t.values.length;
  return count * TYPE_SIZE[t.type];
}

/** Bytes an IFD takes with its out-of-line values (each value block word-aligned). */
function ifdSize(tags: Tag[]): number {
  let size = 2 + tags.length * 12 + 4;
  for (const t of tags) {
    const b = tagBytes(t);
    if (b > 4) size += b + (b & 1);
  }
  return size;
}

function writeIfd(view: DataView, at: number, tags: Tag[], next: number): void {
  tags.sort((a, b) => a.id - b.id);
  view.setUint16(at, tags.length, true);
  let extra = at + 2 + tags.length * 12 + 4;
  tags.forEach((t, i) => {
    const e = at + 2 + i * 12;
    const count = typeof t.values === 'string' ? t.values.length + 1 : t.values.length;
    view.setUint16(e, t.id, true);
    view.setUint16(e + 2, t.type, true);
    view.setUint32(e + 4, count, true);
    const bytes = tagBytes(t);
    let p = e + 8;
    if (bytes > 4) {
      view.setUint32(e + 8, extra, true);
      p = extra;
      extra += bytes + (bytes & 1);
    }
    if (typeof t.values === 'string') {
      for (let k = 0; k < t.values.length; k++) view.setUint8(p + k, t.values.charCodeAt(k));
      view.setUint8(p + t.values.length, 0);
    } else {
      t.values.forEach((v, k) => {
        if (t.type === 3) view.setUint16(p + 2 * k, v, true);
        else if (t.type === 4) view.setUint32(p + 4 * k, v, true);
        else view.setFloat64(p + 8 * k, v, true);
      });
    }
  });
  view.setUint32(at + 2 + tags.length * 12, next, true);
}

/** A GDAL_NODATA value as GDAL writes it (integers without decimals, NaN as "nan"). */
function nodataText(v: number): string {
  return Number.isNaN(v) ? 'nan' : String(v);
}

/** Encodes a raster as a Cloud-Optimised GeoTIFF. */
export function writeCog(input: CogInput): Uint8Array {
  const { grid, dataType, bands } = input;
  const tile = input.tileSize ?? TILE;
  const nodata = input.nodata ?? null;
  const [format, bits] = SAMPLE_FORMAT[dataType];
  if (input.data.length !== grid.width * grid.height * bands) {
    throw new Error(`writeCog: ${input.data.length} samples for a ${grid.width} × ${grid.height} × ${bands} raster`);
  }
  if (!(input.data instanceof ARRAY_OF[dataType])) throw new Error(`writeCog: the samples are not a ${dataType} array`);
  if (input.palette && (dataType !== 'uint8' || bands !== 1)) throw new Error('writeCog: a palette needs a single-band uint8 raster');
  const gt = grid.geoTransform;
  if (gt[2] !== 0 || gt[4] !== 0 || gt[1] <= 0 || gt[5] >= 0) throw new Error('writeCog: only north-up grids (pixel width > 0, height < 0)');

  const levels: Level[] = [{ width: grid.width, height: grid.height, data: input.data }];
  while (levels[levels.length - 1].width > tile || levels[levels.length - 1].height > tile) {
    levels.push(halve(levels[levels.length - 1], bands, input.resampling, nodata, dataType));
  }
  const predictor = format !== 3;
  const fill = nodata !== null && !Number.isNaN(nodata) ? nodata : 0;
  const deflate = input.deflate ?? fflateDeflate;
  const compress = (bytes: Uint8Array) => deflate(bytes, input.level ?? 6);
  const encoded = levels.map((l) => {
    const across = Math.ceil(l.width / tile);
    const down = Math.ceil(l.height / tile);
    const tiles: Uint8Array[] = [];
    for (let ty = 0; ty < down; ty++) for (let tx = 0; tx < across; tx++) tiles.push(encodeTile(l, tx, ty, tile, bands, dataType, fill, predictor, compress));
    return tiles;
  });

  const palette = input.palette ? paletteValues(input.palette) : null;
  const tagsOf = (k: number, offsets: number[], counts: number[]): Tag[] => {
    const l = levels[k];
    const tags: Tag[] = [
      { id: 254, type: 4, values: [k === 0 ? 0 : 1] },
      { id: 256, type: 4, values: [l.width] },
      { id: 257, type: 4, values: [l.height] },
      { id: 258, type: 3, values: new Array(bands).fill(bits) },
      { id: 259, type: 3, values: [8] },
      { id: 262, type: 3, values: [bands === 3 ? 2 : palette ? 3 : 1] },
      { id: 277, type: 3, values: [bands] },
      { id: 284, type: 3, values: [1] },
      { id: 322, type: 3, values: [tile] },
      { id: 323, type: 3, values: [tile] },
      { id: 324, type: 4, values: offsets },
      { id: 325, type: 4, values: counts },
      { id: 339, type: 3, values: new Array(bands).fill(format) },
    ];
    if (predictor) tags.push({ id: 317, type: 3, values: [2] });
    if (palette) tags.push({ id: 320, type: 3, values: palette });
    if (nodata !== null) tags.push({ id: 42113, type: 2, values: nodataText(nodata) });
    if (k === 0) {
      tags.push({ id: 33550, type: 12, values: [gt[1], -gt[5], 0] });
      tags.push({ id: 33922, type: 12, values: [0, 0, 0, gt[0], gt[3], 0] });
      const keys = geoKeysFor(grid.crs).sort((a, b) => a.id - b.id);
      tags.push({ id: 34735, type: 3, values: [1, 1, 0, keys.length, ...keys.flatMap((g) => [g.id, 0, 1, g.value as number])] });
    }
    return tags;
  };

  // Layout: header, ghost area, IFDs (sizes known before the offsets are: arrays have fixed lengths), then tiles.
  const ghost = `GDAL_STRUCTURAL_METADATA_SIZE=${String(GHOST_BODY.length).padStart(6, '0')} bytes\n${GHOST_BODY}`;
  let pos = 8 + ghost.length;
  pos += pos & 1;
  const ifdAt: number[] = [];
  const placeholder = encoded.map((tiles) => new Array(tiles.length).fill(0));
  for (let k = 0; k < levels.length; k++) {
    ifdAt.push(pos);
    pos += ifdSize(tagsOf(k, placeholder[k], placeholder[k]));
    pos += pos & 1;
  }
  const offsets = encoded.map((tiles) => new Array<number>(tiles.length));
  const counts = encoded.map((tiles) => tiles.map((t) => t.length));
  for (let k = levels.length - 1; k >= 0; k--) {
    encoded[k].forEach((t, i) => {
      offsets[k][i] = pos + 4;
      pos += 4 + t.length + 4;
    });
  }
  if (pos > 0xffffffff) throw new Error(`writeCog: ${pos} bytes is over the 4 GiB of a classic TIFF`);

  const out = new Uint8Array(pos);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0], 0);
  view.setUint32(4, ifdAt[0], true);
  for (let k = 0; k < ghost.length; k++) out[8 + k] = ghost.charCodeAt(k);
  for (let k = 0; k < levels.length; k++) writeIfd(view, ifdAt[k], tagsOf(k, offsets[k], counts[k]), k + 1 < levels.length ? ifdAt[k + 1] : 0);
  for (let k = levels.length - 1; k >= 0; k--) {
    encoded[k].forEach((t, i) => {
      const at = offsets[k][i];
      view.setUint32(at - 4, t.length, true);
      out.set(t, at);
      out.set(t.subarray(t.length - 4), at + t.length);
    });
  }
  return out;
}

/** TIFF ColorMap: all reds, then greens, then blues, 16-bit (value × 257). */
function paletteValues(palette: ReadonlyMap<number, readonly [number, number, number]>): number[] {
  const out = new Array<number>(3 * 256).fill(0);
  for (const [v, [r, g, b]] of palette) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`writeCog: palette value ${v} is not 0–255`);
    out[v] = r * 257; out[256 + v] = g * 257; out[512 + v] = b * 257;
  }
  return out;
}
