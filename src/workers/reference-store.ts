// Reference layers kept with the workspace, in their own IndexedDB database (the sites' database and its schema stay
// as they are). One record per layer: its name, the file it came from, the feature count and box, whether it is shown,
// and the features as a GeoJSON Blob (stored and handed to MapLibre as is, never parsed on the page's main thread).
// Used from the planner worker. Faults come back as messages; the layer then lives for this session only.

const DB_NAME = 'xingguo-planner-reference';
const STORE = 'layers';

export interface ReferenceMeta {
  id: string;
  name: string;
  file: string;
  count: number;
  bbox: [number, number, number, number];
  visible: boolean;
  created: number;
}

export interface ReferenceRecord extends ReferenceMeta {
  geojson: Blob;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) return reject(new Error('IndexedDB is not available'));
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => { if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'id' }); };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('the reference-layer database is blocked by another tab'));
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export const referenceStore = {
  all: () => run<ReferenceRecord[]>('readonly', (s) => s.getAll() as IDBRequest<ReferenceRecord[]>),
  put: (r: ReferenceRecord) => run('readwrite', (s) => s.put(r)),
  remove: (id: string) => run('readwrite', (s) => s.delete(id)),
  async setVisible(id: string, visible: boolean): Promise<void> {
    const r = await run<ReferenceRecord | undefined>('readonly', (s) => s.get(id) as IDBRequest<ReferenceRecord | undefined>);
    if (r) await run('readwrite', (s) => s.put({ ...r, visible }));
  },
};
