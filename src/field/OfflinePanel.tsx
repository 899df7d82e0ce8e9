// Offline areas: pick a township, a planner site, the walker's tasks (their 监测图斑 and projects) or the map view;
// see how much it downloads before it does (stand tiles, layers, rasters: GET /api/field/offline-plan), follow the
// progress, then update or remove the stored areas. A phone without room is told so in numbers.
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import type { BBox } from '../core/field/tiles.ts';
import { eachPath } from '../core/geo/positions.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { ft } from '../ui/i18n-field.ts';
import { ApiAnswerError, getJson } from './field-api.ts';
import type { FieldTask, OfflineArea } from './field-types.ts';
import { num } from './format.ts';
import { boxAround, downloadArea, planArea, removeArea, StorageFullError, type OfflinePlan } from './offline-areas.ts';
import { allAreas } from './store.ts';

interface Choice {
  key: string;
  name: string;
  kind: OfflineArea['kind'];
  bbox: BBox;
  /** API reads the area keeps too. */
  extra: string[];
}

const MB = 1024 * 1024;
const mb = (bytes: number, lang: Lang) => num(bytes / MB, 1, lang);

function boxOf(g: Geometry): BBox | null {
  const pts: [number, number][] = [];
  eachPath(g, (path) => { for (const p of path) pts.push([p[0], p[1]]); });
  return boxAround(pts, 0);
}

export function OfflinePanel({ lang, mapBox }: { lang: Lang; mapBox: () => BBox | null }) {
  const [choices, setChoices] = useState<Choice[]>([]);
  const [picked, setPicked] = useState('');
  const [plan, setPlan] = useState<OfflinePlan | null>(null);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [areas, setAreas] = useState<OfflineArea[]>([]);
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);

  const refresh = () => {
    void allAreas().then(setAreas);
    void navigator.storage?.estimate?.().then((e) => setStorage({ usage: e.usage ?? 0, quota: e.quota ?? 0 })).catch(() => undefined);
  };

  useEffect(() => {
    refresh();
    const list: Choice[] = [];
    const view = mapBox();
    if (view) list.push({ key: 'view', name: ft(lang, 'area.view'), kind: 'view', bbox: view, extra: [] });
    const townships = fetch('../data/townships.geojson').then((r) => r.json() as Promise<FeatureCollection>).then((fc) => {
      for (const f of fc.features) {
        const b = f.geometry && boxOf(f.geometry);
        const code = String(f.properties?.code ?? f.properties?.id ?? '');
        if (b) list.push({ key: `t-${code}`, name: `${ft(lang, 'area.township')} ${lang === 'en' ? f.properties?.name_en ?? f.properties?.name : f.properties?.name}`, kind: 'township', bbox: b, extra: [`api/patches?format=geojson&township=${code}`] });
      }
    }).catch(() => undefined);
    const sites = getJson<{ sites: { id: string; name: string; geometry: Geometry }[] }>('sites').then((s) => {
      for (const site of s.sites) {
        const b = boxOf(site.geometry);
        if (b) list.push({ key: `s-${site.id}`, name: `${ft(lang, 'area.site')} ${site.name}`, kind: 'site', bbox: [b[0] - 0.005, b[1] - 0.005, b[2] + 0.005, b[3] + 0.005], extra: [] });
      }
    }).catch(() => undefined);
    const tasks = getJson<{ tasks: FieldTask[] }>('tasks?assignee=me&status=open').then((t) => {
      const b = boxAround(t.tasks.filter((x) => x.centre).map((x) => x.centre!), 0.01);
      if (b) list.push({ key: 'tasks', name: ft(lang, 'area.tasks'), kind: 'tasks', bbox: b, extra: ['api/tasks?assignee=me&status=open'] });
    }).catch(() => undefined);
    void Promise.all([townships, sites, tasks]).then(() => {
      setChoices([...list]);
      setPicked((p) => p || list[0]?.key || '');
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const choice = choices.find((c) => c.key === picked);

  const explain = (e: unknown) => {
    if (e instanceof StorageFullError && e.stored !== null) return { text: ft(lang, 'area.fullAt', { need: mb(e.needed, lang), stored: mb(e.stored, lang) }), bad: true };
    if (e instanceof StorageFullError) return { text: ft(lang, 'area.full', { need: mb(e.needed, lang), free: e.free === null ? '?' : mb(e.free, lang) }), bad: true };
    return { text: ft(lang, 'area.failed', { reason: e instanceof ApiAnswerError ? e.text(lang) : (e as Error).message }), bad: true };
  };

  const work = async (c: { key: string; name: string; kind: OfflineArea['kind']; bbox: BBox; extra: string[] }, given?: OfflinePlan) => {
    setMessage(null);
    try {
      const p = given ?? (await planArea(c.bbox, c.extra));
      setProgress([0, p.bytes]);
      const area = await downloadArea({ id: c.key, name: c.name, kind: c.kind, bbox: c.bbox, extra: c.extra }, p, (done, total) => setProgress([done, total]));
      setMessage({ text: ft(lang, 'area.done', { name: area.name }), bad: false });
      setPlan(null);
    } catch (e) {
      setMessage(explain(e));
    } finally {
      setProgress(null);
      refresh();
    }
  };

  return (
    <div className="panel offline-panel">
      <h2>{ft(lang, 'area.pick')}</h2>
      <select className="big" value={picked} onChange={(e) => { setPicked(e.target.value); setPlan(null); }} data-testid="area-choice">
        {choices.map((c) => <option key={c.key} value={c.key}>{c.name}</option>)}
      </select>
      <div className="row">
        <button type="button" className="big" disabled={!choice || !navigator.onLine}
          onClick={() => choice && void planArea(choice.bbox, choice.extra).then(setPlan, (e: unknown) => setMessage(explain(e)))}>{ft(lang, 'area.plan')}</button>
        <button type="button" className="big primary" disabled={!choice || !plan || progress !== null} onClick={() => choice && plan && void work(choice, plan)}>{ft(lang, 'area.download')}</button>
      </div>
      {!navigator.onLine && <p>{ft(lang, 'area.needsNetwork')}</p>}
      {plan && (
        <p data-testid="area-size">{ft(lang, 'area.size', { mb: mb(plan.bytes, lang), files: plan.files.length, rasters: plan.files.filter((f) => f.kind === 'raster').length })}</p>
      )}
      {progress && (
        <div>
          <progress max={progress[1]} value={progress[0]} />
          <p data-testid="area-progress">{ft(lang, 'area.progress', { done: mb(progress[0], lang), total: mb(progress[1], lang) })}</p>
        </div>
      )}
      {message && <p className={message.bad ? 'problem' : 'message'} role={message.bad ? 'alert' : 'status'} data-testid="area-message">{message.text}</p>}
      <ul className="area-list" data-testid="areas">
        {!areas.length && <li>{ft(lang, 'area.none')}</li>}
        {areas.map((a) => (
          <li key={a.id} data-area={a.id} data-complete={a.complete}>
            <span>{ft(lang, 'area.item', { name: a.name, mb: mb(a.bytes, lang), date: new Date(a.saved).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US') })}{a.complete ? '' : ft(lang, 'area.incomplete')}</span>
            <div className="row">
              <button type="button" className="big" disabled={!navigator.onLine || progress !== null} onClick={() => void work({ key: a.id, name: a.name, kind: a.kind, bbox: a.bbox, extra: a.extra ?? [] })}>{ft(lang, 'area.update')}</button>
              <button type="button" className="big" onClick={() => void removeArea(a.id).then(refresh)}>{ft(lang, 'area.remove')}</button>
            </div>
          </li>
        ))}
      </ul>
      {storage && storage.quota > 0 && <p className="storage">{ft(lang, 'area.storage', { used: mb(storage.usage, lang), quota: mb(storage.quota, lang) })}</p>}
    </div>
  );
}
