// The field page's IndexedDB (idb): offline areas, reports waiting to be sent (with their photos as Blobs), and a few
// remembered values. Everything the walker makes is written here first, so a closed tab, a reload or a dead network
// loses nothing.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldReport, OfflineArea } from './field-types.ts';

interface FieldDb extends DBSchema {
  areas: { key: string; value: OfflineArea };
  reports: { key: string; value: FieldReport };
  kv: { key: string; value: unknown };
}

let opened: Promise<IDBPDatabase<FieldDb>> | null = null;

export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>('xg-field', 1, {
    upgrade(db) {
      db.createObjectStore('areas', { keyPath: 'id' });
      db.createObjectStore('reports', { keyPath: 'id' });
      db.createObjectStore('kv');
    },
  });
  return opened;
}

export async function allAreas(): Promise<OfflineArea[]> {
  return (await (await fieldDb()).getAll('areas')).sort((a, b) => b.saved - a.saved);
}
export async function putArea(a: OfflineArea): Promise<void> {
  await (await fieldDb()).put('areas', a);
}
export async function deleteArea(id: string): Promise<void> {
  await (await fieldDb()).delete('areas', id);
}
export async function allReports(): Promise<FieldReport[]> {
  return (await (await fieldDb()).getAll('reports')).sort((a, b) => b.made.localeCompare(a.made));
}
export async function getReport(id: string): Promise<FieldReport | undefined> {
  return (await fieldDb()).get('reports', id);
}
export async function putReport(r: FieldReport): Promise<void> {
  await (await fieldDb()).put('reports', r);
}
export async function deleteReport(id: string): Promise<void> {
  await (await fieldDb()).delete('reports', id);
}
export async function getKv(key: string): Promise<unknown> {
  return (await fieldDb()).get('kv', key);
}
export async function putKv(key: string, value: unknown): Promise<void> {
  await (await fieldDb()).put('kv', value, key);
}
