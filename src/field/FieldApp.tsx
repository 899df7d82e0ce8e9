// The field page (外业, issue 26): one column for one hand on a phone — the map with the GPS position, the boundary
// walk, the walker's tasks nearest first, the reports saved on the phone and their sending, and the offline areas.
// Four large tabs at the bottom within the thumb's reach; the map stays mounted under the other tabs.
import type * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { layersFor } from '../layers/registry.ts';
import { defaultChoices } from '../map/layer-state.ts';
import { MapController } from '../map/map-controller.ts';
import { MapView } from '../map/MapView.tsx';
import { exposeForTests, TEST_HOOKS } from '../test-hooks.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { LangContext } from '../ui/i18n.ts';
import { ft } from '../ui/i18n-field.ts';
import { session as askSession, type FieldSession } from './field-api.ts';
import type { FieldReport, FieldTask, Target, WalkedBoundary } from './field-types.ts';
import { gpsFeatures } from './gps-overlay.ts';
import { OfflinePanel } from './OfflinePanel.tsx';
import { ReportForm, type FormSeed } from './ReportForm.tsx';
import { ReportsPanel } from './ReportsPanel.tsx';
import { sendQueued } from './report-sync.ts';
import { allReports } from './store.ts';
import { TasksPanel } from './TasksPanel.tsx';
import { useGps } from './use-gps.ts';
import { useTrack } from './use-track.ts';
import { WalkPanel } from './WalkPanel.tsx';

type Tab = 'map' | 'tasks' | 'reports' | 'offline';
const TABS: Tab[] = ['map', 'tasks', 'reports', 'offline'];
const RETRY_MS = 20_000;
const PATCH_LAYER = 'monitoring-patches';

export function FieldApp() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('xg-field-lang') === 'en' ? 'en' : 'zh'));
  const [tab, setTab] = useState<Tab>('map');
  const [online, setOnline] = useState(navigator.onLine);
  const [who, setWho] = useState<FieldSession | null | undefined>(undefined);
  const [reports, setReports] = useState<FieldReport[]>([]);
  const [form, setForm] = useState<FormSeed | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [follow, setFollow] = useState(true);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const track = useTrack();
  const gps = useGps(track.addFix);
  const layers = useMemo(() => layersFor('internal'), []);
  // The registry's defaults, with the 监测图斑 shown: they are what the walker goes out to check.
  const choices = useMemo(() => {
    const c = defaultChoices(layers);
    if (c[PATCH_LAYER]) c[PATCH_LAYER] = { ...c[PATCH_LAYER], visible: true };
    return c;
  }, [layers]);

  const reload = useCallback(() => void allReports().then(setReports), []);
  const sync = useCallback(() => void sendQueued(reload).then(reload), [reload]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    localStorage.setItem('xg-field-lang', lang);
  }, [lang]);

  useEffect(() => {
    void askSession(true).then(setWho);
    reload();
    sync();
    const up = () => { setOnline(true); sync(); };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = setInterval(sync, RETRY_MS);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [reload, sync]);

  // The GPS layer and follow mode.
  const boundary = track.closed?.ok ? track.closed.polygon : null;
  useEffect(() => {
    if (!map) return;
    MapController.of(map).setOverlay({ kind: 'field', data: gpsFeatures(gps.fix, track.line, boundary, target?.position ?? null) });
  }, [map, gps.fix, track.line, boundary, target]);
  useEffect(() => {
    if (map && follow && gps.fix) map.jumpTo({ center: [gps.fix.lon, gps.fix.lat], zoom: Math.max(map.getZoom(), 15) });
  }, [map, follow, gps.fix]);
  useEffect(() => {
    if (tab === 'map') map?.resize();
  }, [tab, map]);

  const onReady = useCallback((m: maplibregl.Map) => {
    setMap(m);
    if (TEST_HOOKS) exposeForTests({ __map: m });
  }, []);

  const walked: WalkedBoundary | null = track.closed?.ok
    ? { geometry: track.closed.polygon, accuracy_m: track.closed.accuracy_m, threshold_m: track.closed.threshold_m, rejected: track.closed.rejected, area_m2: track.closed.area_m2, error95_m2: track.closed.error95_m2 }
    : null;
  const queued = reports.filter((r) => r.state === 'queued').length;
  const mapBox = () => {
    const b = map?.getBounds();
    return b ? ([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number]) : null;
  };
  const openReport = (seed: FormSeed) => {
    setForm(seed);
    setTab('reports');
  };
  const navigateTo = (t: FieldTask) => {
    if (t.centre) setTarget({ name: t.target.name, position: t.centre });
    setTab('map');
  };

  return (
    <LangContext.Provider value={lang}>
      <div className="field-app">
        <header className="field-header">
          <h1>{ft(lang, 'title')}</h1>
          <span className={online ? 'net on' : 'net off'} data-testid="net">{ft(lang, online ? 'online' : 'offline')}</span>
          {queued > 0 && <span className="queued" data-testid="queued">{ft(lang, 'queued', { count: queued })}</span>}
          <span className="sample">{ft(lang, 'sample')}</span>
          <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{ft(lang, 'language')}</button>
        </header>
        {who === null && (
          <p className="notice" role="alert">
            {ft(lang, 'signedOut')} <a href="../login/">{ft(lang, 'signIn')}</a>
          </p>
        )}
        <main className="field-main">
          <section className={tab === 'map' ? 'map-tab' : 'map-tab hidden'} aria-hidden={tab !== 'map'}>
            <div className="field-map">
              <MapView layers={layers} choices={choices} lang={lang} onReady={onReady} />
            </div>
            <WalkPanel lang={lang} gps={gps} track={track} target={target} follow={follow} setFollow={setFollow} session={who ?? null}
              onAttach={() => openReport({ template: 'patch-check', target: { kind: 'patch' }, task_id: null })} />
          </section>
          {tab === 'tasks' && <TasksPanel lang={lang} fix={gps.fix} onNavigate={navigateTo} onReport={openReport} />}
          {tab === 'reports' && (form
            ? <ReportForm lang={lang} seed={form} fix={gps.fix} walked={walked} onDone={() => { setForm(null); reload(); sync(); }} />
            : <ReportsPanel lang={lang} reports={reports} onChange={() => { reload(); sync(); }} onNew={openReport} />)}
          {tab === 'offline' && <OfflinePanel lang={lang} mapBox={mapBox} />}
        </main>
        <nav className="field-tabs">
          {TABS.map((t) => (
            <button key={t} type="button" className={t === tab ? 'active' : ''} aria-pressed={t === tab} onClick={() => setTab(t)}>
              {ft(lang, `tab.${t}`)}
            </button>
          ))}
        </nav>
      </div>
    </LangContext.Provider>
  );
}
