// What a reload must not lose besides the sites: whether the planner was open, the map view and the selected site.
// Kept in localStorage (small values; a failure to write — private mode, quota — only loses this convenience).
const OPEN = 'xingguo-planner-open';
const VIEW = 'xingguo-planner-view';
const SELECTED = 'xingguo-planner-selected';

function read(key: string): string | null {
  try { return globalThis.localStorage?.getItem(key) ?? null; } catch { return null; }
}
function write(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch { /* storage unavailable: nothing to keep */ }
}

export const plannerWasOpen = (): boolean => read(OPEN) === '1';
export const rememberPlannerOpen = (open: boolean): void => write(OPEN, open ? '1' : null);

export interface SavedView { center: [number, number]; zoom: number }

export function savedView(): SavedView | null {
  try {
    const v = JSON.parse(read(VIEW) ?? 'null') as SavedView | null;
    if (!v || !Array.isArray(v.center) || !v.center.every(Number.isFinite) || !Number.isFinite(v.zoom)) return null;
    if (Math.abs(v.center[0]) > 180 || Math.abs(v.center[1]) > 85 || v.zoom < 0 || v.zoom > 24) return null;
    return v;
  } catch {
    return null;
  }
}
export const rememberView = (v: SavedView): void => write(VIEW, JSON.stringify(v));
export const savedSelection = (): string | null => read(SELECTED);
export const rememberSelection = (id: string | null): void => write(SELECTED, id);
