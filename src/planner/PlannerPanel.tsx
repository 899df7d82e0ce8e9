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
import { ComparePanel } from './ComparePanel.tsx';
import { CoordinateInput } from './CoordinateInput.tsx';
import { createDraw, DRAW_MODES, finishedFeatures, MEASURE_MODE, type DrawMode } from './draw/terra.ts';
import { frameGeometry } from './frame.ts';
import { rememberSelection, rememberView, savedSelection, savedView } from './session.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { removeSiteLayers, updateSiteLayers } from './map-layers.ts';
import { MeasureBox } from './MeasureBox.tsx';
import { ServerSync } from './ServerSync.tsx';
import { newSiteId, type Site } from './site.ts';
import { carriedAttributes } from './site-attributes.ts';
import { colon, MODE_HINTS, MODE_LABELS, tr } from './text.ts';
import { useWorkspace } from './use-workspace.ts';
import { ReferencePanel } from './reference/ReferencePanel.tsx';
import { useReferenceLayers } from './reference/use-reference-layers.ts';
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
  const [mode, setMode] = useState<DrawMode>('static');
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const [measured, setMeasured] = useState<Geometry | null>(null);
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
  const refs = useReferenceLayers(map);
  const addReference = (token: string, file: string) => {
    refs.adopt(token).then(
      (meta) => {
        say(`已将 ${file} 作为参考图层加入（${meta.count.toLocaleString('zh-CN')} 个要素）`, `${file} added as a reference layer (${meta.count.toLocaleString('en')} features)`);
        // Framed already by the import preview in most cases; moving again would redraw every tile for nothing.
        const v = map?.getBounds();
        if (map && v && !(v.contains([meta.bbox[0], meta.bbox[1]]) && v.contains([meta.bbox[2], meta.bbox[3]]))) {
          map.fitBounds([[meta.bbox[0], meta.bbox[1]], [meta.bbox[2], meta.bbox[3]]], { padding: 30, duration: 0 });
        }
      },
      (e: Error) => say(`${file}：无法作为参考图层加入（${e.message}）`, `${file}: could not be added as a reference layer (${e.message})`),
    );
  };

  const addToDraw = useCallback((site: Site) => addManyToDraw([site]), []);

  /** One Terra Draw call for many sites: each call re-renders every drawn feature. */
  const addManyToDraw = useCallback((sites: Site[]) => {
    const draw = drawRef.current;
    if (!draw) return;
    const fs = sites.map(drawFeature).filter((f): f is NonNullable<ReturnType<typeof drawFeature>> => !!f);
    if (fs.length === 0) return;
    for (const res of draw.addFeatures(fs)) if (res.valid) inDraw.current.add(String(res.id));
  }, []);

  /** Bring the workspace in line with Terra Draw's finished features. */
  const reconcile = useCallback(() => {
    const draw = drawRef.current;
    const ws = wsRef.current;
    if (!draw) return;
    const features = new Map(finishedFeatures(draw).filter((f) => f.properties?.mode !== MEASURE_MODE).map((f) => [String(f.id), f]));
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
      // Undo of a deletion brings the feature back: it is that site again, with its name, type and note.
      const gone = ws.deleted.find((s) => s.id === id);
      if (gone) {
        inDraw.current.add(id);
        ws.upsert({ ...gone, geometry: f.geometry as Geometry, updated: Date.now() });
        continue;
      }
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
      snapLayers: () => (snapRef.current ? ['stands', 'townships'] : null),
    });
    drawRef.current = draw;
    let timer: ReturnType<typeof setTimeout> | undefined;
    draw.on('change', (ids) => {
      const drawing = ids.map((id) => draw.getSnapshotFeature(id)).find((f) => f?.properties?.currentlyDrawing);
      setLive(drawing ? (drawing.geometry as Geometry) : null);
      clearTimeout(timer);
      timer = setTimeout(reconcile, 250);
    });
    draw.on('finish', (id) => {
      setLive(null);
      const f = draw.getSnapshotFeature(id);
      if (f?.properties?.mode === MEASURE_MODE) {
        // One measurement at a time: the new line replaces the previous ones.
        const old = draw.getSnapshot().filter((x) => x.properties?.mode === MEASURE_MODE && x.id !== id).map((x) => x.id!);
        if (old.length) draw.removeFeatures(old);
        setMeasured(f.geometry as Geometry);
        return;
      }
      clearTimeout(timer);
      reconcile();
    });
    draw.on('select', (id) => { if (wsRef.current.ref.current.some((x) => x.id === String(id))) setSelected(String(id)); });
    draw.setMode('static');
    return () => {
      clearTimeout(timer);
      draw.stop();
      drawRef.current = null;
      inDraw.current.clear();
      removeSiteLayers(map);
    };
  }, [map, reconcile, say]);

  // Esc leaves editing, measuring and drawing for browse mode. A drawing in progress is cancelled by Terra Draw on the
  // same key; only a second Esc then leaves the mode (checked on keydown, before Terra Draw's keyup cancels it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || modeRef.current === 'static') return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      const draw = drawRef.current;
      if (!draw) return;
      if (modeRef.current !== 'select' && draw.getSnapshot().some((f) => f.properties?.currentlyDrawing)) return;
      setMode('static');
      draw.setMode('static');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!ws.loaded || !drawRef.current) return;
    addManyToDraw(ws.ref.current.filter((s) => !inDraw.current.has(s.id) && !drawRef.current!.hasFeature(s.id)));
    // Loading the saved sites is not an edit: Undo right after a reload must not take a saved site away.
    drawRef.current.clearUndoRedoHistory();
  }, [ws.loaded, map, addManyToDraw, ws.ref]);

  useEffect(() => {
    if (map) updateSiteLayers(map, ws.sites, inDraw.current, selected);
  }, [map, ws.sites, selected]);

  // A reload brings back the view and the selected site (a share link's view wins: it is handled below).
  useEffect(() => {
    if (!map) return;
    const v = savedView();
    if (v && !location.hash.startsWith('#share=')) map.jumpTo({ center: v.center, zoom: v.zoom });
    const save = () => { const c = map.getCenter(); rememberView({ center: [c.lng, c.lat], zoom: map.getZoom() }); };
    map.on('moveend', save);
    return () => { map.off('moveend', save); };
  }, [map]);
  useEffect(() => {
    if (!ws.loaded) return;
    const id = savedSelection();
    if (id && ws.ref.current.some((s) => s.id === id)) setSelected((cur) => cur ?? id);
  }, [ws.loaded, ws.ref]);
  useEffect(() => { if (ws.loaded) rememberSelection(selected); }, [selected, ws.loaded]);

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
    setMessage(null); // a banner answers the last action; the next one clears it
    drawRef.current?.setMode(m);
    if (m !== MEASURE_MODE) setMeasured(null);
  };

  /** Selecting a site (list, coordinates, import) frames it on the map and, in edit mode, selects it for editing. */
  const selectSite = (id: string) => {
    setSelected(id);
    const s = ws.ref.current.find((x) => x.id === id);
    if (map && s) frameGeometry(map, s.geometry);
    if (inDraw.current.has(id) && modeRef.current === 'select' && drawRef.current?.hasFeature(id)) drawRef.current.selectFeature(id);
  };

  const addTyped = (geometry: Geometry, label: string) => {
    const now = Date.now();
    counter.current = Math.max(counter.current, ws.ref.current.length) + 1;
    const site = asDrawn({ id: newSiteId(), name: `${tr(lang, '地块', 'Site')} ${counter.current}`, type: '其他', note: label, geometry, origin: 'coords', created: now, updated: now });
    ws.upsert(site);
    addToDraw(site);
    selectSite(site.id);
    say(`已按坐标添加「${site.name}」`, `Added "${site.name}" from coordinates`);
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
    const now = Date.now();
    const sites = features.map((f, i) => {
      const p = f.properties ?? {};
      const carried = carriedAttributes(p, langRef.current);
      const site: Site = {
        id: newSiteId(), name: carried.name ?? `${file} #${i + 1}`, type: '其他', note: carried.note, geometry: f.geometry,
        origin: `import:${file}`, ...(Object.keys(carried.attributes).length ? { attributes: carried.attributes } : {}), created: now + i, updated: now,
      };
      if (typeof p.type === 'string' && ['光伏', '风电', '造林', '修复', '其他'].includes(p.type)) site.type = p.type as Site['type'];
      return asDrawn(site);
    });
    ws.upsertMany(sites);
    addManyToDraw(sites);
    // Adding is not an edit to undo stroke by stroke (a 200-site import would be 200 undo steps); delete undoes it.
    drawRef.current?.clearUndoRedoHistory();
    if (sites[0]) selectSite(sites[0].id);
    say(`已从 ${file} 添加 ${features.length} 个地块`, `Added ${features.length} sites from ${file}`);
  };

  const draw = drawRef.current;
  return (
    <div className="planner" data-testid="planner-panel">
      <div className="planner-toolbar" role="toolbar" aria-label={tr(lang, '绘制工具', 'Drawing tools')}>
        {DRAW_MODES.map((m) => (
          <button key={m} type="button" data-testid={`draw-${m}`} aria-pressed={mode === m} onClick={() => chooseMode(m)}>{MODE_LABELS[m][lang === 'zh' ? 0 : 1]}</button>
        ))}
        <button type="button" data-testid="draw-undo" title="Ctrl+Z" onClick={() => { draw?.undo(); reconcile(); }}>{tr(lang, '撤销', 'Undo')}</button>
        <button type="button" data-testid="draw-redo" title="Ctrl+Shift+Z" onClick={() => { draw?.redo(); reconcile(); }}>{tr(lang, '重做', 'Redo')}</button>
        <button type="button" data-testid="draw-delete" disabled={!selected} onClick={() => selected && deleteSite(selected)}>{tr(lang, '删除', 'Delete')}</button>
        <label className="planner-check"><input type="checkbox" data-testid="draw-snap" checked={snap} onChange={(e) => setSnap(e.target.checked)} />{tr(lang, '吸附小班/乡镇界', 'Snap to stands/townships')}</label>
      </div>
      <p className="planner-muted planner-small" data-testid="planner-mode-hint" data-mode={mode}>{(MODE_HINTS[mode] ?? MODE_HINTS.draw)[lang === 'zh' ? 0 : 1]}</p>
      {message && <p className="planner-message" role="status" data-testid="planner-message">{message} <button type="button" className="planner-link" onClick={() => setMessage(null)}>×</button></p>}
      {ws.deleted.length > 0 && <button type="button" data-testid="undo-delete" onClick={undoDelete}>{tr(lang, `撤销删除「${ws.deleted[ws.deleted.length - 1].name}」`, `Undo delete "${ws.deleted[ws.deleted.length - 1].name}"`)}</button>}
      {ws.faults.length > 0 && (
        <ul className="planner-error" role="alert" data-testid="planner-store-faults">{ws.faults.map((f) => <li key={f.message}>{tr(lang, '存储问题：', 'Storage: ')}{f.message}</li>)}</ul>
      )}
      <MeasureBox lang={lang} geometry={live ?? (mode === MEASURE_MODE ? measured : null) ?? site?.geometry ?? null} unit={unit} onUnit={setUnit} live={!!live} />
      <CoordinateInput lang={lang} onAdd={addTyped} />
      <section>
        <h3>{tr(lang, '工作区', 'Workspace')} <span className="planner-muted planner-small" data-testid="planner-persistence">{ws.persistent ? tr(lang, '已保存到本机', 'saved in this browser') : tr(lang, '仅内存', 'memory only')}</span></h3>
        <ServerSync ws={ws} lang={lang} />
        <div className="planner-row">
          <button type="button" data-testid="open-import" onClick={() => { setMessage(null); setImporting(true); }}>{tr(lang, '导入文件…', 'Import files…')}</button>
        </div>
        {importing && <ImportDialog lang={lang} map={map} onAdd={addImported} onAddReference={addReference} onStart={() => setMessage(null)} onClose={() => setImporting(false)} />}
        <WorkspaceList lang={lang} sites={ws.sites} unit={unit} selected={selected}
          onSelect={selectSite}
          onChange={(id, change) => { const s = ws.ref.current.find((x) => x.id === id); if (s) ws.upsert({ ...s, ...change, updated: Date.now() }); }}
          onDelete={deleteSite} onDuplicate={duplicate} />
      </section>
      <ComparePanel lang={lang} sites={ws.sites} />
      <ReferencePanel lang={lang} map={map} refs={refs} pickable={mode === 'static'} onPick={(name, f) => addImported(name, [f])} />
      <ExportMenu lang={lang} map={map} sites={ws.sites} selected={site} analysis={analysis?.a ?? null} visibleLayers={visibleLayers} />
      {site && (
        <section>
          <h3>{tr(lang, '地块分析', 'Site analysis')}{colon(lang)}<span data-value>{site.name}</span></h3>
          {!analysis?.a && !analysis?.error && <p className="planner-muted" data-testid="analysis-loading">{tr(lang, '正在分析…', 'Analysing…')}</p>}
          {analysis?.error && <p className="planner-error" data-testid="analysis-error">{analysis.error}</p>}
          {analysis?.a && <AnalysisView lang={lang} a={analysis.a} />}
        </section>
      )}
    </div>
  );
}
