// "Zoom to township": a list of the 25 townships; choosing one fits the map to its outline.
import { bbox } from '@turf/turf';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { loadGeoJson } from '../layers/load-geojson.ts';
import { layerById } from '../layers/registry.ts';
import { XINGGUO_BOUNDS } from '../map/MapView.tsx';
import { useLang, useT } from '../ui/i18n.ts';

interface Township {
  code: string;
  name: string;
  name_en: string;
  bounds: [number, number, number, number];
}

interface Props {
  map: MapLibreMap | null;
  /** The township the page is filtered to (null = whole county); choosing one here zooms to it and filters. */
  value: string | null;
  onChange: (township: { code: string; name: string } | null) => void;
  onError: (m: string) => void;
}

export function TownshipZoom({ map, value, onChange, onError }: Props) {
  const lang = useLang();
  const t = useT();
  const [townships, setTownships] = useState<Township[]>([]);
  useEffect(() => {
    loadGeoJson(layerById('townships').source.file)
      .then((fc) =>
        setTownships(
          fc.features
            .map((f) => ({ code: String(f.properties?.code), name: String(f.properties?.name), name_en: String(f.properties?.name_en ?? f.properties?.name), bounds: bbox(f) as [number, number, number, number] }))
            .sort((a, b) => a.code.localeCompare(b.code)),
        ),
      )
      .catch((e: Error) => onError(e.message));
  }, [onError]);
  return (
    <label className="township-zoom">
      <span>{t('zoomToTownship')}</span>
      <select
        data-testid="township-zoom"
        value={value ?? ''}
        onChange={(e) => {
          const hit = townships.find((tw) => tw.code === e.target.value);
          map?.fitBounds(hit ? hit.bounds : XINGGUO_BOUNDS, { padding: 30, duration: 0 });
          onChange(hit ? { code: hit.code, name: hit.name } : null);
        }}
      >
        <option value="">{t('wholeCounty')}</option>
        {townships.map((tw) => (
          <option key={tw.code} value={tw.code}>{lang === 'zh' ? tw.name : `${tw.name_en} ${tw.name}`}</option>
        ))}
      </select>
    </label>
  );
}
