// A report form built from its template (src/core/field/templates.ts): large choice buttons, number and text inputs,
// photos from the camera or from files (resized on the phone, their EXIF time and position read and shown), the walked
// boundary attached. Checked with the same rules the server applies (report-check.ts), then saved in IndexedDB and
// queued for sending — nothing is lost when there is no network.
import { useEffect, useMemo, useState } from 'react';
import { checkReportValues, fieldChoices } from '../core/field/report-check.ts';
import { templateOf, TEMPLATE_IDS, type TemplateField, type TemplateId } from '../core/field/templates.ts';
import type { Fix } from '../core/field/track.ts';
import { apiMessageText } from '../core/messages/api-messages.ts';
import { projectLayer as projectLayerOf } from '../layers/edit-roles.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { fieldLabel, ft } from '../ui/i18n-field.ts';
import { valueName } from '../ui/value-names.ts';
import type { FieldPhoto, FieldReport, WalkedBoundary } from './field-types.ts';
import { areaParams, coord, num } from './format.ts';
import { newId, photoFromFile } from './photos.ts';
import { putReport } from './store.ts';

export interface FormSeed {
  template: TemplateId;
  target: FieldReport['target'];
  task_id: string | null;
  /** Editing a report already on the phone (a new key; sent on its server version when it has one). */
  editing?: FieldReport;
}

interface Props {
  lang: Lang;
  seed: FormSeed;
  fix: Fix | null;
  walked: WalkedBoundary | null;
  onDone: () => void;
}

function PhotoItem({ lang, photo, onRemove }: { lang: Lang; photo: FieldPhoto; onRemove: () => void }) {
  const url = useMemo(() => URL.createObjectURL(photo.blob), [photo.blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const place = photo.lat !== null && photo.lon !== null ? { lat: coord(photo.lat), lon: coord(photo.lon) } : { lat: ft(lang, 'report.photoNoGps'), lon: '' };
  return (
    <li className="photo" data-photo={photo.id}>
      <img src={url} alt={photo.name} width={96} height={Math.round((96 * photo.height) / photo.width)} />
      <span className="exif" data-testid="photo-exif">{ft(lang, 'report.photoExif', { time: photo.taken_at ?? ft(lang, 'report.photoNoTime'), ...place })}</span>
      <button type="button" onClick={onRemove}>{ft(lang, 'report.photoRemove')}</button>
    </li>
  );
}

export function ReportForm({ lang, seed, fix, walked, onDone }: Props) {
  const editing = seed.editing;
  const [templateId, setTemplateId] = useState<TemplateId>(editing?.template ?? seed.template);
  const template = templateOf(templateId)!;
  const [targetId, setTargetId] = useState(editing?.target.id ?? seed.target.id ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(editing?.values ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)])));
  const [photos, setPhotos] = useState<FieldPhoto[]>(editing?.photos ?? []);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const boundary = editing?.boundary ?? (template.fields.some((f) => f.kind === 'boundary') ? walked : null);
  const projectLayer = seed.target.layer ? projectLayerOf(seed.target.layer) : undefined;

  const addFiles = async (files: FileList | null) => {
    if (!files) return;
    setBusy(true);
    const added: FieldPhoto[] = [];
    for (const file of Array.from(files)) {
      try {
        added.push(await photoFromFile(file));
      } catch {
        setProblem(ft(lang, 'report.photoBad', { file: file.name }));
      }
    }
    setPhotos((p) => [...p, ...added]);
    setBusy(false);
  };

  const typed = (): Record<string, string | number | null> => {
    const out: Record<string, string | number | null> = {};
    for (const f of template.fields) {
      const raw = (values[f.id] ?? '').trim();
      if (f.kind === 'photos' || f.kind === 'boundary' || raw === '') continue;
      out[f.id] = f.kind === 'number' || f.kind === 'year' ? Number(raw.replace(',', '.')) : raw;
    }
    return out;
  };

  const save = async () => {
    const v = typed();
    const p = checkReportValues(template, v, { photoCount: photos.length, boundary: boundary?.geometry ?? null, projectLayer });
    if (p) {
      setProblem(apiMessageText(p.key, { ...p.params, field: fieldLabel(lang, p.field) }, lang));
      return;
    }
    const kind = template.target;
    const report: FieldReport = {
      id: editing?.id ?? newId('r').slice(0, 40),
      key: newId(editing ? 'e' : 'k').slice(0, 60),
      template: templateId,
      target: { ...seed.target, kind, ...(kind === 'none' ? {} : { id: targetId.trim() }) },
      task_id: editing?.task_id ?? seed.task_id,
      values: v,
      boundary,
      position: fix ? { lon: fix.lon, lat: fix.lat, accuracy: fix.accuracy } : editing?.position ?? null,
      photos,
      made: editing?.made ?? new Date().toISOString(),
      state: 'queued',
      version: editing?.version ?? null,
      base: editing?.version ?? null,
      sends: 0,
      message: null,
      conflict: null,
    };
    await putReport(report);
    onDone();
  };

  const field = (f: TemplateField) => {
    const label = fieldLabel(lang, f.id);
    if (f.kind === 'choice') {
      const choices = fieldChoices(f, projectLayer);
      return (
        <fieldset key={f.id} className="choices" data-field={f.id}>
          <legend>{label}</legend>
          {choices.map((c) => (
            <button key={c} type="button" className={values[f.id] === c ? 'choice active' : 'choice'} aria-pressed={values[f.id] === c}
              onClick={() => setValues({ ...values, [f.id]: values[f.id] === c ? '' : c })}>{valueName(c, lang)}</button>
          ))}
        </fieldset>
      );
    }
    if (f.kind === 'number' || f.kind === 'year') {
      return (
        <label key={f.id} className="field">
          {label}
          <input inputMode="decimal" data-field={f.id} value={values[f.id] ?? ''} onChange={(e) => setValues({ ...values, [f.id]: e.target.value })} />
        </label>
      );
    }
    if (f.kind === 'text') {
      return (
        <label key={f.id} className="field">
          {label}
          <textarea data-field={f.id} rows={3} maxLength={f.maxLength} value={values[f.id] ?? ''} onChange={(e) => setValues({ ...values, [f.id]: e.target.value })} />
        </label>
      );
    }
    if (f.kind === 'boundary') {
      return (
        <p key={f.id} className="field" data-testid="form-boundary">
          {boundary ? ft(lang, 'report.boundaryAttached', areaParams(boundary.area_m2, boundary.error95_m2, lang)) : ft(lang, 'report.boundaryNone')}
        </p>
      );
    }
    return (
      <div key={f.id} className="field photos">
        <span>{label}</span>
        <div className="row">
          <label className="big file-button">
            {ft(lang, 'report.photoAdd')}
            <input type="file" accept="image/*" capture="environment" onChange={(e) => void addFiles(e.target.files)} />
          </label>
          <label className="big file-button">
            {ft(lang, 'report.photoFile')}
            <input type="file" accept="image/*" multiple data-testid="photo-file" onChange={(e) => void addFiles(e.target.files)} />
          </label>
        </div>
        <ul className="photo-list">
          {photos.map((p) => <PhotoItem key={p.id} lang={lang} photo={p} onRemove={() => setPhotos(photos.filter((x) => x.id !== p.id))} />)}
        </ul>
      </div>
    );
  };

  return (
    <form className="panel report-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {!editing && (
        <div className="choices templates">
          {TEMPLATE_IDS.map((id) => (
            <button key={id} type="button" className={id === templateId ? 'choice active' : 'choice'} aria-pressed={id === templateId} onClick={() => setTemplateId(id)}>
              {ft(lang, `template.${id}`)}
            </button>
          ))}
        </div>
      )}
      <h2>{ft(lang, `template.${templateId}`)}</h2>
      {template.target !== 'none' && (
        <label className="field">
          {ft(lang, 'report.target')}
          <input data-field="target" value={targetId} readOnly={!!seed.task_id || !!editing} onChange={(e) => setTargetId(e.target.value)} />
        </label>
      )}
      {template.fields.map(field)}
      {fix && <p className="position">{ft(lang, 'report.position', { lat: coord(fix.lat), lon: coord(fix.lon), accuracy: num(fix.accuracy, 0, lang) })}</p>}
      {problem && <p className="problem" role="alert" data-testid="form-problem">{problem}</p>}
      <div className="row sticky">
        <button type="submit" className="big primary" disabled={busy}>{ft(lang, 'report.save')}</button>
        <button type="button" className="big" onClick={onDone}>{ft(lang, 'report.cancel')}</button>
      </div>
    </form>
  );
}
