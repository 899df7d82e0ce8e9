// Export the selected site or all sites (GeoJSON, KML, zipped shapefile, CSV with analysis), a PNG of the map,
// a printable A4 report, and a share link.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { sitesToCsv, sitesToGeoJson, sitesToKml, sitesToShapefileZip } from '../core/io/export-sites.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import { MAX_SHARE_CHARS } from '../core/share/share-link.ts';
import { downloadBlob } from '../ui/download.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { dataBaseUrl, planner } from '../workers/planner-client.ts';
import { mapPng } from './map-layers.ts';
import { fileBase } from './file-name.ts';
import { PrintReport } from './PrintReport.tsx';
import { captureReportMap, type ReportMap } from './report-map.ts';
import { layerById } from '../layers/registry.ts';
import type { LayerDef } from '../layers/types.ts';
import type { Site } from './site.ts';
import { tr } from './text.ts';

interface Props { lang: Lang; map: MapLibreMap | null; sites: Site[]; selected: Site | null; analysis: SiteAnalysis | null; visibleLayers: string[] }

export function ExportMenu({ lang, map, sites, selected, analysis, visibleLayers }: Props) {
  const [scope, setScope] = useState<'selected' | 'all'>('all');
  const [share, setShare] = useState<{ url: string; dropped: number; total: number } | null>(null);
  const [print, setPrint] = useState<ReportMap | null>(null);
  const [busy, setBusy] = useState(false);
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
      const rows = await Promise.all(chosen.map(async (s) => ({ ...s, analysis: await planner().analyse(dataBaseUrl(), s.geometry, s.type, AS_OF_YEAR).catch(() => null) })));
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

  const none = chosen.length === 0;
  return (
    <section className="planner-export" data-testid="planner-export">
      <h3>{tr(lang, '导出与分享', 'Export and share')}</h3>
      <div className="planner-row">
        <label><input type="radio" name="export-scope" data-testid="export-scope-all" checked={scope === 'all'} onChange={() => setScope('all')} />{tr(lang, `全部（${sites.length}）`, `All (${sites.length})`)}</label>
        <label><input type="radio" name="export-scope" data-testid="export-scope-selected" checked={scope === 'selected'} onChange={() => setScope('selected')} />{tr(lang, '选中地块', 'Selected site')}</label>
      </div>
      <div className="planner-row">
        <button type="button" data-testid="export-geojson" disabled={none} onClick={() => downloadBlob(`${base}.geojson`, sitesToGeoJson(chosen), 'application/geo+json')}>GeoJSON</button>
        <button type="button" data-testid="export-kml" disabled={none} onClick={() => downloadBlob(`${base}.kml`, sitesToKml(chosen), 'application/vnd.google-earth.kml+xml')}>KML</button>
        <button type="button" data-testid="export-shp" disabled={none} onClick={() => downloadBlob(`${base}.zip`, sitesToShapefileZip(chosen, base) as BlobPart, 'application/zip')}>Shapefile (zip)</button>
        <button type="button" data-testid="export-csv" disabled={none || busy} onClick={() => void csv()}>CSV</button>
        <button type="button" data-testid="export-png" disabled={!map} onClick={() => map && void mapPng(map).then((url) => fetch(url)).then((r) => r.blob()).then((b) => downloadBlob('map.png', b, 'image/png'))}>PNG</button>
        <button type="button" data-testid="export-print" disabled={!selected || !map} onClick={() => { if (map && selected) { setBusy(true); void captureReportMap(map, selected.geometry).then(setPrint).finally(() => setBusy(false)); } }}>{tr(lang, '打印报告', 'Print report')}</button>
        <button type="button" data-testid="export-share" disabled={!map || busy} onClick={() => void makeShare()}>{tr(lang, '分享链接', 'Share link')}</button>
      </div>
      {share && (
        <div data-testid="share-result">
          <input readOnly value={share.url} data-testid="share-url" aria-label={tr(lang, '分享链接', 'Share link')} onFocus={(e) => e.target.select()} />
          {share.dropped > 0 ? (
            <p className="planner-error planner-small" data-testid="share-cut">
              {tr(lang,
                `链接只放得下 ${share.total - share.dropped} / ${share.total} 个地块：链接最长 ${MAX_SHARE_CHARS.toLocaleString('zh-CN')} 个字符（浏览器和聊天软件截断更长的链接），放不下的是最大的 ${share.dropped} 个。要分享全部地块，请发送文件：`,
                `The link holds ${share.total - share.dropped} of ${share.total} sites: a link is at most ${MAX_SHARE_CHARS.toLocaleString('en')} characters (browsers and chat apps cut longer ones), and the ${share.dropped} largest did not fit. To share every site, send a file:`)}
              {' '}<button type="button" data-testid="share-file" onClick={() => downloadBlob(`${base}.geojson`, sitesToGeoJson(chosen), 'application/geo+json')}>{tr(lang, `下载全部 ${share.total} 个地块（GeoJSON）`, `Download all ${share.total} sites (GeoJSON)`)}</button>
            </p>
          ) : <p className="planner-muted planner-small">{tr(lang, '链接已复制；打开即可恢复视图与地块（不经过服务器）。', 'Link copied; opening it restores the view and the sites (nothing goes to a server).')}</p>}
        </div>
      )}
      {print && selected && createPortal(<PrintReport lang={lang} site={selected} analysis={analysis} map={print} layers={printLayers()} onReady={() => setTimeout(() => window.print(), 50)} />, document.body)}
    </section>
  );
}
