// Sites kept in IndexedDB, so a reload or a crash loses nothing. Every fault is reported, never thrown at the UI:
// IndexedDB unavailable (private mode, blocked), quota exceeded, a corrupt record. On any fault the workspace keeps
// working in memory; a corrupt record is skipped and reported but never deleted, nor is any other site.
import { parseSite, type Site } from '../site.ts';

const DB_NAME = 'xingguo-planner';
const STORE = 'sites';
const VERSION = 1;

export type StoreFaultKind = 'unavailable' | 'quota' | 'corrupt' | 'write';

export interface StoreFault {
  kind: StoreFaultKind;
  message: string;
}

export interface SiteStore {
  /** True while writes reach IndexedDB; false after a fault made the store memory-only. */
  persistent(): boolean;
  loadAll(): Promise<{ sites: Site[]; faults: StoreFault[] }>;
  put(site: Site): Promise<StoreFault | null>;
  remove(id: string): Promise<StoreFault | null>;
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
  const message = (e as Error | null)?.message ?? String(e);
  if (name === 'QuotaExceededError') return { kind: 'quota', message: `storage is full (${message}); sites are kept in memory only` };
  return { kind: 'write', message: `could not save (${name || 'error'}: ${message}); sites are kept in memory only` };
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let r: IDBOpenDBRequest;
    try {
      r = factory.open(DB_NAME, VERSION);
    } catch (e) {
      reject(e);
      return;
    }
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('the database is blocked by another tab'));
  });
}

/** The IndexedDB store; `factory` is injectable so tests can hand in a failing one. */
export function openSiteStore(factory: IDBFactory | undefined = globalThis.indexedDB): SiteStore {
  let db: IDBDatabase | null = null;
  let alive = !!factory;
  const ready: Promise<StoreFault | null> = factory
    ? openDb(factory).then((d) => { db = d; return null; }, (e) => {
      alive = false;
      return { kind: 'unavailable', message: `IndexedDB is unavailable (${(e as Error)?.message ?? e}); sites are kept in memory only` } as StoreFault;
    })
    : Promise.resolve({ kind: 'unavailable', message: 'IndexedDB is not available in this browser; sites are kept in memory only' });

  async function write(fn: (s: IDBObjectStore) => void): Promise<StoreFault | null> {
    const opened = await ready;
    if (opened || !db || !alive) return opened ?? { kind: 'unavailable', message: 'sites are kept in memory only' };
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
        for (const r of records) {
          const s = parseSite(r);
          if (typeof s === 'string') faults.push({ kind: 'corrupt', message: `a saved site could not be read and was skipped (left in storage): ${s}` });
          else sites.push(s);
        }
        sites.sort((a, b) => a.created - b.created);
        return { sites, faults };
      } catch (e) {
        return { sites: [], faults: [{ kind: 'unavailable', message: `could not read saved sites: ${(e as Error)?.message ?? e}` }] };
      }
    },
    put: (site) => write((s) => s.put(structuredClone(site))),
    remove: (id) => write((s) => s.delete(id)),
  };
}
