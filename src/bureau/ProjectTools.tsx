// Editors add project features in the bureau page: draw one on the map (Terra Draw, as in the planner) or import them
// from a file (the core importers, chosen by extension, run in the planner's worker), fill in name, status, year,
// capacity and notes, and save through the API (POST /api/projects/:layer, which checks the role and the geometry again).
// The layer's recent changes are listed with 撤销 (revert). Viewers and planners see none of this; the server refuses
// them anyway. Everything from files or the server is rendered as text.
import type { Feature, Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { geodesicArea, geodesicLength } from '../core/geo/measure.ts';
import { formatArea, formatLength } from '../core/geo/units.ts';
import { supportedExtensions } from '../core/io/registry.ts';
import { GEOMETRY_TYPE_NAMES } from '../core/messages/api-messages.ts';
import { geometryKindProblem, PROJECT_LAYERS, type ProjectLayerDef } from '../core/plan/project-edit.ts';
import { layersFor } from '../layers/registry.ts';
import { featureReasonText, importProblemText } from '../planner/import-messages.ts';
import { fillText } from '../ui/fill-text.ts';
import { colonOf, PLANNER_TEXT, UI_TEXT, type TextKey } from '../ui/i18n.ts';
import { errorText, ServerError } from '../ui/server-message.ts';
import { changeSummary, RevertQuestion, revertedText, type LaterChange, type RevertAnswer } from './ProjectEditor.tsx';
import type { Lang } from '../ui/i18n-types.ts';
import { drawKindFor, drawOne, type OneDrawing } from './project-draw.ts';
import { ACTION_TEXT } from './project-actions.ts';
import { projectLayerChanged } from './project-refresh.ts';
import { apiCall, currentSession, type BureauSession } from './session.ts';

const CREATABLE = PROJECT_LAYERS.filter((l) => l.creatable);
/** Most features one import adds (each is one checked request; a bigger set belongs in a data release). */
const MAX_IMPORT = 200;

interface Draft {
  /** Geometries to add: one when drawn, one or more when imported (with the name found in the file, if any). */
  items: { geometry: Geometry; name: string | null }[];
  source: 'draw' | 'import';
  file?: string;
}
interface Form { name: string; status: string; year: string; capacity: string; notes: string }
interface Change { id: number; at: string; user: string; feature: string; action: string; reason: string | null; before: { props: Record<string, unknown>; retired: boolean } | null; after: { props: Record<string, unknown>; retired: boolean } }


function layerName(def: ProjectLayerDef, lang: Lang): string {
  return layersFor('internal').find((l) => l.source.file === def.file)?.name[lang] ?? def.id;
}

/** The name a feature carries in a file: name, 名称, NAME, MC (mingcheng), title. */
function nameInFile(f: Feature<Geometry | null>): string | null {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  for (const k of ['name', '名称', 'NAME', 'Name', 'MC', 'title']) {
    const v = p[k];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
  }
  return null;
}

export default function ProjectTools({ map, lang, plannerOpen, onDrawing }: { map: MapLibreMap | null; lang: Lang; plannerOpen: boolean; onDrawing: (drawing: boolean) => void }) {
  const t = (k: TextKey, values?: Record<string, string | number>) => (values ? fillText(UI_TEXT[k][lang], values) : UI_TEXT[k][lang]);
  const say = (k: TextKey, values?: Record<string, string | number>, isBad = false) => ({ text: (l: Lang) => (values ? fillText(UI_TEXT[k][l], values) : UI_TEXT[k][l]), bad: isBad });
  const bad = (e: unknown) => ({ text: (l: Lang) => errorText(e, l), bad: true });
  const [session, setSession] = useState<BureauSession | null>(null);
  const [layerId, setLayerId] = useState(CREATABLE[0].id);
  const def = CREATABLE.find((l) => l.id === layerId)!;
  const [drawing, setDrawing] = useState<OneDrawing | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [form, setForm] = useState<Form>({ name: '', status: '', year: '', capacity: '', notes: '' });
  // Rendered in the language current when drawn (a server refusal switches language with the page).
  const [message, setMessage] = useState<{ text: (lang: Lang) => string; bad: boolean } | null>(null);
  const [asking, setAsking] = useState<{ change: Change; fields: string[]; later: LaterChange[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [changes, setChanges] = useState<Change[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => { void currentSession().then(setSession); }, []);
  const editor = session?.role === 'editor';

  const loadChanges = useCallback(async () => {
    if (!session) return;
    const r = await apiCall<{ changes: Change[] }>(session, 'GET', `api/audit?layer=${encodeURIComponent(layerId)}&limit=8`);
    setChanges(r.changes);
  }, [session, layerId]);
  useEffect(() => { if (editor) loadChanges().catch((e: unknown) => setMessage(bad(e))); }, [editor, loadChanges]);
  // Changes made in a feature's popup (编辑, 停用, 撤销) show here too.
  useEffect(() => {
    const on = () => { if (editor) void loadChanges().catch(() => undefined); };
    window.addEventListener('xg-projects-changed', on);
    return () => window.removeEventListener('xg-projects-changed', on);
  }, [editor, loadChanges]);

  useEffect(() => onDrawing(drawing !== null), [drawing, onDrawing]);
  // Leaving the page state (another layer, the planner opened, unmounting) cancels a drawing in progress.
  useEffect(() => () => drawing?.cancel(), [drawing]);
  useEffect(() => { if (plannerOpen) drawing?.cancel(); }, [plannerOpen, drawing]);

  if (!editor) return null;

  const freshForm = (name = '') => setForm({ name, status: def.status?.values[0] ?? '', year: '', capacity: def.capacity ? '0' : '', notes: '' });

  const startDraw = async () => {
    if (!map || plannerOpen) return;
    setMessage(null);
    setDraft(null);
    const kind = drawKindFor(def);
    const d = await drawOne(map, kind, () => setMessage(say('projectDrawRefused', undefined, true)));
    setDrawing(d);
    const g = await d.done;
    setDrawing(null);
    if (!g) return;
    freshForm();
    setDraft({ items: [{ geometry: g, name: null }], source: 'draw' });
  };

  const importFile = async (file: File) => {
    setMessage(null);
    setDraft(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { planner } = await import('../workers/planner-client.ts');
    const r = await planner().importFile(file.name, bytes);
    if (!r.ok) {
      setMessage({ text: (l) => `${file.name}: ${importProblemText(file.name, r.message, l, r.where)}`, bad: true });
      return;
    }
    const { features, sourceIndex, report } = r.result;
    if (report.rejected.length) {
      const first = report.rejected[0];
      setMessage({ text: (l) => `${file.name}${colonOf(l)}${fillText(PLANNER_TEXT.featureNumber[l], { number: first.index + 1 })}${featureReasonText(first.why, l)}`, bad: true });
      return;
    }
    const usable = features.map((f, i) => ({ f, at: (sourceIndex[i] ?? i) + 1 })).filter((x) => x.f.geometry);
    if (!usable.length) return setMessage(say('projectImportNone', { file: file.name }, true));
    if (usable.length > MAX_IMPORT) return setMessage(say('projectImportTooMany', { file: file.name, n: MAX_IMPORT }, true));
    const wrong = usable.find((x) => geometryKindProblem(def, x.f.geometry));
    if (wrong) {
      const name = (type: string, l: Lang) => GEOMETRY_TYPE_NAMES[type]?.[l] ?? type;
      const got = wrong.f.geometry!.type;
      setMessage({ text: (l) => fillText(UI_TEXT.projectImportWrongKind[l], { file: file.name, i: wrong.at, got: name(got, l), want: def.geometry.map((g) => name(g, l)).join(' / ') }), bad: true });
      return;
    }
    const items = usable.map((x) => ({ geometry: x.f.geometry as Geometry, name: nameInFile(x.f) }));
    freshForm(items.length === 1 ? items[0].name ?? file.name.replace(/\.[^.]+$/, '') : file.name.replace(/\.[^.]+$/, ''));
    setDraft({ items, source: 'import', file: file.name });
    setMessage({ text: (l) => fillText(UI_TEXT.projectImportFound[l], { file: file.name, n: items.length, layer: layerName(def, l) }), bad: false });
  };

  const body = (item: Draft['items'][number], i: number, n: number): Record<string, unknown> => {
    const b: Record<string, unknown> = { geometry: item.geometry, name: n === 1 ? form.name : item.name ?? `${form.name} ${i + 1}`, notes: form.notes };
    if (def.status) b.status = form.status;
    if (def.year && form.year.trim() !== '') b.year = Number(form.year);
    if (def.capacity) b.capacity = form.capacity.trim() === '' ? NaN : Number(form.capacity);
    return b;
  };

  const save = async () => {
    if (!draft || !session) return;
    setBusy(true);
    let added = 0;
    const n = draft.items.length;
    try {
      for (const [i, item] of draft.items.entries()) {
        await apiCall(session, 'POST', `api/projects/${encodeURIComponent(def.id)}`, body(item, i, n));
        added++;
      }
      setMessage(draft.source === 'import' ? say('projectImportDone', { file: draft.file!, n: added }) : say('projectAdded', { name: form.name }));
      setDraft(null);
    } catch (e) {
      // One drawn feature: the form stays for a correction. An import stops at the first refusal and says where.
      const file = draft.file!;
      setMessage(draft.source === 'import'
        ? { text: (l) => fillText(UI_TEXT.projectImportFailed[l], { file, i: added + 1, reason: errorText(e, l), n: added }), bad: true }
        : bad(e));
      if (draft.source === 'import' && added > 0) setDraft(null);
    } finally {
      setBusy(false);
      if (added > 0) await Promise.all([projectLayerChanged(map, def.file), loadChanges()]).catch(() => undefined);
    }
  };

  // As in the popup: only the change's own fields go back; when a later change touched them the server asks first.
  const revert = async (c: Change, confirm: boolean) => {
    if (!session) return;
    setMessage(null);
    try {
      const r = await apiCall<RevertAnswer>(session, 'POST', `api/audit/${c.id}/revert`, confirm ? { confirm: true } : undefined);
      setAsking(null);
      setMessage({ text: (l) => revertedText(def, r, l), bad: false });
      await projectLayerChanged(map, def.file);
      await loadChanges();
    } catch (e) {
      const body = e instanceof ServerError ? (e.body as { fields?: string[]; later?: LaterChange[] } | null) : null;
      if (e instanceof ServerError && e.key === 'audit.laterChanges' && body?.later) setAsking({ change: c, fields: body.fields ?? [], later: body.later });
      else setMessage(bad(e));
    }
  };

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const one = draft?.items.length === 1 ? draft.items[0].geometry : null;
  const area = one && (one.type === 'Polygon' || one.type === 'MultiPolygon') ? geodesicArea(one) : null;
  const length = one && (one.type === 'LineString' || one.type === 'MultiLineString') ? geodesicLength(one) : null;
  const hint = drawKindFor(def) === 'polygon' ? t('projectDrawPolygon') : drawKindFor(def) === 'point' ? t('projectDrawPoint') : t('projectDrawLine');

  return (
    <section className="project-tools" data-testid="project-tools" aria-label={t('projectTools')}>
      <h2>{t('projectTools')}</h2>
      <label>
        {t('projectLayer')}{' '}
        <select data-testid="project-tools-layer" value={layerId} disabled={drawing !== null || busy}
          onChange={(e) => { setLayerId(e.target.value); setDraft(null); setMessage(null); }}>
          {CREATABLE.map((l) => <option key={l.id} value={l.id}>{layerName(l, lang)}</option>)}
        </select>
      </label>
      <div className="project-tools__buttons">
        {drawing ? (
          <button type="button" data-testid="project-draw-cancel" onClick={() => drawing.cancel()}>{t('projectCancel')}</button>
        ) : (
          <button type="button" data-testid="project-draw" disabled={!map || plannerOpen || busy} title={plannerOpen ? t('projectDrawPlannerOpen') : undefined} onClick={() => void startDraw()}>
            {t('projectDraw')}
          </button>
        )}
        <button type="button" data-testid="project-import" disabled={drawing !== null || busy} onClick={() => fileInput.current?.click()}>{t('projectImport')}</button>
        <input ref={fileInput} type="file" hidden data-testid="project-import-file" accept={supportedExtensions().join(',')}
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }} />
      </div>
      {drawing && <p className="project-tools__hint" data-testid="project-draw-hint">{hint}</p>}
      {plannerOpen && !drawing && <p className="project-tools__hint">{t('projectDrawPlannerOpen')}</p>}
      {draft && (
        <div className="project-tools__form" data-testid="project-draft">
          {area !== null && <div data-testid="project-draft-area" data-area-m2={area}>{t('projectArea')}：{formatArea(area, 'mu', lang)} · {formatArea(area, 'ha', lang)}</div>}
          {length !== null && <div data-testid="project-draft-length" data-length-m={length}>{t('projectLength')}：{formatLength(length, lang)}</div>}
          {draft.items.length > 1 && <p className="project-tools__hint">{t('projectImportNameHint')}</p>}
          <label>{t('projectName')} <input data-testid="project-draft-name" value={form.name} onChange={set('name')} /></label>
          {def.status && (
            <label>{t('projectStatus')}{' '}
              <select data-testid="project-draft-status" value={form.status} onChange={set('status')}>
                {def.status.values.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
          )}
          {def.year && <label>{t('projectYear')} <input data-testid="project-draft-year" inputMode="numeric" size={5} value={form.year} onChange={set('year')} /></label>}
          {def.capacity && <label>{t('projectCapacity')} <input data-testid="project-draft-capacity" inputMode="decimal" size={6} value={form.capacity} onChange={set('capacity')} /></label>}
          <label>{t('projectNotes')} <textarea data-testid="project-draft-notes" rows={2} value={form.notes} onChange={set('notes')} /></label>
          <div className="project-tools__buttons">
            <button type="button" data-testid="project-draft-save" disabled={busy} onClick={() => void save()}>{t('projectSave')}</button>
            <button type="button" disabled={busy} onClick={() => { setDraft(null); setMessage(null); }}>{t('projectCancel')}</button>
          </div>
        </div>
      )}
      {message && <p className={message.bad ? 'project-tools__message project-tools__message--bad' : 'project-tools__message'} data-testid="project-tools-message" data-bad={message.bad} role={message.bad ? 'alert' : 'status'}>{message.text(lang)}</p>}
      {asking && <RevertQuestion def={def} fields={asking.fields} later={asking.later} lang={lang} onYes={() => void revert(asking.change, true)} onCancel={() => setAsking(null)} />}
      {changes.length > 0 && (
        <div className="project-tools__history" data-testid="project-tools-history">
          <div className="feature-popup__layer">{t('projectRecent')}</div>
          {changes.map((c) => (
            <div key={c.id} className="project-editor__change" data-testid="project-tools-change" data-action={c.action} data-feature={c.feature}>
              <span>{new Date(c.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')} · {c.user} · {ACTION_TEXT[c.action] ? t(ACTION_TEXT[c.action]) : c.action} · {String(c.after.props.name ?? c.feature)}</span>
              <div className="project-editor__diff">{changeSummary(def, c, lang)}</div>
              {c.reason && <div className="project-editor__diff">{t('projectReason')}{colonOf(lang)}{c.reason}</div>}
              <button type="button" data-testid="project-tools-revert" onClick={() => void revert(c, false)}>{t('projectRevert')}</button>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
