// Serialisation: RFC 7946 FeatureCollections with 6-decimal coordinates, one feature per line (diffable, streamable),
// a numeric top-level id (1-based, for MapLibre feature-state) and properties.id as the stable string id.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Geometry } from 'geojson';
import { roundGeometry } from './geom.ts';

export interface OutFeature {
  properties: Record<string, unknown> & { id: string };
  geometry: Geometry;
}

export function featureCollectionText(features: OutFeature[], label: string): string {
  const ids = new Set<string>();
  const lines = features.map((f, i) => {
    if (ids.has(f.properties.id)) throw new Error(`${label}: duplicate id ${f.properties.id}`);
    ids.add(f.properties.id);
    return JSON.stringify({ type: 'Feature', id: i + 1, properties: f.properties, geometry: roundGeometry(f.geometry) });
  });
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export function writeLayer(dir: string, file: string, features: OutFeature[]): number {
  const text = featureCollectionText(features, file);
  writeFileSync(join(dir, file), text);
  return Buffer.byteLength(text);
}
