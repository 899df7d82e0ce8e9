// Opening a GeoTIFF or Cloud-Optimised GeoTIFF with geotiff.js — from bytes (CLI, tests), or from a URL / any
// geotiff.js source (a worker reading the served COG by HTTP Range) — and reading windows of pixels. Everything a
// caller needs to trust the numbers is checked here and reported as a RasterError naming the file and the problem:
// the CRS must be one of the vector import's table (geokeys.ts), the grid north-up, the sample type known.
import { unzlibSync } from 'fflate';
import { addDecoder, BaseDecoder, fromArrayBuffer, fromUrl, getDecoder, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { crsFromGeoKeys, type GeoKeyValues } from './geokeys.ts';
import type { GeoTransform, PixelWindow, RasterGrid } from './grid.ts';

// Deflate tiles inflate with fflate (2–3× faster than geotiff.js's default pako); Node CLIs swap in node:zlib
// (useInflate) — the decoder is one registry for the whole geotiff.js module.
let inflate: (bytes: Uint8Array) => Uint8Array = (b) => unzlibSync(b);
export function useInflate(f: (bytes: Uint8Array) => Uint8Array): void {
  inflate = f;
}
class DeflateDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    const out = inflate(new Uint8Array(buffer));
    return out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out.buffer : out.slice().buffer;
  }
}
addDecoder([8, 32946], async () => DeflateDecoder, undefined, false);

export type RasterDataType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Images (full resolution + overviews) read from one file: a COG of a county has about 6. */
const MAX_IMAGES = 32;

export class RasterError extends Error {
  constructor(readonly fileName: string, readonly problem: string) {
    super(`${fileName}: ${problem}`);
    this.name = 'RasterError';
  }
}

export interface RasterInfo {
  /** The name used in messages (file path or URL). */
  name: string;
  grid: RasterGrid;
  /** How the CRS was recognised (for reports). */
  crsHow: string;
  bands: number;
  dataType: RasterDataType;
  /** GDAL_NODATA, or null when the file declares none. */
  nodata: number | null;
  tileWidth: number;
  tileHeight: number;
  tiled: boolean;
  /** Reduced-resolution images after the first (COG overviews). */
  overviews: number;
  /** Sizes of the full image (level 0) and of each overview (levels 1…), largest first. */
  levels: { width: number; height: number }[];
  /** TIFF Compression code (1 none, 5 LZW, 7 JPEG, 8 deflate, …). */
  compression: number;
  /** A palette (TIFF ColorMap) as [r, g, b] per value 0…2^bits − 1, when the file has one. */
  palette: [number, number, number][] | null;
}

export interface RasterReader {
  info: RasterInfo;
  /** The pixels of one band (0-based) in a window, row by row. The window must lie inside the raster. */
  read(window: PixelWindow, band?: number): Promise<PixelArray>;
  /** Pixel-interleaved bands (e.g. RGB) in a window. */
  readInterleaved(window: PixelWindow): Promise<PixelArray>;
  /** The same from an overview (level 1…; 0 is the full image), the window in that level's pixels. */
  readLevel(level: number, window: PixelWindow, band?: number | 'all'): Promise<PixelArray>;
}

const TYPE_OF: Record<string, RasterDataType> = {
  '1:8': 'uint8', '2:8': 'int8', '1:16': 'uint16', '2:16': 'int16', '1:32': 'uint32', '2:32': 'int32', '3:32': 'float32', '3:64': 'float64',
};

function first(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'length' in v && (v as ArrayLike<number>).length > 0) return (v as ArrayLike<number>)[0];
  return undefined;
}

function geoTransformOf(image: GeoTIFFImage, fail: (p: string) => never, pixelIsPoint: boolean): GeoTransform {
  const fd = image.getFileDirectory();
  const transform = fd.getValue('ModelTransformation') as ArrayLike<number> | undefined;
  let gt: [number, number, number, number, number, number];
  if (transform && transform.length >= 16) {
    if (transform[1] !== 0 || transform[4] !== 0) fail('the grid is rotated or sheared (ModelTransformation); only north-up rasters are supported — warp it first (gdalwarp)');
    gt = [transform[3], transform[0], 0, transform[7], 0, transform[5]];
  } else {
    const scale = fd.getValue('ModelPixelScale') as ArrayLike<number> | undefined;
    const tie = fd.getValue('ModelTiepoint') as ArrayLike<number> | undefined;
    if (!scale || !tie || scale.length < 2 || tie.length < 6) fail('no georeferencing (neither ModelPixelScale + ModelTiepoint nor ModelTransformation)');
    gt = [tie[3] - tie[0] * scale[0], scale[0], 0, tie[4] + tie[1] * scale[1], 0, -scale[1]];
  }
  if (!gt.every(Number.isFinite) || gt[1] === 0 || gt[5] === 0) fail(`the geotransform is not usable (${gt.join(', ')})`);
  // PixelIsPoint: the tie point is a pixel centre; GDAL shifts the grid by half a pixel to its corner.
  if (pixelIsPoint) { gt[0] -= gt[1] / 2; gt[3] -= gt[5] / 2; }
  return gt;
}

async function describe(tiff: GeoTIFF, name: string): Promise<{ info: RasterInfo; images: GeoTIFFImage[] }> {
  const fail = (problem: string): never => { throw new RasterError(name, problem); };
  let image: GeoTIFFImage;
  let count = 1;
  try {
    image = await tiff.getImage(0);
    // count the images ourselves, at most MAX_IMAGES and never round a loop: a damaged or hostile file whose last IFD
    // points back to an earlier one would keep geotiff.js's getImageCount walking for ever
    const seen = new Set<number>();
    let next = image.getFileDirectory().nextIFDByteOffset;
    while (next && count < MAX_IMAGES) {
      if (seen.has(next)) fail(`its image directories form a loop (at byte ${next})`);
      seen.add(next);
      next = (await tiff.getImage(count)).getFileDirectory().nextIFDByteOffset;
      count++;
    }
  } catch (e) {
    if (e instanceof RasterError) throw e;
    return fail(`not a readable TIFF (${(e as Error).message})`);
  }
  const fd = image.getFileDirectory();
  const keys = image.getGeoKeys() as GeoKeyValues | null;
  const crs = crsFromGeoKeys(keys);
  if (!crs.crs) return fail(crs.problem);
  const pixelIsPoint = keys?.GTRasterTypeGeoKey === 2;
  const bits = first(fd.getValue('BitsPerSample')) ?? 1;
  const format = first(fd.getValue('SampleFormat')) ?? 1;
  const dataType = TYPE_OF[`${format}:${bits}`];
  if (!dataType) fail(`sample format ${format} with ${bits} bits per sample is not supported (8/16/32-bit integers, 32/64-bit floats)`);
  const width = image.getWidth();
  const height = image.getHeight();
  if (!(width > 0 && height > 0)) fail(`the image has no pixels (${width} × ${height})`);
  let nodata: number | null = null;
  try {
    nodata = image.getGDALNoData();
  } catch {
    nodata = null;
  }
  if (nodata !== null && !Number.isFinite(nodata) && !Number.isNaN(nodata)) fail(`GDAL_NODATA is not a number (${String(nodata)})`);
  let palette: RasterInfo['palette'] = null;
  const map = fd.hasTag('ColorMap') ? await fd.loadValue('ColorMap') as ArrayLike<number> | undefined : undefined;
  if (map && map.length % 3 === 0) {
    const n = map.length / 3;
    palette = Array.from({ length: n }, (_, i) => [map[i] >> 8, map[n + i] >> 8, map[2 * n + i] >> 8] as [number, number, number]);
  }
  const grid: RasterGrid = { width, height, geoTransform: geoTransformOf(image, fail, pixelIsPoint), crs: crs.crs };
  // overviews: the following images of the same bands and sample type, each smaller than the one before (masks and
  // other sub-files are left out)
  const images = [image];
  for (let i = 1; i < count; i++) {
    const o = await tiff.getImage(i);
    const last = images[images.length - 1];
    if (o.getSamplesPerPixel() === image.getSamplesPerPixel() && o.getWidth() < last.getWidth() && o.getHeight() <= last.getHeight()
      && first(o.getFileDirectory().getValue('BitsPerSample')) === bits) images.push(o);
  }
  return {
    images,
    info: {
      name, grid, crsHow: crs.how, bands: image.getSamplesPerPixel(), dataType, nodata,
      tiled: image.isTiled, tileWidth: image.getTileWidth(), tileHeight: image.getTileHeight(), overviews: images.length - 1,
      levels: images.map((im) => ({ width: im.getWidth(), height: im.getHeight() })),
      compression: first(fd.getValue('Compression')) ?? 1, palette,
    },
  };
}

const ARRAY_OF: Record<RasterDataType, new (b: ArrayBufferLike | number) => PixelArray> = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
};

/**
 * A band (or all bands, interleaved) of a tiled image, tile by tile: each tile decoded once and copied row by row
 * into the window (geotiff.js's readRasters copies sample by sample, several times slower on a county-sized window).
 */
async function readTiles(image: GeoTIFFImage, info: RasterInfo, w: PixelWindow, band: number | 'all', decoder: BaseDecoder, undoPredictor: boolean): Promise<PixelArray> {
  const Ctor = ARRAY_OF[info.dataType];
  const planar = image.planarConfiguration === 2;
  const all = band === 'all';
  const outSpp = all ? info.bands : 1;
  const out = new Ctor(w.width * w.height * outSpp);
  const tw = image.getTileWidth(), th = image.getTileHeight();
  const spp = planar ? 1 : info.bands;
  const jobs: Promise<void>[] = [];
  const tileOf = async (tx: number, ty: number, sample: number) => {
    const { data } = await image.getTileOrStrip(tx, ty, sample, decoder);
    const tile = new Ctor(data);
    if (undoPredictor) {
      // TIFF Predictor 2 (horizontal differencing), per sample, wrapping in the sample type like the encoder
      const row = tw * spp;
      for (let y = 0; y < th; y++) for (let i = y * row + spp, end = (y + 1) * row; i < end; i++) tile[i] += tile[i - spp];
    }
    return tile;
  };
  for (let ty = Math.floor(w.row / th); ty * th < w.row + w.height; ty++) {
    for (let tx = Math.floor(w.col / tw); tx * tw < w.col + w.width; tx++) {
      const c0 = Math.max(w.col, tx * tw), c1 = Math.min(w.col + w.width, (tx + 1) * tw);
      const r0 = Math.max(w.row, ty * th), r1 = Math.min(w.row + w.height, (ty + 1) * th);
      const samples = all ? (planar ? Array.from({ length: info.bands }, (_, b) => b) : [0]) : [planar ? (band as number) : 0];
      for (const sample of samples) {
        jobs.push(tileOf(tx, ty, sample).then((tile) => {
          for (let r = r0; r < r1; r++) {
            const from = ((r - ty * th) * tw + (c0 - tx * tw)) * spp;
            const to = ((r - w.row) * w.width + (c0 - w.col)) * outSpp;
            if (spp === outSpp) out.set(tile.subarray(from, from + (c1 - c0) * spp), to);
            else if (!all) for (let k = 0; k < c1 - c0; k++) out[to + k] = tile[from + k * spp + (band as number)];
            else for (let k = 0; k < c1 - c0; k++) out[to + k * outSpp + sample] = tile[from + k]; // planar, all bands
          }
        }));
      }
    }
  }
  await Promise.all(jobs);
  return out;
}

function reader(images: GeoTIFFImage[], info: RasterInfo): RasterReader {
  // per level: its decoder, and whether integer horizontal differencing is undone in readTiles (a tight loop) rather
  // than by geotiff.js
  const setups = new Map<number, Promise<{ decoder: BaseDecoder; undo: boolean }>>();
  const setupOf = (level: number) => {
    let s = setups.get(level);
    if (!s) {
      const image = images[level];
      const fd = image.getFileDirectory();
      setups.set(level, (s = (async () => {
        const predictor = first(await fd.loadValue('Predictor')) ?? 1;
        const undo = predictor === 2 && !info.dataType.startsWith('float');
        const decoder = await getDecoder(first(fd.getValue('Compression')) ?? 1, {
          tileWidth: image.getTileWidth(), tileHeight: image.getTileHeight(), planarConfiguration: image.planarConfiguration,
          bitsPerSample: Array.from(fd.getValue('BitsPerSample') as ArrayLike<number>), predictor: undo ? 1 : predictor, samplesPerPixel: info.bands,
        });
        return { decoder, undo };
      })()));
    }
    return s;
  };
  const check = (level: number, w: PixelWindow) => {
    const size = info.levels[level];
    if (!size) throw new RasterError(info.name, `level ${level} does not exist (the raster has ${info.levels.length - 1} overviews)`);
    if (w.col < 0 || w.row < 0 || w.width <= 0 || w.height <= 0 || w.col + w.width > size.width || w.row + w.height > size.height) {
      throw new RasterError(info.name, `window ${w.col},${w.row} ${w.width}×${w.height} is outside the ${size.width}×${size.height} raster`);
    }
  };
  const readLevel = async (level: number, w: PixelWindow, band: number | 'all' = 0): Promise<PixelArray> => {
    check(level, w);
    if (band !== 'all' && (band < 0 || band >= info.bands)) throw new RasterError(info.name, `band ${band + 1} does not exist (the raster has ${info.bands})`);
    const image = images[level];
    if (image.isTiled) {
      const { decoder, undo } = await setupOf(level);
      return readTiles(image, info, w, band, decoder, undo);
    }
    const box = [w.col, w.row, w.col + w.width, w.row + w.height];
    if (band === 'all') return await image.readRasters({ window: box, interleave: true }) as unknown as PixelArray;
    return ((await image.readRasters({ window: box, samples: [band] })) as unknown as PixelArray[])[0];
  };
  return {
    info,
    read: (w, band = 0) => readLevel(0, w, band),
    readInterleaved: (w) => readLevel(0, w, 'all'),
    readLevel,
  };
}

/** Opens a GeoTIFF held in memory. `name` is used in messages. */
export async function openGeoTiff(bytes: Uint8Array | ArrayBuffer, name: string): Promise<RasterReader> {
  const buffer = bytes instanceof ArrayBuffer ? bytes : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  let tiff: GeoTIFF;
  try {
    tiff = await fromArrayBuffer(buffer);
  } catch (e) {
    throw new RasterError(name, `not a TIFF file (${(e as Error).message})`);
  }
  const { info, images } = await describe(tiff, name);
  return reader(images, info);
}

/** Opens a (Cloud-Optimised) GeoTIFF by URL: only the header and the tiles a window needs are fetched (HTTP Range). */
export async function openGeoTiffUrl(url: string, options?: { headers?: Record<string, string> }): Promise<RasterReader> {
  let tiff: GeoTIFF;
  try {
    tiff = await fromUrl(url, { allowFullFile: false, headers: options?.headers });
  } catch (e) {
    throw new RasterError(url, `cannot open (${(e as Error).message})`);
  }
  const { info, images } = await describe(tiff, url);
  return reader(images, info);
}
