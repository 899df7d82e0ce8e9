// Terra Draw on the planner's map for as long as the panel is open: the drawing modes, live and measured geometry,
// snapping, undo/redo, Esc, and the binding to the workspace (draw-sync.ts) — the workspace's operations reach
// Terra Draw through `afterChange`, the planner's drawing reaches the workspace through reconcile.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TerraDraw } from 'terra-draw';
import type { Change, PlanWorkspace } from '../ops/workspace.ts';
import { removeSiteLayers } from '../map-layers.ts';
import type { Workspace } from '../use-workspace.ts';
import { DrawSync, type DrawLike } from './draw-sync.ts';
import { createDraw, MEASURE_MODE, type DrawMode } from './terra.ts';

export interface DrawHooks {
  say: (zh: string, en: string) => void;
  /** The word a new site's default name starts with, in the current UI language. */
  label: () => string;
  /** A site was drawn, or clicked in Terra Draw. */
  onSelect: (id: string) => void;
}

export interface TerraDrawBinding {
  draw: TerraDraw | null;
  mode: DrawMode;
  chooseMode: (m: DrawMode) => void;
  /** The geometry being drawn right now (for the live measurement). */
  live: Geometry | null;
  /** The last finished measurement line. */
  measured: Geometry | null;
  snap: boolean;
  setSnap: (on: boolean) => void;
  undo: () => void;
  redo: () => void;
  /** Sites Terra Draw holds (the site layers draw the others). */
  held: Set<string>;
  /** To run after every workspace operation (useWorkspace's onChange). */
  afterChange: (change: Change, workspace: PlanWorkspace) => void;
  /** Forgets Terra Draw's undo history (after an import: not an edit to undo stroke by stroke). */
  clearHistory: () => void;
  /** In edit mode, selects a site's feature for editing. */
  selectForEdit: (id: string) => void;
}

export function useTerraDraw(map: MapLibreMap | null, ws: Workspace, hooks: DrawHooks): TerraDrawBinding {
  // Terra Draw's callbacks live as long as the map; they reach the current workspace and hooks through refs.
  const wsRef = useRef(ws);
  wsRef.current = ws;
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;
  const drawRef = useRef<TerraDraw | null>(null);
  const syncRef = useRef<DrawSync | null>(null);
  const held = useRef(new Set<string>()).current;
  const [mode, setMode] = useState<DrawMode>('static');
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const [measured, setMeasured] = useState<Geometry | null>(null);
  const [live, setLive] = useState<Geometry | null>(null);
  const [snap, setSnap] = useState(false);
  const snapRef = useRef(snap);
  snapRef.current = snap;

  /** Bring the workspace in line with what the planner changed in Terra Draw. */
  const reconcile = useCallback(() => {
    const created = syncRef.current?.reconcile({
      apply: (op) => wsRef.current.apply(op),
      current: () => wsRef.current.state.current,
      refused: hooksRef.current.say,
      label: hooksRef.current.label(),
      now: Date.now(),
    });
    if (created) hooksRef.current.onSelect(created);
  }, []);

  // Terra Draw lives as long as the panel; sites load into it once the store has answered.
  useEffect(() => {
    if (!map) return;
    const draw = createDraw(map, {
      onRefused: () => hooksRef.current.say('多边形自相交，已拒绝：请不要让边交叉', 'Self-intersecting polygon refused: edges must not cross'),
      snapLayers: () => (snapRef.current ? ['stands', 'townships'] : null),
    });
    drawRef.current = draw;
    const sync = new DrawSync(draw as unknown as DrawLike, MEASURE_MODE, held); // DrawLike: the part of TerraDraw the sync uses
    syncRef.current = sync;
    let timer: ReturnType<typeof setTimeout> | undefined;
    draw.on('change', (ids) => {
      sync.changed(ids);
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
    draw.on('select', (id) => { if (wsRef.current.ref.current.some((x) => x.id === String(id))) hooksRef.current.onSelect(String(id)); });
    draw.setMode('static');
    return () => {
      clearTimeout(timer);
      draw.stop();
      drawRef.current = null;
      syncRef.current = null;
      sync.clear();
      removeSiteLayers(map);
    };
  }, [map, reconcile, held]);

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

  // Undo and redo from anywhere on the page (the map need not have the focus), except while typing in a field, where
  // the keys undo the typing: Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z and Ctrl+Y redo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
      if (key !== 'z' && !redo) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      const draw = drawRef.current;
      if (!draw) return;
      e.preventDefault();
      if (redo) draw.redo();
      else draw.undo();
      reconcile();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reconcile]);

  useEffect(() => {
    if (!ws.loaded || !drawRef.current) return;
    syncRef.current?.sync(ws.ref.current);
    // Loading the saved sites is not an edit: Undo right after a reload must not take a saved site away.
    drawRef.current.clearUndoRedoHistory();
  }, [ws.loaded, map, ws.ref]);

  const chooseMode = (m: DrawMode) => {
    setMode(m);
    drawRef.current?.setMode(m);
    if (m !== MEASURE_MODE) setMeasured(null);
  };

  return {
    draw: drawRef.current, mode, chooseMode, live, measured, snap, setSnap,
    undo: () => { drawRef.current?.undo(); reconcile(); },
    redo: () => { drawRef.current?.redo(); reconcile(); },
    held,
    afterChange: (change, workspace) => {
      // Before the store answers, nothing goes into Terra Draw: the load brings everything in at once.
      if (wsRef.current.loaded) syncRef.current?.afterChange(change, workspace.sites);
    },
    clearHistory: () => drawRef.current?.clearUndoRedoHistory(),
    selectForEdit: (id) => {
      const draw = drawRef.current;
      if (syncRef.current?.held.has(id) && modeRef.current === 'select' && draw?.hasFeature(id)) draw.selectFeature(id);
    },
  };
}
