// Zonal statistics in a popup: the land cover of a clicked stand (any view of the stands) or township, counted in the
// raster worker on the feature's full polygon from the data files (the map's tiles are clipped at tile edges).
import { useEffect, useState } from 'react';
import type { ZoneSummary } from '../core/raster/zone-summary.ts';
import { STAND_SOURCE } from '../layers/registry.ts';
import type { PickedFeature } from '../map/MapView.tsx';
import type { Lang } from '../ui/i18n-types.ts';
import { UI_TEXT } from '../ui/i18n.ts';
import { ZonalTable } from '../ui/widgets/ZonalTable.tsx';
import { zoneStatistics, type ZoneTarget } from '../workers/raster-client.ts';

export function zoneTargetOf(picked: PickedFeature): ZoneTarget | null {
  const { layer, properties } = picked;
  if (layer.source.file === STAND_SOURCE.file && properties.id !== undefined && properties.id !== null) return { kind: 'stand', id: String(properties.id) };
  if (layer.id === 'townships' && properties.code !== undefined) return { kind: 'township', code: String(properties.code) };
  return null;
}

export function FeatureZonal({ picked, lang }: { picked: PickedFeature; lang: Lang }) {
  const target = zoneTargetOf(picked);
  // Folded until asked for: the popup keeps its size (it sits over the map) and nothing is counted unasked.
  const [open, setOpen] = useState(false);
  const key = target && open ? JSON.stringify(target) : '';
  const [state, setState] = useState<{ key: string; summaries?: ZoneSummary[] | null; ms?: number; error?: string } | null>(null);
  useEffect(() => {
    if (!target || !open) return;
    let live = true;
    setState({ key });
    zoneStatistics(target).then(
      (r) => live && setState({ key, summaries: r?.summaries ?? [], ms: r?.ms }),
      (e: Error) => live && setState({ key, error: e?.message ?? String(e) }),
    );
    return () => { live = false; };
    // key captures the target
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!target) return null;
  return (
    <details className="feature-popup__zonal" data-testid="popup-zonal" data-target={target.kind} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary data-testid="popup-zonal-open">{UI_TEXT.dashboardLandCover[lang]}</summary>
      {state && state.key === key && <ZonalTable summaries={state.error ? [] : state.summaries ?? null} error={state.error} lang={lang} compact ms={state.ms} />}
    </details>
  );
}
