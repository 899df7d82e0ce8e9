// node:zlib for the raster core in Node scripts: the same zlib streams the core's fflate default reads and writes,
// several times faster on county-sized rasters (the browser keeps fflate).
import { deflateSync, inflateSync } from 'node:zlib';
import { useInflate } from '../../src/core/raster/read.ts';

export const nodeDeflate = (bytes: Uint8Array, level: number): Uint8Array => deflateSync(bytes, { level });

/** Reading GeoTIFF tiles in this process inflates with node:zlib from now on. */
export function useNodeZlib(): void {
  useInflate((bytes) => inflateSync(bytes));
}
