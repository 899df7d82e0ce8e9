// KML (Google Earth, 奥维互动地图) and KMZ (a zip holding doc.kml). Coordinates are WGS84 lon/lat by definition.
import { kml } from '@tmcw/togeojson';
import { ImportError } from './errors.ts';
import { decideCrs, finishImport, type RawFeature } from './finish.ts';
import { checkInputSize } from './guard.ts';
import { parseXml } from './xml.ts';
import { entryExt, looksLikeZip, readZip } from './zip.ts';
import { resolveLimits, type ImportOptions, type ImportResult } from './types.ts';

function kmlFromKmz(fileName: string, bytes: Uint8Array, options: ImportOptions | undefined): Uint8Array {
  const { entries } = readZip(fileName, bytes, resolveLimits(options), (n) => entryExt(n) === '.kml', 'a KMZ (zipped KML)');
  const names = [...entries.keys()];
  // Google Earth reads doc.kml, else the first .kml at the top level.
  const pick = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names.filter((n) => !n.includes('/')).sort()[0] ?? names.sort()[0];
  if (!pick) throw new ImportError(fileName, 'the KMZ holds no .kml file');
  return entries.get(pick)!;
}

export function importKml(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  checkInputSize(fileName, bytes, limits);
  const xmlBytes = looksLikeZip(bytes) ? kmlFromKmz(fileName, bytes, options) : bytes;
  const { doc, encoding } = parseXml(fileName, xmlBytes, 'kml', options?.encoding);
  const fc = kml(doc);
  const features: RawFeature[] = fc.features.map((feature, index) => ({ feature, index }));
  const warnings: string[] = [];
  if (options?.crs) warnings.push(`KML coordinates are WGS84 by definition; ignored the chosen CRS ${options.crs}`);
  const { crs } = decideCrs(fileName, undefined, undefined, features, true);
  return finishImport(fileName, { features, read: features.length, encoding, warnings }, crs, [], limits);
}
