// The project part of a feature's popup: its change history (who, when, which fields from what to what, in the UI
// language) for everyone signed in, and for editors 编辑 (a small form: status, year, capacity, name, notes), 停用
// (retire, after a confirmation with a reason) and 撤销 (revert one change). A revert puts back only the fields that
// change changed; when a later change touched one of them, the server asks first (409 audit.laterChanges) and the
// popup shows those changes and reverts only when the editor confirms. After a save the popup's table shows the new
// values (onProps), and the map's source and the dashboard's worker re-read the layer, so the targets move at once.
// Everything from data or the server is rendered as text; server messages in the UI language (src/ui/server-message.ts).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useState } from 'react';
import { fieldName } from '../core/messages/field-names.ts';
import { PROJECT_LAYERS, valueKey, type ProjectLayerDef } from '../core/plan/project-edit.ts';
import { layersFor } from '../layers/registry.ts';
import type { PickedFeature } from '../map/MapView.tsx';
import { fillText } from '../ui/fill-text.ts';
import { colonOf, inParens, localeOf, UI_TEXT, type TextKey } from '../ui/i18n.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { errorText, ServerError } from '../ui/server-message.ts';
import { valueName } from '../ui/value-names.ts';
import { projectLayerChanged } from './project-refresh.ts';
import { ACTION_TEXT } from './project-actions.ts';
import { apiCall, currentSession, type BureauSession } from './session.ts';

interface State { props: Record<string, unknown>; retired: boolean }
interface Change {
  id: number;
  at: string;
  user: string;
  action: string;
  fields?: string[];
  before: State | null;
  after: State;
  reverts: number | null;
  reason?: string | null;
}
export interface LaterChange { id: number; at: string; user: string; action: string; fields: string[] }
export interface Feature { properties: Record<string, unknown>; meta?: { retired?: boolean } }
export interface RevertAnswer extends Feature { reverted: string[]; overwrote: LaterChange[]; kept: LaterChange[] }

/** A message under the form: a success (not red) or a refusal, rendered in the language current when drawn. */
type Note = { bad: boolean; text: (lang: Lang) => string };

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** A field of this layer by name: as its popup labels it, else by the one table of field names. */
export function projectFieldName(def: ProjectLayerDef, field: string, lang: Lang): string {
  if (field === 'retired') return fieldName('retired', lang);
  const label = layersFor('internal').find((l) => l.source.file === def.file)?.popup.fields.find((f) => f.key === field)?.label[lang];
  return label ?? fieldName(field, lang);
}

const fieldList = (def: ProjectLayerDef, fields: readonly string[], lang: Lang) => fields.map((f) => projectFieldName(def, f, lang)).join(lang === 'zh' ? '、' : ', ');

/** One change as the history shows it: "修复年度：— → 2025; 状态：修复中 → 已修复", "已停用" … in `lang`. */
export function changeSummary(def: ProjectLayerDef, c: Pick<Change, 'before' | 'after'>, lang: Lang): string {
  const t = (k: TextKey) => UI_TEXT[k][lang];
  if (!c.before) return t('projectCreatedSummary');
  const before = c.before.props;
  const after = c.after.props;
  const shown = (v: unknown) => (isEmpty(v) ? '—' : valueName(v, lang));
  const parts = Object.keys({ ...before, ...after })
    .filter((k) => valueKey(before[k]) !== valueKey(after[k]))
    .sort()
    .map((k) => fillText(t('projectFieldChange'), { field: projectFieldName(def, k, lang), before: shown(before[k]), after: shown(after[k]) }));
  if (c.before.retired !== c.after.retired) parts.push(c.after.retired ? t('projectRetiredValue') : t('projectInUseValue'));
  return parts.join(lang === 'zh' ? '；' : '; ');
}

const whenText = (at: string, lang: Lang) => new Date(at).toLocaleString(localeOf(lang), { hour12: false });

/** The answer to a revert the server asked about: the fields it reverts, the later changes it would overwrite, yes/no. */
export function RevertQuestion({ def, fields, later, lang, onYes, onCancel }: { def: ProjectLayerDef; fields: string[]; later: LaterChange[]; lang: Lang; onYes: () => void; onCancel: () => void }) {
  const t = (k: TextKey) => UI_TEXT[k][lang];
  return (
    <div className="project-editor__form" data-testid="project-revert-confirm" role="alertdialog">
      <p>{fillText(t('projectRevertAsk'), { fields: fieldList(def, fields, lang) })}</p>
      <ul>
        {later.map((c) => (
          <li key={c.id} data-testid="project-revert-later" data-change={c.id}>
            {fillText(t('projectRevertLater'), { when: whenText(c.at, lang), user: c.user, fields: fieldList(def, c.fields, lang) })}
          </li>
        ))}
      </ul>
      <p className="project-editor__diff">{t('projectRevertKeptNote')}</p>
      <button type="button" data-testid="project-revert-yes" onClick={onYes}>{t('projectRevertYes')}</button>
      <button type="button" data-testid="project-revert-cancel" onClick={onCancel}>{t('projectCancel')}</button>
    </div>
  );
}

/** What the server answered to a revert, as a sentence in `lang`. */
export function revertedText(def: ProjectLayerDef, r: RevertAnswer, lang: Lang): string {
  const fields = fieldList(def, r.reverted ?? [], lang);
  const keptFields = [...new Set((r.kept ?? []).flatMap((k) => k.fields))];
  if (r.overwrote?.length) return fillText(UI_TEXT.projectRevertedOverwrote[lang], { fields, count: r.overwrote.length });
  if (r.kept?.length) return fillText(UI_TEXT.projectRevertedKept[lang], { fields, count: r.kept.length, keptFields: fieldList(def, keptFields, lang) });
  return fillText(UI_TEXT.projectReverted[lang], { fields });
}

export function ProjectEditor({ picked, map, lang, onProps }: { picked: PickedFeature; map: MapLibreMap | null; lang: Lang; onProps?: (props: Record<string, unknown>) => void }) {
  const def = PROJECT_LAYERS.find((l) => l.file === picked.layer.source.file);
  const featureId = String(picked.properties.id ?? picked.properties.code ?? '');
  const t = (k: TextKey) => UI_TEXT[k][lang];
  const [session, setSession] = useState<BureauSession | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [props, setProps] = useState<Record<string, unknown>>(picked.properties);
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [retired, setRetired] = useState(false);
  /** The retirement confirmation: null when closed, else the reason typed so far. */
  const [retiring, setRetiring] = useState<string | null>(null);
  /** A revert the server asked about: the change, the fields it reverts and the later changes it would overwrite. */
  const [asking, setAsking] = useState<{ change: Change; fields: string[]; later: LaterChange[] } | null>(null);

  const refused = (e: unknown): Note => ({ bad: true, text: (l) => errorText(e, l) });
  const said = (text: (l: Lang) => string): Note => ({ bad: false, text });

  useEffect(() => { void currentSession().then(setSession); }, []);
  const loadHistory = useCallback(async (s: BureauSession) => {
    const r = await apiCall<{ changes: Change[] }>(s, 'GET', `api/audit?layer=${encodeURIComponent(def!.id)}&feature=${encodeURIComponent(featureId)}`);
    setChanges(r.changes);
  }, [def, featureId]);
  useEffect(() => {
    if (session && def) loadHistory(session).catch((e: unknown) => setNote(refused(e)));
  }, [session, def, loadHistory]);

  if (!def || !session || !featureId) return null;
  const editor = session.role === 'editor';

  const afterChange = async (feature: Feature) => {
    setProps(feature.properties);
    onProps?.(feature.properties);
    setRetired(feature.meta?.retired === true);
    await Promise.all([loadHistory(session), projectLayerChanged(map, def.file)]);
  };
  const retire = async () => {
    const reason = (retiring ?? '').trim();
    if (!reason) return setNote({ bad: true, text: (l) => UI_TEXT.projectRetireNeedsReason[l] });
    try {
      const f = await apiCall<Feature>(session, 'DELETE', `api/projects/${def.id}/${encodeURIComponent(featureId)}`, { reason });
      setRetiring(null);
      setNote(said((l) => UI_TEXT.projectRetiredNote[l]));
      await afterChange(f);
    } catch (e) {
      setNote(refused(e));
    }
  };
  const openForm = () => {
    setNote(null);
    setForm({
      status: def.status ? String(props[def.status.field] ?? '') : '',
      year: def.year ? String(props[def.year.field] ?? '') : '',
      capacity: def.capacity ? String(props[def.capacity.field] ?? '') : '',
      name: String(props.name ?? ''),
      notes: String(props.notes ?? ''),
    });
  };
  const save = async () => {
    if (!form) return;
    const body: Record<string, unknown> = { notes: form.notes };
    if (def.id !== 'wind-turbines') body.name = form.name;
    if (def.status) body.status = form.status;
    if (def.year) body.year = form.year.trim() === '' ? null : Number(form.year);
    if (def.capacity) body.capacity = form.capacity.trim() === '' ? NaN : Number(form.capacity);
    try {
      const f = await apiCall<Feature>(session, 'PATCH', `api/projects/${def.id}/${encodeURIComponent(featureId)}`, body);
      setForm(null);
      setNote(said((l) => UI_TEXT.projectSaved[l]));
      await afterChange(f);
    } catch (e) {
      setNote(refused(e));
    }
  };
  const revert = async (c: Change, confirm: boolean) => {
    setNote(null);
    try {
      const r = await apiCall<RevertAnswer>(session, 'POST', `api/audit/${c.id}/revert`, confirm ? { confirm: true } : undefined);
      setAsking(null);
      setNote(said((l) => revertedText(def, r, l)));
      await afterChange(r);
    } catch (e) {
      const body = e instanceof ServerError ? (e.body as { fields?: string[]; later?: LaterChange[] } | null) : null;
      if (e instanceof ServerError && e.key === 'audit.laterChanges' && body?.later) setAsking({ change: c, fields: body.fields ?? [], later: body.later });
      else setNote(refused(e));
    }
  };
  const field = (key: string, label: string, input: React.ReactNode) => (
    <label className="project-editor__field" key={key}>{label} {input}</label>
  );
  const set = (k: string) => (e: { target: { value: string } }) => setForm((f) => ({ ...f!, [k]: e.target.value }));

  return (
    <div className="project-editor" data-testid="project-editor">
      {def.status && <div data-testid="project-status">{t('projectStatus')}{colonOf(lang)}{valueName(props[def.status.field] ?? '—', lang)}{def.year && props[def.year.field] != null ? inParens(String(props[def.year.field]), lang) : ''}</div>}
      {editor && !form && !retired && retiring === null && <button type="button" data-testid="project-edit" onClick={openForm}>{t('projectEdit')}</button>}
      {editor && !form && !retired && retiring === null && def.creatable && <button type="button" data-testid="project-retire" onClick={() => { setRetiring(''); setNote(null); }}>{t('projectRetire')}</button>}
      {retiring !== null && (
        <div className="project-editor__form" data-testid="project-retire-confirm" role="alertdialog">
          <p>{fillText(t('projectRetireConfirm'), { name: String(props.name ?? featureId) })}</p>
          <label className="project-editor__field">{t('projectRetireReason')} <textarea data-testid="project-retire-reason" rows={2} value={retiring} onChange={(e) => setRetiring(e.target.value)} /></label>
          <button type="button" data-testid="project-retire-yes" onClick={() => void retire()}>{t('projectRetireYes')}</button>
          <button type="button" onClick={() => setRetiring(null)}>{t('projectCancel')}</button>
        </div>
      )}
      {form && (
        <div className="project-editor__form" data-testid="project-form">
          {def.status && field('status', t('projectStatus'), (
            <select data-testid="project-form-status" value={form.status} onChange={set('status')}>
              {def.status.values.map((v) => <option key={v} value={v}>{valueName(v, lang)}</option>)}
            </select>))}
          {def.year && field('year', projectFieldName(def, def.year.field, lang), <input data-testid="project-form-year" inputMode="numeric" size={5} value={form.year} onChange={set('year')} />)}
          {def.capacity && field('capacity', t('projectCapacity'), <input data-testid="project-form-capacity" inputMode="decimal" size={6} value={form.capacity} onChange={set('capacity')} />)}
          {def.id !== 'wind-turbines' && field('name', t('projectName'), <input data-testid="project-form-name" value={form.name} onChange={set('name')} />)}
          {field('notes', t('projectNotes'), <textarea data-testid="project-form-notes" rows={2} value={form.notes} onChange={set('notes')} />)}
          <button type="button" data-testid="project-save" onClick={() => void save()}>{t('projectSave')}</button>
          <button type="button" onClick={() => setForm(null)}>{t('projectCancel')}</button>
        </div>
      )}
      {asking && <RevertQuestion def={def} fields={asking.fields} later={asking.later} lang={lang} onYes={() => void revert(asking.change, true)} onCancel={() => setAsking(null)} />}
      {note && (
        <div className={note.bad ? 'project-editor__message project-editor__message--bad' : 'project-editor__message'} data-testid="project-message"
          data-bad={note.bad} role={note.bad ? 'alert' : 'status'}>{note.text(lang)}</div>
      )}
      <div className="project-editor__history" data-testid="project-history">
        <div className="feature-popup__layer">{t('projectHistory')}</div>
        {changes && changes.length === 0 && <div>{t('projectNoChanges')}</div>}
        {changes?.map((c) => (
          <div key={c.id} className="project-editor__change" data-testid="project-change" data-action={c.action} data-change={c.id}>
            <span>{whenText(c.at, lang)} · {c.user} · {ACTION_TEXT[c.action] ? t(ACTION_TEXT[c.action]) : c.action}</span>
            <div className="project-editor__diff" data-testid="project-change-summary">{changeSummary(def, c, lang)}</div>
            {c.reason && <div className="project-editor__diff" data-testid="project-change-reason">{t('projectReason')}{colonOf(lang)}{c.reason}</div>}
            {editor && <button type="button" data-testid="project-revert" onClick={() => void revert(c, false)}>{t('projectRevert')}</button>}
          </div>
        ))}
      </div>
    </div>
  );
}
