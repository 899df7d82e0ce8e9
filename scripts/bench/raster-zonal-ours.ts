// Our half of `npm run bench:raster`'s zonal comparison, in a process of its own as GDAL's half is (a fresh heap, no
// other work around it): read and decode the COG, read the stands' binary geometry, take every stand to the raster's
// pixels and count its classes. Writes the counts as little-endian float64 [stands + 1][256] (row 0 unused, column 0
// nodata) to <out>, and one JSON line of timings on stdout.
//   tsx scripts/bench/raster-zonal-ours.ts <raster.tif> <stands.geometry.bin> <out>
import { readFileSync, writeFileSync } from 'node:fs';
import { readStandGeometry } from '../../src/core/io/binary/stand-geometry.ts';
import { fullWindow } from '../../src/core/raster/grid.ts';
import { pixelAreas } from '../../src/core/raster/pixel-area.ts';
import { openGeoTiff } from '../../src/core/raster/read.ts';
import { zonalCategorical } from '../../src/core/raster/zonal.ts';
import { zoneToPixels } from '../../src/core/raster/zones.ts';
import { useNodeZlib } from '../raster/node-zlib.ts';

const [raster, geometryFile, out] = process.argv.slice(2);
useNodeZlib();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = performance.now(), c0 = cpu();
const reader = await openGeoTiff(readFileSync(raster), raster);
const grid = reader.info.grid;
const data = await reader.read(fullWindow(grid));
const t1 = performance.now();
const { geometries } = readStandGeometry(readFileSync(geometryFile), geometryFile);
const zones = geometries.map((g) => zoneToPixels(g, grid));
const t2 = performance.now();
const stats = zonalCategorical({ grid, window: fullWindow(grid), data, nodata: reader.info.nodata }, zones, pixelAreas(grid));
const t3 = performance.now(), c3 = cpu();
const table = new Float64Array((stats.length + 1) * 256);
stats.forEach((s, i) => {
  table[(i + 1) * 256] = s.nodata_pixels;
  for (const c of s.classes) table[(i + 1) * 256 + c.value] = c.pixels;
});
writeFileSync(out, new Uint8Array(table.buffer));
process.stdout.write(`${JSON.stringify({ total_ms: t3 - t0, cpu_ms: c3 - c0, read_ms: t1 - t0, zones_ms: t2 - t1, count_ms: t3 - t2, pixels: grid.width * grid.height })}\n`);
