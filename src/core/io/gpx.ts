// GPX tracks, routes and waypoints (GPS receivers, 两步路, 六只脚). WGS84 lon/lat by definition.
import { gpx } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { decideCrs, finishImport, type RawFeature } from './finish.ts';
import { checkInputSize } from './guard.ts';
import { parseXml } from './xml.ts';
import { resolveLimits, type ImportOptions, type ImportResult } from './types.ts';

const KINDS = new Set(['wpt', 'rte', 'trk']);

export function importGpx(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  checkInputSize(fileName, bytes, limits);
  const { doc, encoding } = parseXml(fileName, bytes, 'gpx', options?.encoding);
  // togeojson emits all tracks, then routes, then waypoints. To give each feature its position in the file,
  // convert the root's children one at a time, in document order, inside a scratch <gpx> document.
  const root = doc.documentElement!;
  // onError: the scratch document only copies nodes already parsed; xmldom would otherwise print warnings to the console.
  const scratch = new DOMParser({ onError: () => undefined }).parseFromString(`<gpx xmlns="${root.namespaceURI ?? ''}"/>`, 'text/xml');
  const holder = scratch.documentElement!;
  const features: RawFeature[] = [];
  const rejected: { index: number; why: string }[] = [];
  let index = 0;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    const name = (node as { localName?: string }).localName;
    if (node.nodeType !== 1 || !name || !KINDS.has(name)) continue;
    const copy = scratch.importNode(node, true);
    holder.appendChild(copy);
    const [feature] = gpx(scratch).features;
    holder.removeChild(copy);
    if (feature) features.push({ feature, index });
    else rejected.push({ index, why: `feature ${index}: <${name}> has no usable points` });
    index++;
  }
  const warnings: string[] = [];
  if (options?.crs) warnings.push(`GPX coordinates are WGS84 by definition; ignored the chosen CRS ${options.crs}`);
  const { crs } = decideCrs(fileName, undefined, undefined, features, true);
  return finishImport(fileName, { features, read: index, rejected, encoding, warnings }, crs, [], limits);
}
