// Sites kept in IndexedDB, so a reload or a crash loses nothing. Every fault is reported, never thrown at the UI:
// IndexedDB unavailable (private mode, blocked), quota exceeded, a corrupt record. On any fault the workspace keeps
// working in memory; a corrupt record is skipped and reported but never deleted, nor is any other site. Writes are one
// record each (put/delete by id), never "replace the store with my list", so two tabs cannot erase each other's sites.
// When another tab opens a newer version of the database, this tab closes its connection (so the upgrade is not
// blocked) and carries on in memory, saying so.
// Each fault carries the dictionary key of its text and the browser's reason (shown in the UI language by the panel,
// storeFaultText in ../store-text.ts); `message` is the same in English, for logs and tests.
import { parseSite, type Site } from '../site.ts';

const DB_NAME = 'xingguo-planner';
const STORE = 'sites';
const VERSION = 1;

export type StoreFaultKind = 'unavailable' | 'quota' | 'corrupt' | 'write' | 'versionchange';

export type StoreFaultKey = 'storeMissing' | 'storeUnavailable' | 'storeBlocked' | 'storeQuota' | 'storeWrite' | 'storeVersionChange' | 'storeCorrupt' | 'storeReadFailed';

export interface StoreFault {
  kind: StoreFaultKind;
  message: string;
  key: StoreFaultKey;
  /** The browser's error (name, message) where there is one; `count`/`reasons` for unreadable records. */
  params?: { errorName?: string; errorMessage?: string; count?: number; reasons?: string };
}

const errorParams = (e: unknown) => ({ errorName: (e as { name?: string } | null)?.name ?? '', errorMessage: (e as Error | null)?.message ?? String(e) });

export interface SiteStore {
  /** True while writes reach IndexedDB; false after a fault made the store memory-only. */
  persistent(): boolean;
  loadAll(): Promise<{ sites: Site[]; faults: StoreFault[] }>;
  put(site: Site): Promise<StoreFault | null>;
  remove(id: string): Promise<StoreFault | null>;
  /** Faults that arrive on their own (another tab upgrading the database), not as the answer to a call. */
  onFault(listener: (fault: StoreFault) => void): void;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

function classify(e: unknown): StoreFault {
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = (e as Error | null)?.message || name || String(e);
  if (name === 'QuotaExceededError') return { kind: 'quota', key: 'storeQuota', params: errorParams(e), message: `storage is full (${message}); this site and later changes are not stored in this browser — export them to keep them` };
  return { kind: 'write', key: 'storeWrite', params: errorParams(e), message: `could not save (${name || 'error'}: ${message}); later changes are not stored in this browser` };
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let r: IDBOpenDBRequest;
    let gaveUp = false;
    try {
      r = factory.open(DB_NAME, VERSION);
    } catch (e) {
      reject(e);
      return;
    }
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    // A connection that arrives after we gave up (blocked) is closed at once, so it blocks nobody in turn.
    r.onsuccess = () => (gaveUp ? r.result.close() : resolve(r.result));
    r.onerror = () => reject(r.error);
    r.onblocked = () => {
      gaveUp = true;
      reject(Object.assign(new Error('the database is blocked by another tab of this app; close the other tabs and reload'), { name: 'BlockedError' }));
    };
  });
}

/** The IndexedDB store; `factory` is injectable so tests can hand in a failing one. */
export function openSiteStore(factory: IDBFactory | undefined = globalThis.indexedDB): SiteStore {
  let db: IDBDatabase | null = null;
  let alive = !!factory;
  const listeners: ((f: StoreFault) => void)[] = [];
  const ready: Promise<StoreFault | null> = factory
    ? openDb(factory).then((d) => {
      db = d;
      d.onversionchange = () => {
        // Another tab wants a newer schema: let it have the database; our sites stay in memory (and exportable).
        d.close();
        db = null;
        alive = false;
        const fault: StoreFault = { kind: 'versionchange', key: 'storeVersionChange', message: 'another tab upgraded the saved-sites database; this tab no longer stores its changes — export them, then reload' };
        for (const l of listeners) l(fault);
      };
      return null;
    }, (e) => {
      alive = false;
      const blocked = (e as { name?: string } | null)?.name === 'BlockedError';
      return { kind: 'unavailable', key: blocked ? 'storeBlocked' : 'storeUnavailable', params: errorParams(e), message: `IndexedDB is unavailable (${(e as Error)?.message ?? e}); sites are not stored in this browser` } as StoreFault;
    })
    : Promise.resolve({ kind: 'unavailable', key: 'storeMissing', message: 'IndexedDB is not available in this browser; sites are not stored in this browser' } as StoreFault);

  async function write(fn: (s: IDBObjectStore) => void): Promise<StoreFault | null> {
    const opened = await ready;
    if (opened || !db || !alive) return opened ?? { kind: 'unavailable', key: 'storeMissing', message: 'sites are not stored in this browser' };
    try {
      const tx = db.transaction(STORE, 'readwrite');
      fn(tx.objectStore(STORE));
      await done(tx);
      return null;
    } catch (e) {
      const fault = classify(e);
      if (fault.kind === 'quota') alive = false;
      return fault;
    }
  }

  return {
    persistent: () => alive,
    async loadAll() {
      const opened = await ready;
      if (opened || !db) return { sites: [], faults: opened ? [opened] : [] };
      const faults: StoreFault[] = [];
      try {
        const records = await request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll());
        const sites: Site[] = [];
        const why: string[] = [];
        for (const r of records) {
          const s = parseSite(r);
          if (typeof s === 'string') why.push(s);
          else sites.push(s);
        }
        // One message for all of them (the panel shows a few messages, not one per record), naming the first reasons.
        if (why.length) {
          faults.push({
            kind: 'corrupt',
            key: 'storeCorrupt',
            params: { count: why.length, reasons: `${why.slice(0, 5).join('; ')}${why.length > 5 ? '; …' : ''}` },
            message: `${why.length} saved site${why.length > 1 ? 's' : ''} could not be read and ${why.length > 1 ? 'were' : 'was'} skipped (left in storage, not deleted): ${why.slice(0, 5).join('; ')}${why.length > 5 ? '; …' : ''}`,
          });
        }
        sites.sort((a, b) => a.created - b.created);
        return { sites, faults };
      } catch (e) {
        return { sites: [], faults: [{ kind: 'unavailable', key: 'storeReadFailed', params: errorParams(e), message: `could not read saved sites: ${(e as Error)?.message ?? e}` }] };
      }
    },
    put: (site) => write((s) => s.put(structuredClone(site))),
    remove: (id) => write((s) => s.delete(id)),
    onFault: (l) => { listeners.push(l); },
  };
}
