// The planner's workbench: draw toolbar, live measurement, workspace list, site analysis, import, export, share and
// print. Terra Draw holds the editable geometry; the workspace (IndexedDB) holds every site with its name, type and
// note; reconcile() keeps the two in step after drawing, editing, deleting and undo/redo.
import type { Feature, Geometry, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TerraDraw } from 'terra-draw';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { checkGeometry } from '../core/geo/validate.ts';
import type { AreaUnit } from '../core/geo/units.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import { decodeShare } from '../core/share/share-link.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { dataBaseUrl, planner } from '../workers/planner-client.ts';
import { AnalysisView } from './AnalysisView.tsx';
import { createDraw, DRAW_MODES, finishedFeatures, type DrawMode } from './draw/terra.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { removeSiteLayers, updateSiteLayers } from './map-layers.ts';
import { MeasureBox } from './MeasureBox.tsx';
import { ServerSync } from './ServerSync.tsx';
import { newSiteId, type Site } from './site.ts';
import { MODE_LABELS, tr } from './text.ts';
import { useWorkspace } from './use-workspace.ts';
import { WorkspaceList } from './WorkspaceList.tsx';
import './planner.css';

const DRAW_MODE_OF: Record<string, string> = { Polygon: 'polygon', LineString: 'linestring', Point: 'point' };
const r9 = (p: Position): Position => [Math.round(p[0] * 1e9) / 1e9, Math.round(p[1] * 1e9) / 1e9];

/** The Terra Draw form of a site, or null when Terra Draw cannot edit it (multi-part, holes). */
function drawFeature(site: Site) {
  const g = site.geometry;
  const mode = DRAW_MODE_OF[g.type];
  if (!mode || (g.type === 'Polygon' && g.coordinates.length !== 1)) return null;
  const coordinates = g.type === 'Point' ? r9(g.coordinates) : g.type === 'LineString' ? g.coordinates.map(r9) : (g as { coordinates: Position[][] }).coordinates.map((r) => r.map(r9));
  return { type: 'Feature' as const, id: site.id, geometry: { type: g.type, coordinates } as never, properties: { mode } };
}

/**
 * The site with its geometry as Terra Draw will hold it (9 decimals, ~0.1 mm). Stored that way from the start, an
 * imported site is saved once; otherwise Terra Draw's copy differs in the last digits and the site is saved again.
 */
function asDrawn(site: Site): Site {
  const f = drawFeature(site);
  return f ? { ...site, geometry: f.geometry as Geometry } : site;
}

interface Props {
  lang: Lang;
  map: MapLibreMap | null;
  visibleLayers: string[];
  onLayers: (visible: string[]) => void;
}

export default function PlannerPanel({ lang, map, visibleLayers, onLayers }: Props) {
  // Another tab saved or deleted a site: the workspace has merged it; bring Terra Draw in line, or the next reconcile
  // would read the stale drawing back as an edit (or a deleted site as a new drawing) and save it over the other tab's.
  const ws = useWorkspace((change) => {
    const draw = drawRef.current;
    if (change.op === 'remove') {
      if (inDraw.current.delete(change.id) && draw?.hasFeature(change.id)) draw.removeFeatures([change.id]);
      setSelected((cur) => (cur === change.id ? null : cur));
      return;
    }
    const site = change.site;
    if (!draw) return;
    if (!draw.hasFeature(site.id)) addToDraw(site);
    else {
      const f = drawFeature(site);
      if (f) {
        // A rename arrives as a put too: leave Terra Draw alone unless the shape changed.
        if (JSON.stringify(draw.getSnapshotFeature(site.id)?.geometry) !== JSON.stringify(f.geometry)) {
          try {
            draw.updateFeatureGeometry(site.id, f.geometry);
          } catch {
            // Terra Draw refused the new shape: the site layers draw it instead.
            inDraw.current.delete(site.id);
            draw.removeFeatures([site.id]);
          }
        }
      } else {
        // Terra Draw cannot edit the new form (multi-part): the site layers draw it instead.
        inDraw.current.delete(site.id);
        draw.removeFeatures([site.id]);
      }
    }
  });
  // Terra Draw's callbacks live as long as the map; they reach the current workspace through this ref.
  const wsRef = useRef(ws);
  wsRef.current = ws;
  const drawRef = useRef<TerraDraw | null>(null);
  const inDraw = useRef(new Set<string>());
  const [mode, setMode] = useState<DrawMode>('polygon');
  const [unit, setUnit] = useState<AreaUnit>('mu');
  const [selected, setSelected] = useState<string | null>(null);
  const [live, setLive] = useState<Geometry | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [snap, setSnap] = useState(false);
  const snapRef = useRef(snap);
  snapRef.current = snap;
  const [importing, setImporting] = useState(false);
  const [analysis, setAnalysis] = useState<{ key: string; a?: SiteAnalysis & { ms: number }; error?: string } | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const counter = useRef(0);

  const say = useCallback((zh: string, en: string) => setMessage(langRef.current === 'zh' ? zh : en), []);

  const addToDraw = useCallback((site: Site) => {
    const draw = drawRef.current;
    const f = drawFeature(site);
    if (!draw || !f) return;
    const [res] = draw.addFeatures([f]);
    if (res?.valid) inDraw.current.add(site.id);
  }, []);

  /** Bring the workspace in line with Terra Draw's finished features. */
  const reconcile = useCallback(() => {
    const draw = drawRef.current;
    const ws = wsRef.current;
    if (!draw) return;
    const features = new Map(finishedFeatures(draw).map((f) => [String(f.id), f]));
    for (const site of ws.ref.current) {
      if (!inDraw.current.has(site.id)) continue;
      const f = features.get(site.id);
      if (!f) {
        inDraw.current.delete(site.id);
        ws.remove(site.id);
        continue;
      }
      if (JSON.stringify(f.geometry.coordinates) === JSON.stringify((site.geometry as { coordinates: unknown }).coordinates)) continue;
      const check = checkGeometry(f.geometry as Geometry);
      if (check.error) {
        say(`编辑被拒绝：${check.error}`, `Edit refused: ${check.error}`);
        draw.updateFeatureGeometry(site.id, site.geometry as never);
        continue;
      }
      ws.upsert({ ...site, geometry: f.geometry as Geometry, updated: Date.now() });
    }
    for (const [id, f] of features) {
      if (ws.ref.current.some((s) => s.id === id)) continue;
      const check = checkGeometry(f.geometry as Geometry);
      if (check.error) {
        draw.removeFeatures([id]);
        say(`已拒绝：${check.error}`, `Refused: ${check.error}`);
        continue;
      }
      inDraw.current.add(id);
      counter.current = Math.max(counter.current, ws.ref.current.length) + 1;
      const now = Date.now();
      ws.upsert({ id, name: `${tr(langRef.current, '地块', 'Site')} ${counter.current}`, type: '其他', note: '', geometry: f.geometry as Geometry, origin: `draw:${String(f.properties?.mode ?? '')}`, created: now, updated: now });
      setSelected(id);
    }
  }, [say]);

  // Terra Draw lives as long as the panel; sites load into it once the store has answered.
  useEffect(() => {
    if (!map) return;
    const draw = createDraw(map, {
      onRefused: () => say('多边形自相交，已拒绝：请不要让边交叉', 'Self-intersecting polygon refused: edges must not cross'),
      snapLayers: () => (snapRef.current ? ['stands::fill', 'townships::hit'] : null),
    });
    drawRef.current = draw;
    (window as unknown as { __draw?: TerraDraw }).__draw = draw; // for browser tests
    let timer: ReturnType<typeof setTimeout> | undefined;
    draw.on('change', (ids) => {
      const drawing = ids.map((id) => draw.getSnapshotFeature(id)).find((f) => f?.properties?.currentlyDrawing);
      setLive(drawing ? (drawing.geometry as Geometry) : null);
      clearTimeout(timer);
      timer = setTimeout(reconcile, 250);
    });
    draw.on('finish', () => { setLive(null); clearTimeout(timer); reconcile(); });
    draw.on('select', (id) => setSelected(String(id)));
    draw.setMode('polygon');
    return () => {
      clearTimeout(timer);
      draw.stop();
      drawRef.current = null;
      inDraw.current.clear();
      removeSiteLayers(map);
    };
  }, [map, reconcile, say]);

  useEffect(() => {
    if (!ws.loaded || !drawRef.current) return;
    for (const s of ws.ref.current) if (!inDraw.current.has(s.id) && !drawRef.current.hasFeature(s.id)) addToDraw(s);
  }, [ws.loaded, map, addToDraw, ws.ref]);

  useEffect(() => {
    if (map) updateSiteLayers(map, ws.sites, inDraw.current, selected);
  }, [map, ws.sites, selected]);

  // A share link in the URL: restore the view, the layers and its sites (once the store has loaded).
  const shareDone = useRef(false);
  useEffect(() => {
    if (!map || !ws.loaded || shareDone.current) return;
    shareDone.current = true;
    const shared = decodeShare(location.hash);
    if (!shared) return;
    if (shared instanceof Error) return say(`分享链接无法打开：${shared.message}`, `Cannot open the share link: ${shared.message}`);
    map.jumpTo({ center: shared.center, zoom: shared.zoom });
    if (shared.layers.length) onLayers(shared.layers);
    let firstId: string | null = null;
    for (const x of shared.sites) {
      const same = ws.ref.current.find((s) => s.name === x.name && JSON.stringify(s.geometry) === JSON.stringify(x.geometry));
      if (same) { firstId ??= same.id; continue; }
      const check = checkGeometry(x.geometry);
      if (check.error || !check.geometry) continue;
      const now = Date.now();
      const site: Site = { id: newSiteId(), name: x.name, type: (['光伏', '风电', '造林', '修复', '其他'].includes(x.type) ? x.type : '其他') as Site['type'], note: x.note, geometry: check.geometry, origin: 'share', created: now, updated: now };
      ws.upsert(site);
      addToDraw(site);
      firstId ??= site.id;
    }
    if (firstId) setSelected(firstId);
    say(`已打开分享链接（${shared.sites.length} 个地块）`, `Share link opened (${shared.sites.length} sites)`);
  }, [map, ws.loaded, ws, onLayers, addToDraw, say]);

  const site = ws.sites.find((s) => s.id === selected) ?? null;
  const siteKey = site ? `${site.id}|${site.updated}|${site.type}|${JSON.stringify(site.geometry).length}` : '';

  useEffect(() => {
    if (!site) return setAnalysis(null);
    let live = true;
    setAnalysis({ key: siteKey });
    planner().analyse(dataBaseUrl(), site.geometry, site.type, AS_OF_YEAR).then(
      (a) => live && setAnalysis({ key: siteKey, a }),
      (e: Error) => live && setAnalysis({ key: siteKey, error: e.message }),
    );
    return () => { live = false; };
    // siteKey captures every change that alters the analysis
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [siteKey]);

  const chooseMode = (m: DrawMode) => {
    setMode(m);
    drawRef.current?.setMode(m);
  };

  const deleteSite = (id: string) => {
    const s = ws.ref.current.find((x) => x.id === id);
    if (!s) return;
    if (inDraw.current.has(id)) {
      inDraw.current.delete(id);
      if (drawRef.current?.hasFeature(id)) drawRef.current.removeFeatures([id]);
    }
    ws.remove(id);
    if (selected === id) setSelected(null);
    say(`已删除「${s.name}」`, `Deleted "${s.name}"`);
  };

  const undoDelete = () => {
    const s = ws.restore();
    if (!s) return;
    ws.upsert(s);
    addToDraw(s);
    setSelected(s.id);
    say(`已恢复「${s.name}」`, `Restored "${s.name}"`);
  };

  const duplicate = (id: string) => {
    const s = ws.ref.current.find((x) => x.id === id);
    if (!s) return;
    const now = Date.now();
    const copy: Site = { ...structuredClone(s), id: newSiteId(), name: `${s.name} ${tr(lang, '副本', 'copy')}`, created: now, updated: now };
    ws.upsert(copy);
    addToDraw(copy);
    setSelected(copy.id);
  };

  const addImported = (file: string, features: Feature<Geometry>[]) => {
    let first: string | null = null;
    features.forEach((f, i) => {
      const now = Date.now();
      const p = f.properties ?? {};
      const name = String(p.name ?? p.Name ?? p['名称'] ?? `${file} #${i + 1}`);
      let site: Site = { id: newSiteId(), name, type: '其他', note: typeof p.note === 'string' ? p.note : '', geometry: f.geometry, origin: `import:${file}`, created: now + i, updated: now };
      if (typeof p.type === 'string' && ['光伏', '风电', '造林', '修复', '其他'].includes(p.type)) site.type = p.type as Site['type'];
      site = asDrawn(site);
      ws.upsert(site);
      addToDraw(site);
      first ??= site.id;
    });
    if (first) setSelected(first);
    say(`已从 ${file} 添加 ${features.length} 个地块`, `Added ${features.length} sites from ${file}`);
  };

  const draw = drawRef.current;
  return (
    <div className="planner" data-testid="planner-panel">
      <div className="planner-toolbar" role="toolbar" aria-label={tr(lang, '绘制工具', 'Drawing tools')}>
        {DRAW_MODES.map((m) => (
          <button key={m} type="button" data-testid={`draw-${m}`} aria-pressed={mode === m} onClick={() => chooseMode(m)}>{MODE_LABELS[m][lang === 'zh' ? 0 : 1]}</button>
        ))}
        <button type="button" data-testid="draw-undo" onClick={() => { draw?.undo(); reconcile(); }}>{tr(lang, '撤销', 'Undo')}</button>
        <button type="button" data-testid="draw-redo" onClick={() => { draw?.redo(); reconcile(); }}>{tr(lang, '重做', 'Redo')}</button>
        <button type="button" data-testid="draw-delete" disabled={!selected} onClick={() => selected && deleteSite(selected)}>{tr(lang, '删除', 'Delete')}</button>
        <label className="planner-check"><input type="checkbox" data-testid="draw-snap" checked={snap} onChange={(e) => setSnap(e.target.checked)} />{tr(lang, '吸附小班/乡镇界', 'Snap to stands/townships')}</label>
      </div>
      {message && <p className="planner-message" role="status" data-testid="planner-message">{message} <button type="button" className="planner-link" onClick={() => setMessage(null)}>×</button></p>}
      {ws.deleted.length > 0 && <button type="button" data-testid="undo-delete" onClick={undoDelete}>{tr(lang, `撤销删除「${ws.deleted[ws.deleted.length - 1].name}」`, `Undo delete "${ws.deleted[ws.deleted.length - 1].name}"`)}</button>}
      {ws.faults.length > 0 && (
        <ul className="planner-error" role="alert" data-testid="planner-store-faults">{ws.faults.map((f) => <li key={f.message}>{tr(lang, '存储问题：', 'Storage: ')}{f.message}</li>)}</ul>
      )}
      <MeasureBox lang={lang} geometry={live ?? site?.geometry ?? null} unit={unit} onUnit={setUnit} live={!!live} />
      <section>
        <h3>{tr(lang, '工作区', 'Workspace')} <span className="planner-muted planner-small" data-testid="planner-persistence">{ws.persistent ? tr(lang, '已保存到本机', 'saved in this browser') : tr(lang, '仅内存', 'memory only')}</span></h3>
        <ServerSync ws={ws} lang={lang} />
        <div className="planner-row">
          <button type="button" data-testid="open-import" onClick={() => setImporting(true)}>{tr(lang, '导入文件…', 'Import files…')}</button>
        </div>
        {importing && <ImportDialog lang={lang} map={map} onAdd={addImported} onClose={() => setImporting(false)} />}
        <WorkspaceList lang={lang} sites={ws.sites} unit={unit} selected={selected}
          onSelect={(id) => { setSelected(id); if (inDraw.current.has(id) && mode === 'select') drawRef.current?.selectFeature(id); }}
          onChange={(id, change) => { const s = ws.ref.current.find((x) => x.id === id); if (s) ws.upsert({ ...s, ...change, updated: Date.now() }); }}
          onDelete={deleteSite} onDuplicate={duplicate} />
      </section>
      <ExportMenu lang={lang} map={map} sites={ws.sites} selected={site} analysis={analysis?.a ?? null} visibleLayers={visibleLayers} />
      {site && (
        <section>
          <h3>{tr(lang, '地块分析', 'Site analysis')}：{site.name}</h3>
          {!analysis?.a && !analysis?.error && <p className="planner-muted" data-testid="analysis-loading">{tr(lang, '正在分析…', 'Analysing…')}</p>}
          {analysis?.error && <p className="planner-error" data-testid="analysis-error">{analysis.error}</p>}
          {analysis?.a && <AnalysisView lang={lang} a={analysis.a} />}
        </section>
      )}
    </div>
  );
}
