// Fetches a data file as GeoJSON with a clear error that names the file. Used by panels that need the features
// themselves (the township list); the map loads its sources through data-source.ts.
import type { FeatureCollection } from 'geojson';
import { dataUrl } from './data-source.ts';

export async function loadGeoJson(file: string): Promise<FeatureCollection> {
  const response = await fetch(dataUrl(file));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const json = (await response.json()) as FeatureCollection;
  if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  return json;
}
