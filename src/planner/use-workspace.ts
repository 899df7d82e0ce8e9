// Workspace state: the sites (React state mirrored in a ref so Terra Draw callbacks see the latest), persisted to
// IndexedDB on every change, with delete-undo. Store faults become messages; the workspace keeps working in memory.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Site } from './site.ts';
import { openSiteStore, type SiteStore, type StoreFault } from './storage/site-store.ts';

export interface Workspace {
  sites: Site[];
  ref: React.RefObject<Site[]>;
  loaded: boolean;
  faults: StoreFault[];
  persistent: boolean;
  deleted: Site[];
  upsert: (site: Site) => void;
  remove: (id: string) => Site | undefined;
  restore: () => Site | undefined;
}

export function useWorkspace(): Workspace {
  const store = useRef<SiteStore | null>(null);
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
    void s.loadAll().then(({ sites: saved, faults: fs }) => {
      if (!live) return;
      // Sites made before the store answered (e.g. from a share link) are kept alongside the saved ones.
      const extra = ref.current.filter((x) => !saved.some((y) => y.id === x.id));
      commit([...saved, ...extra]);
      fs.forEach(report);
      setPersistent(s.persistent());
      setLoaded(true);
    });
    return () => { live = false; };
  }, [commit, report]);

  const upsert = useCallback((site: Site) => {
    const i = ref.current.findIndex((s) => s.id === site.id);
    commit(i >= 0 ? ref.current.map((s) => (s.id === site.id ? site : s)) : [...ref.current, site]);
    void store.current?.put(site).then(report);
  }, [commit, report]);

  const remove = useCallback((id: string) => {
    const site = ref.current.find((s) => s.id === id);
    if (!site) return undefined;
    commit(ref.current.filter((s) => s.id !== id));
    deletedRef.current = [...deletedRef.current, site].slice(-20);
    setDeleted(deletedRef.current);
    void store.current?.remove(id).then(report);
    return site;
  }, [commit, report]);

  const restore = useCallback(() => {
    const site = deletedRef.current[deletedRef.current.length - 1];
    deletedRef.current = deletedRef.current.slice(0, -1);
    setDeleted(deletedRef.current);
    return site;
  }, []);

  return { sites, ref, loaded, faults, persistent, deleted, upsert, remove, restore };
}
