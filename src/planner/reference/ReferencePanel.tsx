// The reference layers' list (show/hide, zoom to, remove), the popup of a clicked reference feature — its attributes
// as text, coded inventory values with their names (地类 0132 其他灌木林地), and a button that makes it a site — and
// picking several stands to merge (PickPanel.tsx). Picking goes through the worker's index, so the site gets the
// file's own geometry, not the tiled copy MapLibre draws.
import type { Feature, Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Lang } from '../../ui/i18n-types.ts';
import { planner } from '../../workers/planner-client.ts';
import type { ReferencePick } from '../../workers/planner.worker.ts';
import { paren, pt } from '../text.ts';
import { fillText } from '../../ui/fill-text.ts';
import type { ReferenceLayers } from './use-reference-layers.ts';
import { codeNames } from '../../core/inventory/code-names.ts';
import { valueName } from '../../ui/value-names.ts';
import { PickPanel, type MergedStands } from './PickPanel.tsx';
import type { ReferenceMeta } from './reference-store.ts';

interface Props {
  lang: Lang;
  map: maplibregl.Map | null;
  refs: ReferenceLayers;
  /** Picking is on only while browsing (clicks draw or select in the other modes). */
  pickable: boolean;
  onPick: (layer: ReferenceMeta, feature: Feature<Geometry>) => void;
  onMerged: (m: MergedStands) => void;
  onError: (message: string) => void;
}

export function ReferencePanel({ lang, map, refs, pickable, onPick, onMerged, onError }: Props) {
  const [picked, setPicked] = useState<{ at: [number, number]; hits: ReferencePick[] } | null>(null);
  const [node] = useState(() => document.createElement('div'));

  useEffect(() => {
    if (!map || !pickable || refs.layers.every((l) => !l.visible)) return;
    const onClick = (e: maplibregl.MapMouseEvent) => {
      const a = map.unproject([e.point.x, e.point.y]);
      const b = map.unproject([e.point.x + 6, e.point.y]);
      void planner().referencePick(a.lng, a.lat, Math.abs(b.lng - a.lng)).then((hits) => setPicked(hits.length ? { at: [a.lng, a.lat], hits } : null));
    };
    map.on('click', onClick);
    return () => { map.off('click', onClick); };
  }, [map, pickable, refs.layers]);

  useEffect(() => {
    if (!map || !picked) return;
    const popup = new maplibregl.Popup({ maxWidth: '360px', closeButton: true, focusAfterOpen: false, className: 'planner-ref-popup' })
      .setLngLat(picked.at).setDOMContent(node).addTo(map);
    popup.on('close', () => setPicked((p) => (p === picked ? null : p)));
    return () => { popup.remove(); };
  }, [map, picked, node]);

  if (refs.layers.length === 0 && !refs.fault) return null;
  const first = picked?.hits[0];
  const names = first ? codeNames(first.feature.properties ?? {}) : {};
  return (
    <section data-testid="reference-layers">
      <h3>{pt(lang, 'referenceLayers')}</h3>
      {refs.fault && <p className="planner-error planner-small">{fillText(pt(lang, 'referenceLayerNotSavedIn'), { fault: refs.fault })}</p>}
      <ul className="planner-sites">
        {refs.layers.map((l) => (
          <li key={l.id} data-testid="reference-layer" data-layer-id={l.id} data-count={l.count}>
            <label className="planner-check">
              <input type="checkbox" data-testid="reference-visible" checked={l.visible} onChange={(e) => refs.toggle(l.id, e.target.checked)} />
              <span data-value>{l.name}</span>{paren(lang, fillText(pt(lang, 'featureCount'), { count: l.count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') }))}
            </label>
            <div className="planner-site__row">
              <button type="button" className="planner-link" onClick={() => map?.fitBounds([[l.bbox[0], l.bbox[1]], [l.bbox[2], l.bbox[3]]], { padding: 30, duration: 0 })}>{pt(lang, 'zoomTo')}</button>
              <button type="button" data-testid="reference-remove" onClick={() => refs.remove(l.id)}>{pt(lang, 'remove')}</button>
            </div>
          </li>
        ))}
      </ul>
      <p className="planner-muted planner-small">{pt(lang, 'referenceClickHelp')}</p>
      <PickPanel lang={lang} map={map} layers={refs.layers.filter((l) => l.visible)} enabled={pickable} onMerged={onMerged} onError={onError} />
      {first && createPortal(
        <div className="planner-ref-popup__body" data-testid="reference-popup">
          <strong>{first.layerName}</strong>
          <table className="planner-table"><tbody>
            {Object.entries(first.feature.properties ?? {}).slice(0, 40).map(([k, v]) => (
              <tr key={k} data-field={k}><th scope="row">{k}</th><td>{v === null || v === undefined ? '' : String(v)}{names[k] && <span className="planner-code-name" data-testid="reference-code-name"> {valueName(names[k], lang)}</span>}</td></tr>
            ))}
          </tbody></table>
          <button type="button" data-testid="reference-make-site" onClick={() => { const l = refs.layers.find((x) => x.id === first.layerId); if (l) onPick(l, first.feature); setPicked(null); }}>{pt(lang, 'makeItASite')}</button>
          {picked!.hits.length > 1 && <p className="planner-muted planner-small">{fillText(pt(lang, 'moreFeaturesHere'), { moreCount: picked!.hits.length - 1 })}</p>}
        </div>, node)}
    </section>
  );
}
