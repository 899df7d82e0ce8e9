// Reading any supported vector file from disk for the CLIs: the import registry's formats by extension (GeoJSON,
// KML/KMZ, GPX, zipped Shapefile, CSV), plus a loose .shp with its sibling .dbf/.shx/.prj/.cpg. Every problem is an
// ImportError whose message starts with the file name.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ImportError } from '../../src/core/io/errors.ts';
import { formatFor, importFile, supportedExtensions } from '../../src/core/io/registry.ts';
import { importShapefileParts } from '../../src/core/io/shapefile.ts';
import { DEFAULT_LIMITS, type ImportOptions, type ImportResult } from '../../src/core/io/types.ts';

/** A loose .shp on disk: gather its sibling .dbf/.shx/.prj/.cpg (any letter case). */
export function readLooseShapefile(file: string, options: ImportOptions): ImportResult {
  const dir = dirname(file);
  const stem = basename(file, extname(file));
  const siblings = new Map(readdirSync(dir).map((n) => [n.toLowerCase(), n]));
  const part = (ext: string) => {
    const name = siblings.get(`${stem}${ext}`.toLowerCase());
    return name ? new Uint8Array(readFileSync(join(dir, name))) : undefined;
  };
  const dbf = part('.dbf');
  if (!dbf) throw new ImportError(file, `no ${stem}.dbf next to ${stem}.shp (a shapefile needs .shp, .shx and .dbf)`);
  const shp = new Uint8Array(readFileSync(file));
  if (shp.length === 0) throw new ImportError(file, 'the file is empty');
  return importShapefileParts(file, { base: stem, shp, dbf, shx: part('.shx'), prj: part('.prj'), cpg: part('.cpg') }, options);
}

/** Any supported vector file, reprojected to lon/lat by the import registry. */
export function readVectorFile(file: string, options: ImportOptions = {}): ImportResult {
  if (!existsSync(file)) throw new ImportError(file, 'no such file');
  const stat = statSync(file);
  if (!stat.isFile()) throw new ImportError(file, 'not a file');
  const limit = options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  if (stat.size > limit) throw new ImportError(file, `the file is ${(stat.size / 1048576).toFixed(1)} MB, over the size limit of ${(limit / 1048576).toFixed(0)} MB`);
  if (extname(file).toLowerCase() === '.shp') return readLooseShapefile(file, options);
  if (!formatFor(file)) throw new ImportError(file, `unsupported file type ${extname(file) || '(no extension)'}; supported: ${[...supportedExtensions(), '.shp'].join(' ')}`);
  return importFile(file, new Uint8Array(readFileSync(file)), options);
}
