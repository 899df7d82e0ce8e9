// After a project feature changed on the server: the map's source of that layer re-reads the live file and the
// dashboard's worker re-reads the project layers, so the map and the figures follow at once.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { dataUrl, sourceId } from '../layers/data-source.ts';
import { layersFor } from '../layers/registry.ts';
import { MapController } from '../map/map-controller.ts';
import { reloadProjectLayers } from '../workers/analysis-client.ts';

export async function projectLayerChanged(map: MapLibreMap | null, file: string): Promise<void> {
  // One reload per source, though several registry layers (fill, outline) may draw it.
  const sources = new Map(layersFor('internal').filter((l) => l.source.file === file).map((l) => [sourceId(l.source), l.source]));
  if (map) for (const source of sources.values()) MapController.of(map).reloadSource(source, `${dataUrl(file)}?t=${Date.now()}`);
  await reloadProjectLayers();
}
