// The bureau page's 外业 panel (issue 26): the reports field staff filed and the tasks sent to them, in a list with
// filters (status, person, township, date) and as points on the map; a report opens with its answers and photos, and
// an editor accepts or returns it with a comment (a 409 shows that it changed and the server's version); an editor
// assigns a 监测图斑 or a project feature to a person with a due date. Everything is rendered as text.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { PROJECT_LAYERS } from '../../core/plan/project-edit.ts';
import { M2_PER_MU } from '../../core/geo/units.ts';
import { colonOf, fillText, localeOf, useLang } from '../../ui/i18n.ts';
import { fieldReviewLabel, patchStatusLabel, useFieldReviewT } from '../../ui/i18n-field-review.ts';
import { valueName } from '../../ui/value-names.ts';
import { loadGeoJson } from '../../layers/load-geojson.ts';
import { layerById } from '../../layers/registry.ts';
import { currentSession, type BureauSession } from '../session.ts';
import { cancelTask, createTask, FieldApiError, listPatches, listReports, listTasks, listUsers, query, reviewReport, type FieldReport, type FieldTask, type PatchState, type ReportFilter } from './field-api.ts';
import { showFieldOnMap } from './field-map.ts';
import './field-panel.css';

interface Props {
  map: MapLibreMap | null;
}

const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
const PROGRESS_LAYERS = PROJECT_LAYERS.filter((l) => l.status && l.id !== 'townships').map((l) => l.id);

export default function FieldPanel({ map }: Props) {
  const lang = useLang();
  const t = useFieldReviewT();
  const [session, setSession] = useState<BureauSession | null>(null);
  const [tab, setTab] = useState<'reports' | 'tasks'>('reports');
  const [filter, setFilter] = useState<ReportFilter>({});
  const [reports, setReports] = useState<FieldReport[]>([]);
  const [tasks, setTasks] = useState<FieldTask[]>([]);
  const [patches, setPatches] = useState<PatchState[]>([]);
  const [users, setUsers] = useState<{ username: string; role: string }[]>([]);
  const [townships, setTownships] = useState<{ code: string; name: string; name_en: string }[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editor = session?.role === 'editor';

  useEffect(() => {
    void currentSession().then(setSession);
    listUsers().then(setUsers).catch(() => undefined);
    loadGeoJson(layerById('townships').source.file)
      .then((fc) => setTownships(fc.features.map((f) => ({ code: String(f.properties?.code), name: String(f.properties?.name), name_en: String(f.properties?.name_en ?? f.properties?.name) })).sort((a, b) => a.code.localeCompare(b.code))))
      .catch(() => undefined);
  }, []);

  const reload = useCallback(async () => {
    try {
      const [r, tk, p] = await Promise.all([
        listReports(filter),
        listTasks({ status: filter.status && (TASK_STATUSES as readonly string[]).includes(filter.status) ? filter.status : 'all', assignee: filter.person, township: filter.township }),
        listPatches(),
      ]);
      setReports(r);
      setTasks(tk.filter((x) => !filter.date || x.created.slice(0, 10) === filter.date || x.due === filter.date));
      setPatches(p);
      setError(null);
    } catch (e) {
      setError(e instanceof FieldApiError ? e.text(lang) : (e as Error).message);
    }
  }, [filter, lang]);
  useEffect(() => { void reload(); }, [reload]);

  useEffect(() => (map ? showFieldOnMap(map, reports, tasks) : undefined), [map, reports, tasks]);

  const townshipName = (code: string | null) => {
    const tw = townships.find((x) => x.code === code);
    return tw ? (lang === 'zh' ? tw.name : tw.name_en) : code ?? '—';
  };
  const statusChoices = tab === 'reports' ? REPORT_STATUSES.map((s) => [s, fieldReviewLabel('reportStatus', s, lang)]) : TASK_STATUSES.map((s) => [s, fieldReviewLabel('taskStatus', s, lang)]);

  return (
    <div className="field-panel" data-testid="field-panel">
      <h2>{t('fieldTitle')}</h2>
      <p className="field-panel__sample">{t('fieldSample')}</p>
      <div className="field-panel__tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'reports'} data-testid="field-tab-reports" onClick={() => { setTab('reports'); setFilter((f) => ({ ...f, status: undefined })); }}>{t('tabReports')}</button>
        <button type="button" role="tab" aria-selected={tab === 'tasks'} data-testid="field-tab-tasks" onClick={() => { setTab('tasks'); setFilter((f) => ({ ...f, status: undefined })); }}>{t('tabTasks')}</button>
      </div>
      <div className="field-panel__filters">
        <label>{t('filterStatus')}
          <select data-testid="field-filter-status" value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: e.target.value || undefined })}>
            <option value="">{t('filterAll')}</option>
            {statusChoices.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </label>
        <label>{t('filterPerson')}
          <select data-testid="field-filter-person" value={filter.person ?? ''} onChange={(e) => setFilter({ ...filter, person: e.target.value || undefined })}>
            <option value="">{t('filterAll')}</option>
            {users.map((u) => <option key={u.username} value={u.username}>{u.username}</option>)}
          </select>
        </label>
        <label>{t('filterTownship')}
          <select data-testid="field-filter-township" value={filter.township ?? ''} onChange={(e) => setFilter({ ...filter, township: e.target.value || undefined })}>
            <option value="">{t('filterAll')}</option>
            {townships.map((tw) => <option key={tw.code} value={tw.code}>{lang === 'zh' ? tw.name : tw.name_en}</option>)}
          </select>
        </label>
        <label>{t('filterDate')}
          <input type="date" data-testid="field-filter-date" value={filter.date ?? ''} onChange={(e) => setFilter({ ...filter, date: e.target.value || undefined })} />
        </label>
        <button type="button" data-testid="field-refresh" onClick={() => void reload()}>{t('refresh')}</button>
      </div>
      {error && <p className="field-panel__error" role="alert" data-testid="field-error">{error}</p>}
      {tab === 'reports' ? (
        <>
          <p className="field-panel__exports">
            <a href={`api/reports/export.csv${query(filter)}`} download data-testid="field-export-csv">{t('exportCsv')}</a>
            <a href={`api/reports/export.zip${query(filter)}`} download data-testid="field-export-shp">{t('exportShp')}</a>
          </p>
          {reports.length === 0 ? <p data-testid="field-no-reports">{t('noReports')}</p> : (
            <ul className="field-list" data-testid="field-reports">
              {reports.map((r) => (
                <ReportItem key={r.id} report={r} open={open === r.id} onToggle={() => setOpen(open === r.id ? null : r.id)} editor={editor} session={session} townshipName={townshipName} map={map}
                  patch={r.target.kind === 'patch' ? patches.find((p) => p.id === r.target.id) ?? null : null}
                  onChanged={(next) => { setReports((list) => list.map((x) => (x.id === next.id ? next : x))); void listPatches().then(setPatches).catch(() => undefined); }} />
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          {editor && session && <AssignForm session={session} users={users} patches={patches} onAssigned={() => void reload()} />}
          {tasks.length === 0 ? <p data-testid="field-no-tasks">{t('noTasks')}</p> : (
            <ul className="field-list" data-testid="field-tasks">
              {tasks.map((task) => (
                <li key={task.id} className="field-list__item" data-testid="field-task" data-task-id={task.id} data-status={task.status}>
                  <div className="field-list__head">
                    <strong>{task.target.kind === 'patch' ? t('assignPatch') : valueName(task.target.layer ?? '', lang)} {task.target.name}</strong>
                    <span className={`field-status field-status--${task.status}`}>{fieldReviewLabel('taskStatus', task.status, lang)}</span>
                  </div>
                  <div>{task.assignee} · {townshipName(task.township_code)}{task.due ? ` · ${fillText(t('taskDue'), { due: task.due }, lang)}` : ''}</div>
                  {task.note && <div className="field-list__note">{task.note}</div>}
                  {task.centre && map && <button type="button" className="link-button" onClick={() => map.flyTo({ center: task.centre!, zoom: 15 })}>{t('showOnMap')}</button>}
                  {editor && session && task.status === 'open' && (
                    <button type="button" className="link-button" data-testid="field-task-cancel" onClick={() => void cancelTask(session, task.id).then(() => reload()).catch((e: FieldApiError) => setError(e.text(lang)))}>{t('taskCancel')}</button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

interface ItemProps {
  report: FieldReport;
  open: boolean;
  onToggle: () => void;
  editor: boolean;
  session: BureauSession | null;
  townshipName: (code: string | null) => string;
  map: MapLibreMap | null;
  patch: PatchState | null;
  onChanged: (r: FieldReport) => void;
}

function ReportItem({ report: r, open, onToggle, editor, session, townshipName, map, patch, onChanged }: ItemProps) {
  const lang = useLang();
  const t = useFieldReviewT();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ seen: number } | null>(null);
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(localeOf(lang), { dateStyle: 'short', timeStyle: 'short' }) : '—');
  const answers = useMemo(() => Object.entries(r.values).filter(([, v]) => v !== null && v !== ''), [r.values]);

  async function review(decision: 'accept' | 'return') {
    if (!session) return;
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await reviewReport(session, r.id, decision, r.version, comment));
      setConflict(null);
      setComment('');
    } catch (e) {
      if (e instanceof FieldApiError && e.status === 409 && e.body.current) {
        setConflict({ seen: r.version });
        onChanged(e.body.current);
      } else {
        setProblem(e instanceof FieldApiError ? e.text(lang) : (e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="field-list__item" data-testid="field-report" data-report-id={r.id} data-status={r.status} data-version={r.version}>
      <button type="button" className="field-list__head" aria-expanded={open} onClick={onToggle}>
        <strong>{fieldReviewLabel('template', r.template, lang)} · {r.target.name || '—'}</strong>
        <span className={`field-status field-status--${r.status}`} data-testid="field-report-status">{fieldReviewLabel('reportStatus', r.status, lang)}</span>
      </button>
      <div>{fillText(t('reportBy'), { author: r.author, time: time(r.created) }, lang)} · {townshipName(r.township_code)} · {fillText(t('reportVersion'), { version: r.version }, lang)}</div>
      {patch && <div data-testid="field-patch-status" data-status={patch.status}>{t('assignPatch')}{colonOf(lang)}{patchStatusLabel(patch.status, lang)}</div>}
      {open && (
        <div className="field-report" data-testid="field-report-detail">
          {conflict && (
            <div className="field-panel__conflict" role="alert" data-testid="field-conflict">
              <p>{fillText(t('conflict'), { version: r.version, by: r.updated_by }, lang)}</p>
              <p>{fillText(t('conflictYours'), { version: conflict.seen }, lang)}</p>
            </div>
          )}
          <dl>
            {answers.map(([k, v]) => (
              <div key={k}><dt>{fieldReviewLabel('answer', k, lang)}</dt><dd data-answer={k}>{typeof v === 'number' ? v.toLocaleString(localeOf(lang)) : valueName(v, lang)}</dd></div>
            ))}
          </dl>
          {r.boundary?.area_m2 !== undefined && (
            <p data-testid="field-boundary">{fillText(t('boundaryArea'), { mu: (r.boundary.area_m2 / M2_PER_MU).toFixed(2), err: ((r.boundary.error95_m2 ?? 0) / M2_PER_MU).toFixed(2) }, lang)}</p>
          )}
          <p>{fillText(t('reportPhotos'), { count: r.photos.length }, lang)}</p>
          <div className="field-photos">
            {r.photos.map((p) => (
              <a key={p.id} href={p.url} target="_blank" rel="noopener" data-testid="field-photo">
                <img src={p.url} alt={p.name} loading="lazy" width={120} />
                <span>{p.taken_at ? fillText(t('photoTaken'), { time: p.taken_at }, lang) : p.name}</span>
              </a>
            ))}
          </div>
          {r.position && map && <button type="button" className="link-button" onClick={() => map.flyTo({ center: [r.position!.lon, r.position!.lat], zoom: 16 })}>{t('showOnMap')}</button>}
          {r.target.kind === 'patch' && r.target.id && (
            <a className="link-button" href={`api/patches/${encodeURIComponent(r.target.id)}/sheet`} target="_blank" rel="noopener" data-testid="field-sheet">{t('printSheet')}</a>
          )}
          {r.review && <p data-testid="field-review">{fillText(t('reviewedBy'), { by: r.review.by, comment: r.review.comment ?? '—' }, lang)}</p>}
          {r.applied?.patch_status && <p data-testid="field-applied">{fillText(t('acceptedPatch'), { status: patchStatusLabel(r.applied.patch_status, lang) }, lang)}</p>}
          {r.applied?.project_audit !== undefined && <p data-testid="field-applied">{fillText(t('acceptedProject'), { audit: String(r.applied.project_audit) }, lang)}</p>}
          {editor && r.status === 'submitted' && (
            <div className="field-review-form">
              <label>{t('reviewComment')}
                <textarea data-testid="field-review-comment" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
              </label>
              <button type="button" disabled={busy} data-testid="field-accept" onClick={() => void review('accept')}>{t('accept')}</button>
              <button type="button" disabled={busy} data-testid="field-return" onClick={() => void review('return')}>{t('return')}</button>
            </div>
          )}
          {problem && <p className="field-panel__error" role="alert" data-testid="field-review-error">{problem}</p>}
        </div>
      )}
    </li>
  );
}

function AssignForm({ session, users, patches, onAssigned }: { session: BureauSession; users: { username: string; role: string }[]; patches: PatchState[]; onAssigned: () => void }) {
  const lang = useLang();
  const t = useFieldReviewT();
  const [kind, setKind] = useState<'patch' | 'project'>('patch');
  const [layer, setLayer] = useState(PROGRESS_LAYERS[0] ?? '');
  const [target, setTarget] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const people = users.filter((u) => u.role !== 'viewer');

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    try {
      const task = await createTask(session, { target: { kind, ...(kind === 'project' ? { layer } : {}), id: target.trim() }, assignee, due: due || null, note });
      setMessage({ ok: true, text: fillText(t('assignDone'), { person: task.assignee }, lang) });
      setTarget('');
      setNote('');
      onAssigned();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof FieldApiError ? err.text(lang) : (err as Error).message });
    }
  }

  return (
    <form className="field-assign" data-testid="field-assign" onSubmit={(e) => void submit(e)}>
      <h3>{t('assignTitle')}</h3>
      <label>{t('assignKind')}
        <select data-testid="field-assign-kind" value={kind} onChange={(e) => setKind(e.target.value as 'patch' | 'project')}>
          <option value="patch">{t('assignPatch')}</option>
          <option value="project">{t('assignProject')}</option>
        </select>
      </label>
      {kind === 'project' && (
        <label>{t('assignLayer')}
          <select data-testid="field-assign-layer" value={layer} onChange={(e) => setLayer(e.target.value)}>
            {PROGRESS_LAYERS.map((l) => <option key={l} value={l}>{valueName(l, lang)}</option>)}
          </select>
        </label>
      )}
      <label>{t('assignTarget')}
        <input data-testid="field-assign-target" list={kind === 'patch' ? 'field-patch-ids' : undefined} value={target} required maxLength={120} onChange={(e) => setTarget(e.target.value)} />
      </label>
      {kind === 'patch' && <datalist id="field-patch-ids">{patches.map((p) => <option key={p.id} value={p.id} />)}</datalist>}
      <label>{t('assignPerson')}
        <select data-testid="field-assign-person" value={assignee} required onChange={(e) => setAssignee(e.target.value)}>
          <option value="">{t('choose')}</option>
          {people.map((u) => <option key={u.username} value={u.username}>{u.username}</option>)}
        </select>
      </label>
      <label>{t('assignDue')}
        <input type="date" data-testid="field-assign-due" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <label>{t('assignNote')}
        <input data-testid="field-assign-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" data-testid="field-assign-send">{t('assignSend')}</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? '' : 'field-panel__error'} data-testid="field-assign-message">{message.text}</p>}
    </form>
  );
}
