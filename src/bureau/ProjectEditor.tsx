// The project part of a feature's popup: its change history (who, when, what) for everyone signed in, and for editors
// 编辑 (a small form: status, year, capacity, name, notes), 停用 (retire, after a confirmation with a reason) and 撤销
// (revert a change, as a new change). After a save the map's source and the dashboard's worker re-read the layer from
// the server, so the targets move at once.
// Everything from data or the server is rendered as text.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useState } from 'react';
import { PROJECT_LAYERS } from '../core/plan/project-edit.ts';
import type { PickedFeature } from '../map/MapView.tsx';
import { fillText } from '../ui/fill-text.ts';
import { colonOf, inParens, UI_TEXT } from '../ui/i18n.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { projectLayerChanged } from './project-refresh.ts';
import { valueName } from '../ui/value-names.ts';
import { apiCall, currentSession, type BureauSession } from './session.ts';

interface Change {
  id: number;
  at: string;
  user: string;
  action: string;
  before: { props: Record<string, unknown>; retired: boolean } | null;
  after: { props: Record<string, unknown>; retired: boolean };
  reverts: number | null;
  reason?: string | null;
}

const TEXT = {
  edit: ['编辑', 'Edit'], save: ['保存', 'Save'], cancel: ['取消', 'Cancel'], history: ['修改记录', 'History'],
  revert: ['撤销', 'Revert'], none: ['暂无修改', 'No changes yet'], status: ['状态', 'Status'], year: ['年份', 'Year'],
  capacity: ['容量（MW）', 'Capacity (MW)'], name: ['名称', 'Name'], notes: ['备注', 'Notes'], saved: ['已保存', 'Saved'],
} as const;
const ACTIONS: Record<string, [string, string]> = { create: ['新建', 'created'], edit: ['修改', 'edited'], retire: ['停用', 'retired'], unretire: ['恢复', 'restored'], revert: ['撤销', 'reverted'] };

const shown = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));

function summary(c: Change): string {
  const before = c.before?.props ?? {};
  const parts = Object.keys({ ...before, ...c.after.props })
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(c.after.props[k]))
    .map((k) => `${k}: ${shown(before[k])} → ${shown(c.after.props[k])}`);
  if (c.before && c.before.retired !== c.after.retired) parts.push(c.after.retired ? 'retired' : 'in use');
  return parts.join('; ');
}

export function ProjectEditor({ picked, map, lang }: { picked: PickedFeature; map: MapLibreMap | null; lang: Lang }) {
  const def = PROJECT_LAYERS.find((l) => l.file === picked.layer.source.file);
  const featureId = String(picked.properties.id ?? picked.properties.code ?? '');
  const t = (k: keyof typeof TEXT) => TEXT[k][lang === 'zh' ? 0 : 1];
  const [session, setSession] = useState<BureauSession | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [props, setProps] = useState<Record<string, unknown>>(picked.properties);
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [retired, setRetired] = useState(false);
  /** The retirement confirmation: null when closed, else the reason typed so far. */
  const [retiring, setRetiring] = useState<string | null>(null);
  const u = (k: keyof typeof UI_TEXT) => UI_TEXT[k][lang];

  useEffect(() => { void currentSession().then(setSession); }, []);
  const loadHistory = useCallback(async (s: BureauSession) => {
    const r = await apiCall<{ changes: Change[] }>(s, 'GET', `api/audit?layer=${encodeURIComponent(def!.id)}&feature=${encodeURIComponent(featureId)}`);
    setChanges(r.changes);
  }, [def, featureId]);
  useEffect(() => {
    if (session && def) loadHistory(session).catch((e: Error) => setMessage(e.message));
  }, [session, def, loadHistory]);

  if (!def || !session || !featureId) return null;
  const editor = session.role === 'editor';

  const afterChange = async (feature: { properties: Record<string, unknown>; meta?: { retired?: boolean } }) => {
    setProps(feature.properties);
    setRetired(feature.meta?.retired === true);
    await Promise.all([loadHistory(session), projectLayerChanged(map, def.file)]);
  };
  const retire = async () => {
    const reason = (retiring ?? '').trim();
    if (!reason) return setMessage(u('projectRetireNeedsReason'));
    try {
      const f = await apiCall<{ properties: Record<string, unknown>; meta?: { retired?: boolean } }>(session, 'DELETE', `api/projects/${def.id}/${encodeURIComponent(featureId)}`, { reason });
      setRetiring(null);
      setMessage(u('projectRetiredNote'));
      await afterChange(f);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const openForm = () => setForm({
    status: def.status ? String(props[def.status.field] ?? '') : '',
    year: def.year ? String(props[def.year.field] ?? '') : '',
    capacity: def.capacity ? String(props[def.capacity.field] ?? '') : '',
    name: String(props.name ?? ''),
    notes: String(props.notes ?? ''),
  });
  const save = async () => {
    if (!form) return;
    const body: Record<string, unknown> = { notes: form.notes };
    if (def.id !== 'wind-turbines') body.name = form.name;
    if (def.status) body.status = form.status;
    if (def.year) body.year = form.year.trim() === '' ? null : Number(form.year);
    if (def.capacity) body.capacity = form.capacity.trim() === '' ? NaN : Number(form.capacity);
    try {
      const f = await apiCall<{ properties: Record<string, unknown> }>(session, 'PATCH', `api/projects/${def.id}/${encodeURIComponent(featureId)}`, body);
      setForm(null);
      setMessage(t('saved'));
      await afterChange(f);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const revert = async (c: Change) => {
    try {
      await afterChange(await apiCall<{ properties: Record<string, unknown> }>(session, 'POST', `api/audit/${c.id}/revert`));
      setMessage(null);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const field = (key: string, label: string, input: React.ReactNode) => (
    <label className="project-editor__field" key={key}>{label} {input}</label>
  );
  const set = (k: string) => (e: { target: { value: string } }) => setForm((f) => ({ ...f!, [k]: e.target.value }));

  return (
    <div className="project-editor" data-testid="project-editor">
      {def.status && <div data-testid="project-status">{t('status')}{colonOf(lang)}{valueName(props[def.status.field] ?? '—', lang)}{def.year && props[def.year.field] != null ? inParens(String(props[def.year.field]), lang) : ''}</div>}
      {editor && !form && !retired && retiring === null && <button type="button" data-testid="project-edit" onClick={openForm}>{t('edit')}</button>}
      {editor && !form && !retired && retiring === null && def.creatable && <button type="button" data-testid="project-retire" onClick={() => { setRetiring(''); setMessage(null); }}>{u('projectRetire')}</button>}
      {retiring !== null && (
        <div className="project-editor__form" data-testid="project-retire-confirm" role="alertdialog">
          <p>{fillText(u('projectRetireConfirm'), { name: String(props.name ?? featureId) })}</p>
          <label className="project-editor__field">{u('projectRetireReason')} <textarea data-testid="project-retire-reason" rows={2} value={retiring} onChange={(e) => setRetiring(e.target.value)} /></label>
          <button type="button" data-testid="project-retire-yes" onClick={() => void retire()}>{u('projectRetireYes')}</button>
          <button type="button" onClick={() => setRetiring(null)}>{t('cancel')}</button>
        </div>
      )}
      {form && (
        <div className="project-editor__form" data-testid="project-form">
          {def.status && field('status', t('status'), (
            <select data-testid="project-form-status" value={form.status} onChange={set('status')}>
              {def.status.values.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>))}
          {def.year && field('year', t('year'), <input data-testid="project-form-year" inputMode="numeric" size={5} value={form.year} onChange={set('year')} />)}
          {def.capacity && field('capacity', t('capacity'), <input data-testid="project-form-capacity" inputMode="decimal" size={6} value={form.capacity} onChange={set('capacity')} />)}
          {def.id !== 'wind-turbines' && field('name', t('name'), <input data-testid="project-form-name" value={form.name} onChange={set('name')} />)}
          {field('notes', t('notes'), <textarea data-testid="project-form-notes" rows={2} value={form.notes} onChange={set('notes')} />)}
          <button type="button" data-testid="project-save" onClick={() => void save()}>{t('save')}</button>
          <button type="button" onClick={() => setForm(null)}>{t('cancel')}</button>
        </div>
      )}
      {message && <div className="project-editor__message" data-testid="project-message">{message}</div>}
      <div className="project-editor__history" data-testid="project-history">
        <div className="feature-popup__layer">{t('history')}</div>
        {changes && changes.length === 0 && <div>{t('none')}</div>}
        {changes?.map((c) => (
          <div key={c.id} className="project-editor__change" data-testid="project-change" data-action={c.action}>
            <span>{new Date(c.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')} · {c.user} · {ACTIONS[c.action]?.[lang === 'zh' ? 0 : 1] ?? c.action}</span>
            <div className="project-editor__diff">{summary(c)}</div>
            {c.reason && <div className="project-editor__diff" data-testid="project-change-reason">{u('projectReason')}：{c.reason}</div>}
            {editor && <button type="button" data-testid="project-revert" onClick={() => void revert(c)}>{t('revert')}</button>}
          </div>
        ))}
      </div>
    </div>
  );
}
