// Draws Web Mercator map tiles from the data folder's COGs (src/map/raster-protocol.ts asks, MapLibre shows them): each
// COG is opened once by URL — its header, then only the tiles a map tile needs, by HTTP Range (src/server/raster-routes.ts)
// — and renderWebTile (src/core/raster/web-tile.ts) colours the nearest source pixel of every tile pixel by the class
// table, the value ramp or the RGB bands. The result goes back as an ImageBitmap (transferred, no PNG round trip).
import { paletteOf } from '../core/raster/classes.ts';
import { openGeoTiffUrl, type RasterReader } from '../core/raster/read.ts';
import { renderWebTile, type TileStyle } from '../core/raster/web-tile.ts';
import type { RasterTileRequest, RasterTileResponse } from '../map/raster-protocol.ts';

const readers = new Map<string, Promise<RasterReader>>();
const cancelled = new Set<number>();

function styleOf(req: RasterTileRequest): TileStyle {
  if (req.kind === 'categorical') {
    return { kind: 'categorical', colours: paletteOf((req.classes ?? []).map((c) => ({ ...c, key: String(c.value), name: { zh: '', en: '' }, carbon: null }))) };
  }
  if (req.kind === 'continuous' && req.ramp) return { kind: 'continuous', ...req.ramp };
  return { kind: 'imagery' };
}

function reply(msg: RasterTileResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<RasterTileRequest | { cancel: number }>) => {
  const msg = e.data;
  if ('cancel' in msg) {
    cancelled.add(msg.cancel);
    return;
  }
  const { n, url, z, x, y } = msg;
  try {
    let reader = readers.get(url);
    if (!reader) {
      reader = openGeoTiffUrl(url);
      readers.set(url, reader);
      reader.catch(() => readers.delete(url)); // a failed open is tried again on the next tile
    }
    const r = await reader;
    if (cancelled.delete(n)) return reply({ n, empty: true });
    const rgba = await renderWebTile(r, z, x, y, styleOf(msg));
    if (!rgba || cancelled.delete(n)) return reply({ n, empty: true });
    const bitmap = await createImageBitmap(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, 256, 256));
    reply({ n, bitmap }, [bitmap]);
  } catch (err) {
    cancelled.delete(n);
    reply({ n, error: (err as Error).message });
  }
};
