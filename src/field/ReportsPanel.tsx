// The reports on this phone: waiting, sent (with the server's version), refused (why) or in conflict (the server's
// copy beside the walker's, to keep one). A sent report can be sent again — with the same Idempotency-Key, so the
// server answers its first result and stores nothing new — or edited (a new version, sent on the server's version).
import { useState } from 'react';
import { templateOf } from '../core/field/templates.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { fieldLabel, ft } from '../ui/i18n-field.ts';
import { valueName } from '../ui/value-names.ts';
import { ApiAnswerError } from './field-api.ts';
import type { FieldReport } from './field-types.ts';
import { newId } from './photos.ts';
import type { FormSeed } from './ReportForm.tsx';
import { resend } from './report-sync.ts';
import { deleteReport, putReport } from './store.ts';

interface Props {
  lang: Lang;
  reports: FieldReport[];
  onChange: () => void;
  onNew: (seed: FormSeed) => void;
}

function stateText(lang: Lang, r: FieldReport): string {
  if (r.state === 'sent') return ft(lang, 'report.state.sent', { version: r.version ?? 1 });
  if (r.state === 'conflict') return ft(lang, 'report.state.conflict', { version: r.conflict?.version ?? '?', by: r.conflict?.updated_by ?? '—' });
  if (r.state === 'refused') {
    let reason = r.message ?? '';
    try {
      reason = new ApiAnswerError(400, JSON.parse(reason)).text(lang);
    } catch {
      // An older free-text message: shown as it is.
    }
    return ft(lang, 'report.state.refused', { reason });
  }
  return ft(lang, `report.state.${r.state}`);
}

function valuesText(lang: Lang, values: Record<string, unknown>): string {
  return Object.entries(values).map(([k, v]) => `${fieldLabel(lang, k)}：${valueName(v, lang)}`).join('；');
}

export function ReportsPanel({ lang, reports, onChange, onNew }: Props) {
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="panel">
      <button type="button" className="big primary" onClick={() => onNew({ template: 'patch-check', target: { kind: 'patch' }, task_id: null })}>{ft(lang, 'report.new')}</button>
      {note && <p className="message" role="status" data-testid="report-note">{note}</p>}
      {!reports.length && <p>{ft(lang, 'report.none')}</p>}
      <ul className="report-list" data-testid="reports">
        {reports.map((r) => (
          <li key={r.id} data-report={r.id} data-state={r.state}>
            <strong>{ft(lang, `template.${r.template}`)} {r.target.name ?? r.target.id ?? ''}</strong>
            <span className={`state ${r.state}`} data-testid="report-state">{stateText(lang, r)}</span>
            <span className="values">{valuesText(lang, r.values)}</span>
            {r.state === 'conflict' && r.conflict && (
              <div className="conflict" data-testid="conflict">
                <p><b>{ft(lang, 'report.mine')}</b> {valuesText(lang, r.values)}</p>
                <p><b>{ft(lang, 'report.theirs')}</b> {valuesText(lang, r.conflict.values)}</p>
                <div className="row">
                  <button type="button" className="big primary" onClick={() => void putReport({ ...r, state: 'queued', base: r.conflict!.version, key: newId('e').slice(0, 60), conflict: null }).then(onChange)}>{ft(lang, 'report.keepMine')}</button>
                  <button type="button" className="big" onClick={() => void putReport({ ...r, state: 'sent', values: r.conflict!.values as FieldReport['values'], version: r.conflict!.version, base: null, conflict: null }).then(onChange)}>{ft(lang, 'report.takeTheirs')}</button>
                </div>
              </div>
            )}
            <div className="row">
              {r.state === 'sent' && (
                <button type="button" className="big" onClick={() => void resend(r.id).then((x) => { if (x) setNote(ft(lang, 'report.resent', { n: x.sends })); onChange(); })}>{ft(lang, 'report.resend')}</button>
              )}
              {(r.state === 'sent' || r.state === 'refused' || r.state === 'queued') && templateOf(r.template) && (
                <button type="button" className="big" onClick={() => onNew({ template: r.template, target: r.target, task_id: r.task_id, editing: r })}>{ft(lang, 'report.edit')}</button>
              )}
              {r.state === 'queued' && <button type="button" className="big" onClick={onChange}>{ft(lang, 'report.sendNow')}</button>}
              {r.state !== 'sent' && <button type="button" className="big" onClick={() => void deleteReport(r.id).then(onChange)}>{ft(lang, 'report.discard')}</button>}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
