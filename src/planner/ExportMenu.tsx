// Export the selected site or all sites (GeoJSON, KML, zipped shapefile, CSV with analysis and WKT geometry), a PNG
// of the map, a printable A4 report of the selected site or of every site (one after another, each framed and
// analysed in turn), and a share link.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { sitesToCsv, sitesToGeoJson, sitesToKml, sitesToShapefileZip } from '../core/io/export-sites.ts';
import { MAX_SHARE_CHARS } from '../core/share/share-link.ts';
import { downloadBlob } from '../ui/download.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { planner } from '../workers/planner-client.ts';
import { analyseOnWorker } from './use-site-analysis.ts';
import { mapPng } from './map-layers.ts';
import { fileBase } from './file-name.ts';
import { PrintReport } from './PrintReport.tsx';
import { captureReportMap, type ReportMap } from './report-map.ts';
import { layerById } from '../layers/registry.ts';
import type { LayerDef } from '../layers/types.ts';
import type { Site } from './site.ts';
import { pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';

interface Props { lang: Lang; map: MapLibreMap | null; sites: Site[]; selected: Site | null; analysis: SiteAnalysis | null; visibleLayers: string[] }

export function ExportMenu({ lang, map, sites, selected, analysis, visibleLayers }: Props) {
  const [scope, setScope] = useState<'selected' | 'all'>('all');
  const [share, setShare] = useState<{ url: string; dropped: number; total: number } | null>(null);
  /** The report being printed: one site, or every site in turn (each with its map and analysis). */
  const [print, setPrint] = useState<{ site: Site; map: ReportMap; analysis: SiteAnalysis | null }[] | null>(null);
  const [preparing, setPreparing] = useState<{ done: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const loadedImages = useRef(0);
  const chosen = scope === 'selected' ? (selected ? [selected] : []) : sites;
  const base = scope === 'selected' && selected ? fileBase(selected.name) : 'sites';

  // The report opens the print dialog once its map has loaded and leaves the page after printing (or on Esc).
  useEffect(() => {
    if (!print) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setPrint(null); };
    const done = () => setPrint(null);
    window.addEventListener('keydown', onKey);
    window.addEventListener('afterprint', done, { once: true });
    return () => { window.removeEventListener('keydown', onKey); window.removeEventListener('afterprint', done); };
  }, [print]);

  const printLayers = (): LayerDef[] => visibleLayers.flatMap((id) => { try { return [layerById(id)]; } catch { return []; } })
    .filter((l) => !['county', 'neighbours', 'water', 'rivers', 'township-labels'].includes(l.id));

  const csv = async () => {
    setBusy(true);
    try {
      const rows = await Promise.all(chosen.map(async (s) => ({ ...s, analysis: await analyseOnWorker(s).catch(() => null) })));
      downloadBlob(`${base}.csv`, sitesToCsv(rows), 'text/csv;charset=utf-8');
    } finally {
      setBusy(false);
    }
  };

  const makeShare = async () => {
    if (!map) return;
    const c = map.getCenter();
    setBusy(true);
    // Packed in the worker: thousands of sites take seconds to compress.
    const enc = await planner().encodeShare({
      view: { center: [c.lng, c.lat], zoom: map.getZoom() }, lang: null, layers: visibleLayers, selected: selected?.id ?? null,
      sites: chosen.map((s) => ({ name: s.name, type: s.type, note: s.note, geometry: s.geometry })),
    }).finally(() => setBusy(false));
    const url = `${location.origin}${location.pathname}${location.search}${enc.hash}`;
    history.replaceState(null, '', enc.hash);
    void navigator.clipboard?.writeText(url).catch(() => undefined);
    setShare({ url, dropped: enc.droppedSites, total: chosen.length });
  };

  /** Frames, captures and analyses each site in turn (the map moves for each capture and comes back), then prints. */
  const printSites = async (list: Site[]) => {
    if (!map || list.length === 0) return;
    setBusy(true);
    loadedImages.current = 0;
    try {
      const out: { site: Site; map: ReportMap; analysis: SiteAnalysis | null }[] = [];
      for (const s of list) {
        setPreparing({ done: out.length, total: list.length });
        const shot = await captureReportMap(map, s.geometry, printLayers());
        const a = s.id === selected?.id && analysis ? analysis : await analyseOnWorker(s).catch(() => null);
        out.push({ site: s, map: shot, analysis: a });
      }
      setPrint(out);
    } finally {
      setPreparing(null);
      setBusy(false);
    }
  };

  const none = chosen.length === 0;
  return (
    <section className="planner-export" data-testid="planner-export">
      <h3>{pt(lang, 'exportAndShare')}</h3>
      <div className="planner-row">
        <label><input type="radio" name="export-scope" data-testid="export-scope-all" checked={scope === 'all'} onChange={() => setScope('all')} />{fillText(pt(lang, 'allSites'), { sitesCount: sites.length })}</label>
        <label><input type="radio" name="export-scope" data-testid="export-scope-selected" checked={scope === 'selected'} onChange={() => setScope('selected')} />{pt(lang, 'selectedSite')}</label>
      </div>
      <div className="planner-row">
        <button type="button" data-testid="export-geojson" disabled={none} onClick={() => downloadBlob(`${base}.geojson`, sitesToGeoJson(chosen), 'application/geo+json')}>GeoJSON</button>
        <button type="button" data-testid="export-kml" disabled={none} onClick={() => downloadBlob(`${base}.kml`, sitesToKml(chosen), 'application/vnd.google-earth.kml+xml')}>KML</button>
        <button type="button" data-testid="export-shp" disabled={none} onClick={() => downloadBlob(`${base}.zip`, sitesToShapefileZip(chosen, base) as BlobPart, 'application/zip')}>Shapefile (zip)</button>
        <button type="button" data-testid="export-csv" disabled={none || busy} onClick={() => void csv()}>CSV</button>
        <button type="button" data-testid="export-png" disabled={!map} onClick={() => map && void mapPng(map).then((url) => fetch(url)).then((r) => r.blob()).then((b) => downloadBlob('map.png', b, 'image/png'))}>PNG</button>
        <button type="button" data-testid="export-print" disabled={!selected || !map || busy} onClick={() => selected && void printSites([selected])}>{pt(lang, 'printReport')}</button>
        <button type="button" data-testid="export-print-all" disabled={sites.length < 2 || !map || busy} onClick={() => void printSites(sites)}>{fillText(pt(lang, 'printAllSites'), { count: sites.length })}</button>
        <button type="button" data-testid="export-share" disabled={!map || busy} onClick={() => void makeShare()}>{pt(lang, 'shareLink')}</button>
      </div>
      {share && (
        <div data-testid="share-result">
          <input readOnly value={share.url} data-testid="share-url" aria-label={pt(lang, 'shareLink')} onFocus={(e) => e.target.select()} />
          {share.dropped > 0 ? (
            <p className="planner-error planner-small" data-testid="share-cut">
              {fillText(pt(lang, 'shareLinkTruncated'), { fitting: share.total - share.dropped, total: share.total, maxChars: MAX_SHARE_CHARS.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'), dropped: share.dropped })}
              {' '}<button type="button" data-testid="share-file" onClick={() => downloadBlob(`${base}.geojson`, sitesToGeoJson(chosen), 'application/geo+json')}>{fillText(pt(lang, 'downloadAllSitesGeojson'), { total: share.total })}</button>
            </p>
          ) : <p className="planner-muted planner-small">{pt(lang, 'linkCopied')}</p>}
        </div>
      )}
      {preparing && <p className="planner-muted planner-small" data-testid="report-preparing">{fillText(pt(lang, 'reportPreparing'), { done: preparing.done, total: preparing.total })}</p>}
      {print && createPortal(<>{print.map((r) => (
        <PrintReport key={r.site.id} lang={lang} site={r.site} analysis={r.analysis} map={r.map}
          onReady={() => { if (++loadedImages.current === print.length) setTimeout(() => window.print(), 50); }} />
      ))}</>, document.body)}
    </section>
  );
}
