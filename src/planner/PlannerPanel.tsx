// The planner's workbench: draw toolbar, live measurement, workspace list, site analysis, import, export, share and
// print. Composition only: the workspace and its operations (use-workspace.ts, ops/), Terra Draw and its binding to
// the workspace (draw/use-terra-draw.ts), the selected site's analysis (use-site-analysis.ts), and the components.
// The selected site's analysis follows the site list directly (the list scrolls by itself), so it is next to the
// site whatever the number of sites; the reference layers, comparison and exports come after it.
import type { Feature, Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AreaUnit } from '../core/geo/units.ts';
import { decodeShare } from '../core/share/share-link.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { AnalysisView } from './AnalysisView.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { CoordinateInput } from './CoordinateInput.tsx';
import { DRAW_MODES, MEASURE_MODE, type DrawMode } from './draw/terra.ts';
import { useTerraDraw, type TerraDrawBinding } from './draw/use-terra-draw.ts';
import { frameGeometry } from './frame.ts';
import { rememberSelection, rememberView, savedSelection, savedView } from './session.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { updateSiteLayers } from './map-layers.ts';
import { MeasureBox } from './MeasureBox.tsx';
import { problemReason, ServerSync, type SyncView } from './ServerSync.tsx';
import { sharingLine } from './SiteSharing.tsx';
import { storeFaultText } from './store-text.ts';
import { mayWriteSites, useServerSession } from './use-server-session.ts';
import { newSiteId } from './site.ts';
import { colon, MODE_HINTS, MODE_LABELS, pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';
import { useSiteAnalysis } from './use-site-analysis.ts';
import { useSitingHighlight } from './use-siting-highlight.ts';
import { BoundaryPoints } from './BoundaryPoints.tsx';
import { StandSource } from './StandSource.tsx';
import { referenceOrigin } from './stand-source.ts';
import type { MergedStands } from './reference/PickPanel.tsx';
import type { ReferenceMeta } from './reference/reference-store.ts';
import type { PlannerTextKey } from '../ui/i18n.ts';
import { formatArea } from '../core/geo/units.ts';
import { useWorkspace } from './use-workspace.ts';
import { ReferencePanel } from './reference/ReferencePanel.tsx';
import { useReferenceLayers } from './reference/use-reference-layers.ts';
import { WorkspaceList } from './WorkspaceList.tsx';
import { CarbonProjectPanel } from './carbon/CarbonProjectPanel.tsx';
import './planner.css';

interface Props {
  lang: Lang;
  map: MapLibreMap | null;
  visibleLayers: string[];
  onLayers: (visible: string[]) => void;
}

export default function PlannerPanel({ lang, map, visibleLayers, onLayers }: Props) {
  const [unit, setUnit] = useState<AreaUnit>('mu');
  const [selected, setSelected] = useState<string | null>(null);
  // The banner in both languages: a switch of language shows it in the new one (it is not a string made once).
  const [message, setMessage] = useState<Record<Lang, string> | null>(null);
  const [importing, setImporting] = useState(false);
  const langRef = useRef(lang);
  langRef.current = lang;
  // Who is signed in: a viewer gets no drawing tools and adds no sites (the server would refuse them; nothing stays
  // silently local). Without a server every tool works locally.
  const session = useServerSession();
  const canWrite = mayWriteSites(session);
  const [view, setView] = useState<SyncView>({ info: {}, problems: {} });

  const say = useCallback((zh: string, en: string) => setMessage({ zh, en }), []);
  /** A banner from the dictionary; `params` may depend on the language (formatted numbers). */
  const sayKey = useCallback((key: PlannerTextKey, params: (l: Lang) => Record<string, string | number>) => {
    setMessage({ zh: fillText(pt('zh', key), params('zh')), en: fillText(pt('en', key), params('en')) });
  }, []);
  // Every operation, local or from another tab or the server, brings Terra Draw in line (by site revisions).
  const drawing = useRef<TerraDrawBinding | null>(null);
  const ws = useWorkspace((change, workspace) => {
    drawing.current?.afterChange(change, workspace);
    if (change.removed.length) setSelected((cur) => (cur && change.removed.includes(cur) ? null : cur));
  });
  const td = useTerraDraw(map, ws, { say, label: () => pt(langRef.current, 'site'), onSelect: setSelected });
  drawing.current = td;
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

  useEffect(() => {
    if (map) updateSiteLayers(map, ws.sites, td.held, selected);
  }, [map, ws.sites, selected, td.held]);

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
    if (shared.view) map.jumpTo({ center: shared.view.center, zoom: shared.view.zoom });
    if (shared.layers.length) onLayers(shared.layers);
    if (!canWrite) {
      sayKey('viewerShareLink', () => ({ count: shared.sites.length }));
      return;
    }
    const change = ws.apply({ op: 'restore-share', sites: shared.sites, newId: newSiteId, now: Date.now() });
    if (change.focus) setSelected(change.focus);
    say(`已打开分享链接（${shared.sites.length} 个地块）`, `Share link opened (${shared.sites.length} sites)`);
  }, [map, ws.loaded, ws, onLayers, say, canWrite]);

  const site = ws.sites.find((s) => s.id === selected) ?? null;
  const analysis = useSiteAnalysis(site, refs.layers.map((l) => l.id).join(','));
  useSitingHighlight(map, site ? analysis?.a : null);

  // A newly selected site's analysis is brought into view (the panel scrolls; the list above it stays in sight).
  const analysisRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = analysisRef.current;
    const box = el?.closest('.planner-panel');
    if (!el || !box) return;
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (top > box.clientHeight * 0.6 || top < 0) box.scrollTop += top - box.clientHeight * 0.35;
  }, [selected]);

  const chooseMode = (m: DrawMode) => {
    setMessage(null); // a banner answers the last action; the next one clears it
    td.chooseMode(m);
  };

  /** Selecting a site (list, coordinates, import) frames it on the map and, in edit mode, selects it for editing. */
  const selectSite = (id: string) => {
    setSelected(id);
    const s = ws.ref.current.find((x) => x.id === id);
    if (map && s) frameGeometry(map, s.geometry);
    td.selectForEdit(id);
  };

  const addTyped = (geometry: Geometry, label: string) => {
    const change = ws.apply({ op: 'add-typed', id: newSiteId(), geometry, note: label, label: pt(lang, 'site'), now: Date.now() });
    const site = change.put[0];
    selectSite(site.id);
    sayKey('addedFromCoordinates', () => ({ name: site.name }));
  };

  /** A site someone else owns and shared with this planner: only its owner may delete it (refused, and said so). */
  const notMine = (id: string): string | null => {
    const i = view.info[id];
    return session.state === 'ready' && i && i.owner !== session.user ? i.owner : null;
  };
  const deleteSite = (id: string) => {
    const s = ws.ref.current.find((x) => x.id === id);
    if (!s || !canWrite) return;
    const owner = notMine(id);
    if (owner) {
      sayKey('deleteNotOwner', () => ({ name: s.name, owner }));
      return;
    }
    ws.apply({ op: 'delete', id });
    say(`已删除「${s.name}」`, `Deleted "${s.name}"`);
  };

  const undoDelete = () => {
    const change = ws.apply({ op: 'undo-delete' });
    const s = change.put[0];
    if (!s) return;
    setSelected(s.id);
    say(`已恢复「${s.name}」`, `Restored "${s.name}"`);
  };

  const duplicate = (id: string) => {
    if (!canWrite) return;
    const change = ws.apply({ op: 'duplicate', id, newId: newSiteId(), suffix: pt(lang, 'copy'), now: Date.now() });
    if (change.focus) setSelected(change.focus);
  };

  const addImported = (file: string, features: Feature<Geometry>[], origin?: string) => {
    const change = ws.apply({ op: 'import', file, features, lang: langRef.current, newId: newSiteId, now: Date.now(), origin });
    // Adding is not an edit to undo stroke by stroke (a 200-site import would be 200 undo steps); delete undoes it.
    td.clearHistory();
    if (change.focus) selectSite(change.focus);
    say(`已从 ${file} 添加 ${features.length} 个地块`, `Added ${features.length} sites from ${file}`);
  };

  /** A stand clicked on a reference layer: a site analysed against that layer's stands. */
  const pickStand = (layer: ReferenceMeta, f: Feature<Geometry>) => addImported(layer.name, [f], referenceOrigin(layer.id, layer.name));

  /** Stands picked on a reference layer, merged: one site, analysed against that layer's stands. */
  const addMerged = (m: MergedStands) => {
    const l = langRef.current;
    const stands = m.stands.slice(0, 40).join(l === 'zh' ? '、' : ', ') + (m.stands.length > 40 ? ' …' : '');
    const change = ws.apply({
      op: 'import', file: m.layer.name, lang: l, newId: newSiteId, now: Date.now(), origin: referenceOrigin(m.layer.id, m.layer.name),
      features: [{ type: 'Feature', properties: m.shared, geometry: m.geometry }],
      name: fillText(pt(l, 'mergedSiteName'), { count: m.count }), note: fillText(pt(l, 'mergedSiteNote'), { layer: m.layer.name, count: m.count, stands }),
    });
    td.clearHistory();
    const made = change.put[0];
    if (!made) return;
    selectSite(made.id);
    sayKey('mergedBanner', (x) => ({ count: m.count, name: made.name, area: formatArea(m.area_m2, 'mu', x) }));
  };

  const { mode, live, measured, snap } = td;
  // A viewer browses and measures (the distance tool saves nothing); the tools appear once the role is known.
  const modes = canWrite ? DRAW_MODES : DRAW_MODES.filter((m) => m === 'static' || m === MEASURE_MODE);
  const selectedOwner = selected ? notMine(selected) : null;
  return (
    <div className="planner" data-testid="planner-panel" data-read-only={!canWrite}>
      {!canWrite && <p className="planner-message" data-testid="planner-viewer-note">{pt(lang, 'viewerNote')}</p>}
      <div className="planner-toolbar" role="toolbar" aria-label={pt(lang, 'drawingTools')}>
        {modes.map((m) => (
          <button key={m} type="button" data-testid={`draw-${m}`} aria-pressed={mode === m} disabled={session.state === 'loading'} onClick={() => chooseMode(m)}>{pt(lang, MODE_LABELS[m])}</button>
        ))}
        {canWrite && <button type="button" data-testid="draw-undo" title="Ctrl+Z" onClick={td.undo}>{pt(lang, 'undo')}</button>}
        {canWrite && <button type="button" data-testid="draw-redo" title="Ctrl+Shift+Z" onClick={td.redo}>{pt(lang, 'redo')}</button>}
        {canWrite && (
          <button type="button" data-testid="draw-delete" disabled={!selected || !!selectedOwner} title={selectedOwner && site ? fillText(pt(lang, 'deleteNotOwner'), { name: site.name, owner: selectedOwner }) : undefined}
            onClick={() => selected && deleteSite(selected)}>{pt(lang, 'delete')}</button>
        )}
        <label className="planner-check"><input type="checkbox" data-testid="draw-snap" checked={snap} onChange={(e) => td.setSnap(e.target.checked)} />{pt(lang, 'snapToStandsTownships')}</label>
      </div>
      <p className="planner-muted planner-small" data-testid="planner-mode-hint" data-mode={mode}>{pt(lang, MODE_HINTS[mode] ?? MODE_HINTS.draw)}</p>
      {message && <p className="planner-message" role="status" data-testid="planner-message">{message[lang]} <button type="button" className="planner-link" onClick={() => setMessage(null)}>×</button></p>}
      {ws.deleted.length > 0 && <button type="button" data-testid="undo-delete" onClick={undoDelete}>{fillText(pt(lang, 'undoDelete'), { name: ws.deleted[ws.deleted.length - 1].name })}</button>}
      {ws.faults.length > 0 && (
        <ul className="planner-error" role="alert" data-testid="planner-store-faults">{ws.faults.map((f) => <li key={f.message} data-kind={f.kind} title={f.message}>{pt(lang, 'storageProblem')}{storeFaultText(f, lang)}</li>)}</ul>
      )}
      <MeasureBox lang={lang} geometry={live ?? (mode === MEASURE_MODE ? measured : null) ?? site?.geometry ?? null} unit={unit} onUnit={setUnit} live={!!live} />
      {canWrite && <CoordinateInput lang={lang} onAdd={addTyped} />}
      <section>
        <h3>{pt(lang, 'workspace')} <span className="planner-muted planner-small" data-testid="planner-persistence">{ws.persistent ? pt(lang, 'savedInThisBrowser') : pt(lang, 'memoryOnly')}</span></h3>
        {session.state === 'ready' && <ServerSync ws={ws} lang={lang} session={session} onView={setView} />}
        {canWrite && (
          <div className="planner-row">
            <button type="button" data-testid="open-import" onClick={() => { setMessage(null); setImporting(true); }}>{pt(lang, 'importFilesEllipsis')}</button>
          </div>
        )}
        {importing && <ImportDialog lang={lang} map={map} onAdd={addImported} onAddReference={addReference} onStart={() => setMessage(null)} onClose={() => setImporting(false)} />}
        <WorkspaceList lang={lang} sites={ws.sites} unit={unit} selected={selected} readOnly={!canWrite}
          sharing={(id) => (view.info[id] && session.state === 'ready' ? sharingLine(view.info[id], session.user, lang) : null)}
          notSynced={(id) => (view.problems[id] ? problemReason(view.problems[id], lang) : null)}
          deleteRefused={(id) => { const owner = notMine(id); const s = ws.sites.find((x) => x.id === id); return owner && s ? fillText(pt(lang, 'deleteNotOwner'), { name: s.name, owner }) : null; }}
          onSelect={selectSite}
          onChange={(id, details) => ws.apply({ op: 'edit-details', id, details, now: Date.now() })}
          onDelete={deleteSite} onDuplicate={duplicate} />
      </section>
      {site && (
        <section ref={analysisRef} className="planner-site-analysis" data-testid="planner-site-analysis">
          <h3>{pt(lang, 'siteAnalysis')}{colon(lang)}<span data-value>{site.name}</span></h3>
          {!analysis?.a && !analysis?.error && <p className="planner-muted" data-testid="analysis-loading">{pt(lang, 'analysing')}</p>}
          {analysis?.error && <p className="planner-error" data-testid="analysis-error">{analysis.error}</p>}
          {analysis?.a && <StandSource lang={lang} source={analysis.a.stand_source} />}
          {analysis?.a && <AnalysisView lang={lang} a={analysis.a} />}
          <BoundaryPoints lang={lang} name={site.name} geometry={site.geometry} />
        </section>
      )}
      <ReferencePanel lang={lang} map={map} refs={refs} pickable={mode === 'static' && canWrite} onPick={pickStand} onMerged={addMerged} onError={(detail) => sayKey('mergeFailed', () => ({ detail }))} />
      <CarbonProjectPanel lang={lang} map={map} sites={ws.sites} selected={site ?? null} session={session} visibleLayers={visibleLayers} />
      <ComparePanel lang={lang} sites={ws.sites} />
      <ExportMenu lang={lang} map={map} sites={ws.sites} selected={site} analysis={analysis?.a ?? null} visibleLayers={visibleLayers} />
    </div>
  );
}
