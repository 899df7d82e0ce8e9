// Workspace state: the sites (React state mirrored in a ref so Terra Draw callbacks see the latest), persisted to
// IndexedDB on every change, with delete-undo. Every change is a pure operation (ops/) applied in `apply` below, the
// one place the workspace changes; this hook only saves what the operation reports and tells the others.
// Store faults become messages; the workspace keeps working in memory.
// Other tabs of the app: every saved change is announced on a BroadcastChannel and merged by the others, so a tab
// never edits a stale copy of a site another tab changed (saving it would undo the other tab's edit). Only changes
// that reached IndexedDB are announced; a tab that fell back to memory keeps its sites to itself.
import { useCallback, useEffect, useRef, useState } from 'react';
import { applyOp, type PlanOp } from './ops/apply.ts';
import type { RemoteChange } from './ops/merge.ts';
import { EMPTY_WORKSPACE, type Change, type PlanWorkspace } from './ops/workspace.ts';
import type { Site } from './site.ts';
import { openSiteStore, type SiteStore, type StoreFault } from './storage/site-store.ts';

export type { RemoteChange } from './ops/merge.ts';

const CHANNEL = 'xingguo-planner-sites';

export interface Workspace {
  sites: Site[];
  ref: React.RefObject<Site[]>;
  /** The whole workspace as the last operation left it (sites, undo-delete stack, name counter). */
  state: React.RefObject<PlanWorkspace>;
  loaded: boolean;
  faults: StoreFault[];
  persistent: boolean;
  deleted: Site[];
  /** Applies one operation: the new workspace is committed, saved and announced; the change is returned. */
  apply: (op: PlanOp) => Change;
  /** A change from the server (storage/server-sync.ts): merged and saved here, announced, and passed to onChange. */
  applyRemote: (change: RemoteChange) => void;
}

/** `onChange` runs after every applied operation, local or from another tab (the panel brings Terra Draw in line). */
export function useWorkspace(onChange?: (change: Change, workspace: PlanWorkspace, op: PlanOp) => void): Workspace {
  const store = useRef<SiteStore | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const state = useRef<PlanWorkspace>(EMPTY_WORKSPACE);
  const ref = useRef<Site[]>([]);
  const [sites, setSites] = useState<Site[]>([]);
  const [deleted, setDeleted] = useState<Site[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [faults, setFaults] = useState<StoreFault[]>([]);
  const [persistent, setPersistent] = useState(true);

  const report = useCallback((f: StoreFault | null) => {
    if (!f) return;
    setFaults((prev) => (prev.some((p) => p.message === f.message) ? prev : [...prev, f].slice(-4)));
    setPersistent(store.current?.persistent() ?? false);
  }, []);

  const announce = useCallback((change: RemoteChange) => {
    try {
      channel.current?.postMessage(change);
    } catch {
      // A closed channel (the panel unmounting) or an uncloneable value: the other tabs see it on their next load.
    }
  }, []);

  const apply = useCallback((op: PlanOp): Change => {
    const before = state.current;
    const { workspace, change } = applyOp(before, op);
    if (workspace === before) return change;
    state.current = workspace;
    if (workspace.sites !== before.sites) {
      ref.current = workspace.sites;
      setSites(workspace.sites);
    }
    if (workspace.deleted !== before.deleted) setDeleted(workspace.deleted);
    if (!change.saved) {
      for (const site of change.put) void store.current?.put(site).then((f) => (f ? report(f) : announce({ op: 'put', site })));
      for (const id of change.removed) void store.current?.remove(id).then((f) => (f ? report(f) : announce({ op: 'remove', id })));
    }
    onChangeRef.current?.(change, workspace, op);
    return change;
  }, [report, announce]);

  useEffect(() => {
    const s = openSiteStore();
    store.current = s;
    let live = true;
    s.onFault((f) => live && report(f));
    const bc = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    channel.current = bc;
    if (bc) bc.onmessage = (e: MessageEvent<RemoteChange>) => {
      const change = e.data;
      if (!live || !change || typeof change !== 'object') return;
      if (change.op === 'put' && change.site && typeof change.site.id === 'string') apply({ op: 'merge-remote', change, from: 'tab' });
      else if (change.op === 'remove' && typeof change.id === 'string') apply({ op: 'merge-remote', change, from: 'tab' });
    };
    void s.loadAll().then(({ sites: saved, faults: fs }) => {
      if (!live) return;
      apply({ op: 'load-saved', saved });
      fs.forEach(report);
      setPersistent(s.persistent());
      setLoaded(true);
    });
    return () => {
      live = false;
      bc?.close();
      channel.current = null;
    };
  }, [apply, report]);

  const applyRemote = useCallback((change: RemoteChange) => { apply({ op: 'merge-remote', change, from: 'server' }); }, [apply]);

  return { sites, ref, state, loaded, faults, persistent, deleted, apply, applyRemote };
}
