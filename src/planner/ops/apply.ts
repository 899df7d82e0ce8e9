// The one place planner operations are applied: every change to the workspace is one of these, dispatched here.
import { addDrawn, addTyped, type AddDrawnArgs, type AddTypedArgs } from './add.ts';
import { duplicateSite } from './duplicate.ts';
import { editDetails, editGeometry, type EditDetailsArgs, type EditGeometryArgs } from './edit.ts';
import { importFeatures, type ImportArgs } from './import.ts';
import { loadSaved, mergeRemote, type RemoteChange } from './merge.ts';
import { deleteSite, restoreDrawn, undoDelete } from './remove.ts';
import { restoreShare } from './share.ts';
import type { OpResult, PlanWorkspace } from './workspace.ts';
import type { Geometry } from 'geojson';
import type { SharedSite } from '../../core/share/share-link.ts';
import type { Site } from '../site.ts';

export type PlanOp =
  | ({ op: 'add-drawn' } & AddDrawnArgs)
  | ({ op: 'add-typed' } & AddTypedArgs)
  | ({ op: 'edit-geometry' } & EditGeometryArgs)
  | ({ op: 'edit-details' } & EditDetailsArgs)
  | { op: 'delete'; id: string }
  | { op: 'undo-delete' }
  | { op: 'restore-drawn'; id: string; geometry: Geometry; now: number }
  | { op: 'duplicate'; id: string; newId: string; suffix: string; now: number }
  | ({ op: 'import' } & ImportArgs)
  | { op: 'restore-share'; sites: SharedSite[]; newId: () => string; now: number }
  | { op: 'merge-remote'; change: RemoteChange; from: 'tab' | 'server' }
  | { op: 'load-saved'; saved: Site[] };

export function applyOp(ws: PlanWorkspace, o: PlanOp): OpResult {
  switch (o.op) {
    case 'add-drawn': return addDrawn(ws, o);
    case 'add-typed': return addTyped(ws, o);
    case 'edit-geometry': return editGeometry(ws, o);
    case 'edit-details': return editDetails(ws, o);
    case 'delete': return deleteSite(ws, o);
    case 'undo-delete': return undoDelete(ws);
    case 'restore-drawn': return restoreDrawn(ws, o);
    case 'duplicate': return duplicateSite(ws, o);
    case 'import': return importFeatures(ws, o);
    case 'restore-share': return restoreShare(ws, o);
    case 'merge-remote': return mergeRemote(ws, o);
    case 'load-saved': return loadSaved(ws, o);
  }
}
