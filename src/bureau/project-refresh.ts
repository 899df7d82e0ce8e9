// After a project feature changed on the server: the map's source of that layer re-reads the live file and the
// dashboard's worker re-reads the project layers, so the map and the figures follow at once.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { dataUrl, sourceId } from '../layers/data-source.ts';
import { layersFor } from '../layers/registry.ts';
import { reloadProjectLayers } from '../workers/analysis-client.ts';

export async function projectLayerChanged(map: MapLibreMap | null, file: string): Promise<void> {
  const ids = new Set(layersFor('internal').filter((l) => l.source.file === file).map((l) => sourceId(l.source)));
  for (const id of ids) (map?.getSource(id) as GeoJSONSource | undefined)?.setData(`${dataUrl(file)}?t=${Date.now()}`);
  await reloadProjectLayers();
}
