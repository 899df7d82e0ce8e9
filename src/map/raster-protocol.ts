// The map's raster tiles from the data folder's COGs: a MapLibre protocol (RASTER_PROTOCOL://<raster id>/{z}/{x}/{y},
// the source raster-layers.ts and data-source.ts declare) whose tiles a Web Worker draws (src/workers/raster-tiles.worker.ts)
// from the COG by HTTP Range with the core's renderWebTile. Why this and not deck.gl or a COG protocol package:
// MapLibre keeps the raster a style layer like any other — drawn under the vector layers in the registry's order, with
// raster-opacity and nearest resampling for classes — and the core renders straight from the COG in its own CRS
// (GK zones), which @geomatico/maplibre-cog-protocol cannot (EPSG:3857 only), with no PNG encode/decode in between.
import * as maplibregl from 'maplibre-gl';
import { dataUrl } from '../layers/data-source.ts';
import { RASTER_PROTOCOL } from '../layers/raster-layers.ts';
import type { LayerDef } from '../layers/types.ts';

export interface RasterTileRequest {
  n: number;
  url: string;
  z: number;
  x: number;
  y: number;
  kind: 'imagery' | 'categorical' | 'continuous';
  classes?: { value: number; colour: string }[];
  ramp?: { min: number; max: number; colours: string[] };
}

export type RasterTileResponse = { n: number; bitmap: ImageBitmap } | { n: number; empty: true } | { n: number; error: string };

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (r: RasterTileResponse) => void }>();
/** raster id → what the worker needs to draw it (set from the registry). */
const rasters = new Map<string, Omit<RasterTileRequest, 'n' | 'z' | 'x' | 'y'>>();

function tileWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('../workers/raster-tiles.worker.ts', import.meta.url), { type: 'module', name: 'raster-tiles' });
    worker.onmessage = (e: MessageEvent<RasterTileResponse>) => {
      const w = waiting.get(e.data.n);
      waiting.delete(e.data.n);
      w?.resolve(e.data);
    };
  }
  return worker;
}

/** Registers the protocol (once) and tells it the registry's COG raster layers. */
export function setRasterLayers(layers: readonly LayerDef[]): void {
  for (const l of layers) {
    const r = l.source.raster;
    if (r?.type !== 'cog' || !l.raster) continue;
    rasters.set(r.id, {
      url: dataUrl(l.source.file), kind: l.raster.kind,
      ...(l.raster.classes ? { classes: l.raster.classes.map(({ value, colour }) => ({ value, colour })) } : {}),
      ...(l.raster.ramp ? { ramp: l.raster.ramp } : {}),
    });
  }
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(RASTER_PROTOCOL, async (params, abort) => {
    const m = new RegExp(`^${RASTER_PROTOCOL}://([a-z0-9-]+)/(\\d+)/(\\d+)/(\\d+)$`).exec(params.url);
    const raster = m && rasters.get(m[1]);
    if (!m || !raster) throw new Error(`${params.url}: no such raster in the registry`);
    const n = ++next;
    const answer = new Promise<RasterTileResponse>((resolve) => waiting.set(n, { resolve }));
    const w = tileWorker();
    w.postMessage({ n, ...raster, z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) } satisfies RasterTileRequest);
    abort.signal.addEventListener('abort', () => w.postMessage({ cancel: n }));
    const r = await answer;
    if ('error' in r) throw new Error(`${raster.url}: ${r.error}`);
    // An empty body: MapLibre keeps the tile blank (outside the raster, or all nodata).
    return { data: 'bitmap' in r ? (r.bitmap as never) : new ArrayBuffer(0) };
  });
}
let registered = false;
