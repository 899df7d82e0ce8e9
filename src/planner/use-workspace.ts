// Workspace state: the sites (React state mirrored in a ref so Terra Draw callbacks see the latest), persisted to
// IndexedDB on every change, with delete-undo. Store faults become messages; the workspace keeps working in memory.
// Other tabs of the app: every saved change is announced on a BroadcastChannel and merged by the others, so a tab
// never edits a stale copy of a site another tab changed (saving it would undo the other tab's edit). Only changes
// that reached IndexedDB are announced; a tab that fell back to memory keeps its sites to itself.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Site } from './site.ts';
import { openSiteStore, type SiteStore, type StoreFault } from './storage/site-store.ts';

/** A change another tab saved: the site as it now is, or the id it deleted. */
export type RemoteChange = { op: 'put'; site: Site } | { op: 'remove'; id: string };

const CHANNEL = 'xingguo-planner-sites';

export interface Workspace {
  sites: Site[];
  ref: React.RefObject<Site[]>;
  loaded: boolean;
  faults: StoreFault[];
  persistent: boolean;
  deleted: Site[];
  upsert: (site: Site) => void;
  /** Many sites in one state change (an import): one render instead of one per site. */
  upsertMany: (sites: Site[]) => void;
  remove: (id: string) => Site | undefined;
  restore: () => Site | undefined;
}

/** `onRemote` runs after a change from another tab is merged (the panel brings Terra Draw in line). */
export function useWorkspace(onRemote?: (change: RemoteChange) => void): Workspace {
  const store = useRef<SiteStore | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);
  const onRemoteRef = useRef(onRemote);
  onRemoteRef.current = onRemote;
  const ref = useRef<Site[]>([]);
  const [sites, setSites] = useState<Site[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [faults, setFaults] = useState<StoreFault[]>([]);
  const [deleted, setDeleted] = useState<Site[]>([]);
  const deletedRef = useRef<Site[]>([]);
  const [persistent, setPersistent] = useState(true);

  const report = useCallback((f: StoreFault | null) => {
    if (!f) return;
    setFaults((prev) => (prev.some((p) => p.message === f.message) ? prev : [...prev, f].slice(-4)));
    setPersistent(store.current?.persistent() ?? false);
  }, []);

  const commit = useCallback((next: Site[]) => {
    ref.current = next;
    setSites(next);
  }, []);

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
      if (change.op === 'put' && change.site && typeof change.site.id === 'string') {
        const site = change.site;
        const i = ref.current.findIndex((x) => x.id === site.id);
        // A newer local edit of the same site wins (it is saved after, and announced in turn).
        if (i >= 0 && ref.current[i].updated > site.updated) return;
        commit(i >= 0 ? ref.current.map((x) => (x.id === site.id ? site : x)) : [...ref.current, site].sort((a, b) => a.created - b.created));
        onRemoteRef.current?.(change);
      } else if (change.op === 'remove' && typeof change.id === 'string' && ref.current.some((x) => x.id === change.id)) {
        commit(ref.current.filter((x) => x.id !== change.id));
        onRemoteRef.current?.(change);
      }
    };
    void s.loadAll().then(({ sites: saved, faults: fs }) => {
      if (!live) return;
      // Sites made before the store answered (e.g. from a share link) are kept alongside the saved ones.
      const extra = ref.current.filter((x) => !saved.some((y) => y.id === x.id));
      commit([...saved, ...extra]);
      fs.forEach(report);
      setPersistent(s.persistent());
      setLoaded(true);
    });
    return () => {
      live = false;
      bc?.close();
      channel.current = null;
    };
  }, [commit, report]);

  const announce = useCallback((change: RemoteChange) => {
    try {
      channel.current?.postMessage(change);
    } catch {
      // A closed channel (the panel unmounting) or an uncloneable value: the other tabs see it on their next load.
    }
  }, []);

  const upsert = useCallback((site: Site) => {
    const i = ref.current.findIndex((s) => s.id === site.id);
    commit(i >= 0 ? ref.current.map((s) => (s.id === site.id ? site : s)) : [...ref.current, site]);
    void store.current?.put(site).then((f) => (f ? report(f) : announce({ op: 'put', site })));
  }, [commit, report, announce]);

  const upsertMany = useCallback((many: Site[]) => {
    const byId = new Map(many.map((s) => [s.id, s]));
    const kept = ref.current.map((s) => byId.get(s.id) ?? s);
    const known = new Set(ref.current.map((s) => s.id));
    commit([...kept, ...many.filter((s) => !known.has(s.id))]);
    for (const site of many) void store.current?.put(site).then((f) => (f ? report(f) : announce({ op: 'put', site })));
  }, [commit, report, announce]);

  const remove = useCallback((id: string) => {
    const site = ref.current.find((s) => s.id === id);
    if (!site) return undefined;
    commit(ref.current.filter((s) => s.id !== id));
    deletedRef.current = [...deletedRef.current, site].slice(-20);
    setDeleted(deletedRef.current);
    void store.current?.remove(id).then((f) => (f ? report(f) : announce({ op: 'remove', id })));
    return site;
  }, [commit, report, announce]);

  const restore = useCallback(() => {
    const site = deletedRef.current[deletedRef.current.length - 1];
    deletedRef.current = deletedRef.current.slice(0, -1);
    setDeleted(deletedRef.current);
    return site;
  }, []);

  return { sites, ref, loaded, faults, persistent, deleted, upsert, upsertMany, remove, restore };
}
