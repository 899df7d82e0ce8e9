// The import dialog: drag and drop or a file picker; the file is read with a progress bar, parsed in the planner
// worker, and its validation report (read / fixed / rejected with reasons, CRS, encoding) is shown with a preview on
// the map before the features are added to the workspace. Loose shapefile parts chosen together are bundled
// (loose-shapefile.ts); a CRS can be chosen and the files read again. Every text is made at render time from what the
// worker returned, so a switch of language translates the open report too.
import type { Feature, Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { MapController } from '../map/map-controller.ts';
import { bboxOf } from '../core/geo/positions.ts';
import { supportedExtensions } from '../core/io/registry.ts';
import type { ImportResult } from '../core/io/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { localeOf } from '../ui/i18n.ts';
import { planner } from '../workers/planner-client.ts';
import type { LargeImport } from '../workers/planner.worker.ts';
import { featureReasonText, importProblemText, importWarningText, type Where } from './import-messages.ts';
import { crsLine } from './crs-text.ts';
import { bundleShapefileParts, LOOSE_PART_EXTENSIONS } from './loose-shapefile.ts';
import { colon, pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';

/** Above this many features a file becomes a reference layer to pick sites from, not that many sites at once. */
export const REFERENCE_THRESHOLD = 200;
let previewUrl: string | null = null;

/** One file's outcome as the worker gave it; `failure` is core/io's message (translated when shown). */
interface Loaded {
  name: string; importName: string; bytes: number; result?: ImportResult; ms?: number; large?: LargeImport;
  failure?: { message: string; where?: Where | null } | { key: 'looseShapefileMissing'; missing: string };
}

/** Each number of the report in the UI's locale (12,345 / 12,345). */
const n = (x: number, lang: Lang) => x.toLocaleString(localeOf(lang));

async function readWithProgress(file: File, onProgress: (done: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, offset);
    offset += value.length;
    onProgress(offset);
  }
  return offset === out.length ? out : out.slice(0, offset);
}

function showPreview(map: MapLibreMap | null, features: Feature<Geometry | null>[], large?: LargeImport): void {
  if (!map) return;
  const data = { type: 'FeatureCollection' as const, features: features.filter((f) => f.geometry) as Feature[] };
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  // A large file's preview is its Blob, fetched and tiled by MapLibre's worker (no parsing on this thread).
  previewUrl = large ? URL.createObjectURL(large.preview) : null;
  MapController.of(map).setOverlay({ kind: 'import-preview', data: previewUrl ?? data });
  const corners: Geometry[] = large?.bbox ? [{ type: 'MultiPoint', coordinates: [[large.bbox[0], large.bbox[1]], [large.bbox[2], large.bbox[3]]] }] : [];
  const b = bboxOf({ type: 'GeometryCollection', geometries: [...data.features.map((f) => f.geometry), ...corners] });
  if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 60, maxZoom: 15, duration: 0 });
}

export function clearPreview(map: MapLibreMap | null): void {
  if (!map) return;
  MapController.of(map).removeOverlay({ kind: 'import-preview' });
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = null;
}

interface Props {
  lang: Lang; map: MapLibreMap | null; onAdd: (file: string, features: Feature<Geometry>[]) => void;
  onAddReference: (token: string, file: string) => void; onClose: () => void; onStart?: () => void;
}

export function ImportDialog({ lang, map, onAdd, onAddReference, onClose, onStart }: Props) {
  const [loaded, setLoaded] = useState<Loaded[]>([]);
  const [progress, setProgress] = useState<{ name: string; done: number; total: number; stage: string } | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => () => clearPreview(map), [map]);

  const [crs, setCrs] = useState('');
  const lastFiles = useRef<File[]>([]);

  async function handle(files: FileList | File[], chosenCrs = crs) {
    onStart?.();
    lastFiles.current = Array.from(files);
    const read: { name: string; bytes: Uint8Array }[] = [];
    const out: Loaded[] = [];
    for (const file of lastFiles.current) {
      setProgress({ name: file.name, done: 0, total: file.size, stage: 'reading' });
      try {
        read.push({ name: file.name, bytes: await readWithProgress(file, (done) => setProgress({ name: file.name, done, total: file.size, stage: 'reading' })) });
      } catch (e) {
        out.push({ name: file.name, importName: file.name, bytes: file.size, failure: { message: (e as Error)?.message ?? String(e) } });
      }
    }
    for (const f of bundleShapefileParts(read)) {
      if (f.missing) {
        out.push({ name: f.name, importName: f.importName, bytes: f.bytes.length, failure: { key: 'looseShapefileMissing', missing: f.missing } });
        continue;
      }
      setProgress({ name: f.name, done: f.bytes.length, total: f.bytes.length, stage: 'parsingWorker' });
      try {
        const options = chosenCrs.trim() ? { crs: chosenCrs.trim() } : undefined;
        const r = await planner().importFile(f.importName, f.bytes, options, REFERENCE_THRESHOLD);
        out.push(r.ok ? { name: f.name, importName: f.importName, bytes: f.bytes.length, result: r.result, ms: r.ms, large: r.large }
          : { name: f.name, importName: f.importName, bytes: f.bytes.length, failure: { message: r.message, where: r.where } });
      } catch (e) {
        out.push({ name: f.name, importName: f.importName, bytes: f.bytes.length, failure: { message: (e as Error)?.message ?? String(e) } });
      }
    }
    setProgress(null);
    setLoaded(out);
    showPreview(map, out.flatMap((l) => l.result?.features ?? []), out.find((l) => l.large)?.large);
  }

  const problem = (l: Loaded): string | null => {
    if (!l.failure) return null;
    if ('key' in l.failure) return fillText(pt(lang, l.failure.key), { missing: l.failure.missing });
    return importProblemText(l.importName, l.failure.message, lang, l.failure.where);
  };

  const usable = loaded.flatMap((l) => (l.result?.features ?? []).filter((f) => f.geometry).map((f) => ({ file: l.name, f: f as Feature<Geometry> })));
  return (
    <div className="planner-dialog" role="dialog" aria-label={pt(lang, 'importFiles')} data-testid="import-dialog">
      <div className={`planner-drop${over ? ' is-over' : ''}`} data-testid="import-drop"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); void handle(e.dataTransfer.files); }}>
        <p>{pt(lang, 'dropFilesHereOr')} <button type="button" onClick={() => input.current?.click()}>{pt(lang, 'chooseFiles')}</button></p>
        <p className="planner-muted planner-small">{[...supportedExtensions(), ...LOOSE_PART_EXTENSIONS].join(' ')}</p>
        <input ref={input} type="file" multiple hidden data-testid="import-input" accept={[...supportedExtensions(), ...LOOSE_PART_EXTENSIONS].join(',')}
          onChange={(e) => { if (e.target.files) void handle(e.target.files); e.target.value = ''; }} />
      </div>
      <div className="planner-row planner-small">
        <label htmlFor="planner-import-crs">{pt(lang, 'importCrsLabel')}</label>
        <input id="planner-import-crs" data-testid="import-crs-choice" value={crs} placeholder={pt(lang, 'importCrsPlaceholder')} onChange={(e) => setCrs(e.target.value)} />
        <button type="button" data-testid="import-read-again" disabled={lastFiles.current.length === 0 || !!progress} onClick={() => void handle(lastFiles.current)}>{pt(lang, 'importReadAgain')}</button>
      </div>
      {progress && (
        <div data-testid="import-progress">
          <span>{progress.name} · {pt(lang, progress.stage as 'reading' | 'parsingWorker')}</span>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
        </div>
      )}
      {loaded.map((l) => (
        <div key={l.name} className="planner-report" data-testid="import-report" data-file={l.name} data-ok={l.failure ? 'false' : 'true'}
          data-read={l.result?.report.read ?? 0} data-large={l.large ? l.large.count : 0} data-rejected={l.result?.report.rejected.length ?? 0} data-features={l.result?.features.length ?? 0}>
          <strong>{l.name}</strong>
          {l.failure ? <p className="planner-error" data-testid="import-error">{problem(l)}</p> : l.result && (
            <>
              <p>{fillText(pt(lang, 'importReadFixedRejected'), { read: n(l.result.report.read, lang), fixedCount: n(l.result.report.fixed.length, lang), rejectedCount: n(l.result.report.rejected.length, lang) })}</p>
              <p data-testid="import-crs">{pt(lang, 'crs')}{colon(lang)}{crsLine(l.result.crs, lang)}{l.result.encoding ? ` · ${pt(lang, 'encoding')}${colon(lang)}${l.result.encoding}` : ''}</p>
              {l.result.report.rejected.length > 0 && <ul className="planner-error">{l.result.report.rejected.slice(0, 20).map((r) => <li key={r.index}>{fillText(pt(lang, 'featureNumber'), { number: r.index + 1 })}{featureReasonText(r.why, lang)}</li>)}</ul>}
              {l.result.report.fixed.length > 0 && <ul className="planner-muted planner-small">{l.result.report.fixed.slice(0, 10).map((r, i) => <li key={i}>{fillText(pt(lang, 'featureNumber'), { number: r.index + 1 })}{featureReasonText(r.what, lang)}</li>)}</ul>}
              {l.result.report.warnings.map((w) => <p key={w} className="planner-muted planner-small" data-testid="import-warning">{importWarningText(w, lang)}</p>)}
              {l.large && (
                <div data-testid="import-large">
                  <p>{fillText(pt(lang, 'largeImportAsReference'), { count: l.large.count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'), threshold: REFERENCE_THRESHOLD })}</p>
                  <button type="button" data-testid="import-add-reference" onClick={() => { onAddReference(l.large!.token, l.name); clearPreview(map); onClose(); }}>{pt(lang, 'addAsAReferenceLayer')}</button>
                </div>
              )}
            </>
          )}
        </div>
      ))}
      <div className="planner-dialog__buttons">
        <button type="button" data-testid="import-add" disabled={usable.length === 0}
          onClick={() => { for (const l of loaded) { const fs = usable.filter((u) => u.file === l.name).map((u) => u.f); if (fs.length) onAdd(l.name, fs); } clearPreview(map); onClose(); }}>
          {fillText(pt(lang, 'addFeaturesToTheWorkspace'), { usableCount: usable.length })}
        </button>
        <button type="button" data-testid="import-cancel" onClick={() => { clearPreview(map); onClose(); }}>{pt(lang, 'cancel')}</button>
      </div>
    </div>
  );
}
