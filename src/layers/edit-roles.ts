// The lists of layers the editing tools need, derived from the registry's `edit` and `snap` fields (types.ts) rather
// than written down again: which layers the bureau edits (the project editor and tools, /api/projects/:layer, field
// progress reports, the database's project tables) and which layers the planner's drawing snaps to.
import type { ProjectLayerDef } from '../core/plan/project-edit.ts';
import { LAYERS } from './registry.ts';
import type { LayerDef } from './types.ts';

/** The editable project layers of `layers`, in registry order, with the edit rules' defaults filled in. */
export function projectLayersOf(layers: readonly LayerDef[]): ProjectLayerDef[] {
  return layers.flatMap((l) => l.edit ? [{
    ...l.edit,
    id: l.id,
    file: l.source.file,
    ...(l.townshipKey ? { townshipKey: l.townshipKey } : {}),
    named: l.edit.named ?? true,
    progress: l.edit.progress ?? l.edit.status !== undefined,
  }] : []);
}

/** The layers the bureau edits (the registry's entries with `edit`). */
export const PROJECT_LAYERS: readonly ProjectLayerDef[] = projectLayersOf(LAYERS);

export const projectLayer = (id: string): ProjectLayerDef | undefined => PROJECT_LAYERS.find((l) => l.id === id);

/** The layers the planner's drawing snaps to (the registry's entries with `snap`). */
export const SNAP_LAYER_IDS: readonly string[] = LAYERS.filter((l) => l.snap).map((l) => l.id);
