// The workspace's reference layers: loaded from storage when the map is ready, added from a large import, shown or
// hidden, removed. The features stay in the planner worker (indexed for picking) and in MapLibre's worker (drawn).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useState } from 'react';
import { MapController } from '../../map/map-controller.ts';
import { planner } from '../../workers/planner-client.ts';
import { addReferenceLayer, removeReferenceLayer, setReferenceVisible } from './map-reference.ts';
import type { ReferenceMeta } from '../../workers/reference-store.ts';

export interface ReferenceLayers {
  layers: ReferenceMeta[];
  fault: string | null;
  adopt: (token: string) => Promise<ReferenceMeta>;
  toggle: (id: string, visible: boolean) => void;
  remove: (id: string) => void;
}

export function useReferenceLayers(map: MapLibreMap | null): ReferenceLayers {
  const [layers, setLayers] = useState<ReferenceMeta[]>([]);
  const [fault, setFault] = useState<string | null>(null);

  useEffect(() => {
    if (!map) return;
    let live = true;
    void planner().referenceLoadAll().then(({ layers: stored, fault: f }) => {
      if (!live) return;
      const add = () => stored.forEach((l) => addReferenceLayer(map, l.meta.id, l.geojson, l.meta.visible));
      MapController.of(map).whenStyleLoaded(add);
      setLayers(stored.map((l) => l.meta));
      if (f) setFault(f);
    }, (e: Error) => live && setFault(e.message));
    return () => { live = false; };
  }, [map]);

  const adopt = useCallback(async (token: string) => {
    const { meta, geojson, fault: f } = await planner().referenceAdopt(token);
    if (map) addReferenceLayer(map, meta.id, geojson, true);
    setLayers((prev) => [...prev, meta]);
    setFault(f ?? null);
    return meta;
  }, [map]);

  const toggle = useCallback((id: string, visible: boolean) => {
    if (map) setReferenceVisible(map, id, visible);
    setLayers((prev) => prev.map((l) => (l.id === id ? { ...l, visible } : l)));
    void planner().referenceSetVisible(id, visible);
  }, [map]);

  const remove = useCallback((id: string) => {
    if (map) removeReferenceLayer(map, id);
    setLayers((prev) => prev.filter((l) => l.id !== id));
    void planner().referenceRemove(id);
  }, [map]);

  return { layers, fault, adopt, toggle, remove };
}
