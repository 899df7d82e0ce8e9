// The bureau's map page: header with the sample-data badge and language switch, the layer panel, the map, an attribute
// popup and a status bar with the cursor's coordinates.
import * as maplibregl from 'maplibre-gl';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { layersFor } from '../layers/registry.ts';
import { defaultChoices, type LayerChoices } from '../map/layer-state.ts';
import { MapView, type PickedFeature } from '../map/MapView.tsx';
import { LangContext, UI_TEXT } from '../ui/i18n.ts';
import { fieldReviewText } from '../ui/i18n-field-review.ts';
import { useYear } from '../ui/use-year.ts';
import { YearControl } from '../ui/YearControl.tsx';
import type { Lang } from '../ui/i18n-types.ts';
import { FeaturePopup } from './FeaturePopup.tsx';
import { CarbonDensityControl } from './CarbonDensityControl.tsx';
import { LayerPanel } from './LayerPanel.tsx';
import { RasterSwipe } from './RasterSwipe.tsx';
import { SessionMenu } from './SessionMenu.tsx';
import { useSampleData } from './release-info.ts';
import { TownshipZoom } from './TownshipZoom.tsx';
import { plannerWasOpen, rememberPlannerOpen } from '../planner/session.ts';
import { currentSession } from './session.ts';

// The dashboard (ECharts, the analysis worker) loads only when opened, keeping the first paint light.
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
// The planner (Terra Draw, import/export, site analysis) loads only when opened, or when a share link is opened.
const PlannerPanel = lazy(() => import('../planner/PlannerPanel.tsx'));
// Drawing and importing project features (Terra Draw, the importers) loads only for a signed-in editor.
const ProjectTools = lazy(() => import('./ProjectTools.tsx'));
// The 外业 panel (field tasks and reports, issue 26) loads only when opened.
const FieldPanel = lazy(() => import('./field/FieldPanel.tsx'));
// The 监测图斑 list (issue 25) loads only when opened.
const PatchPanel = lazy(() => import('./patches/PatchPanel.tsx'));

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  return fromUrl === 'en' ? 'en' : 'zh';
}

export function App() {
  const layers = useMemo(() => layersFor('internal'), []);
  const [lang, setLang] = useState<Lang>(initialLang);
  // The year control's year (?year= in the address): the map's time-aware layers and the dashboard follow it.
  const [year, setYear] = useYear();
  const sampleData = useSampleData();
  const [choices, setChoices] = useState<LayerChoices>(() => defaultChoices(layers));
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [picked, setPicked] = useState<PickedFeature | null>(null);
  const [cursor, setCursor] = useState<[number, number] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [showDashboard, setShowDashboard] = useState(() => new URLSearchParams(location.search).has('dashboard'));
  const [showPatches, setShowPatches] = useState(() => new URLSearchParams(location.search).has('patches'));
  // The planner stays open across a reload (it keeps its own view and selection; see planner/session.ts).
  const [showPlanner, setShowPlanner] = useState(() => new URLSearchParams(location.search).has('planner') || location.hash.startsWith('#share=') || plannerWasOpen());
  useEffect(() => rememberPlannerOpen(showPlanner), [showPlanner]);
  const [showField, setShowField] = useState(() => new URLSearchParams(location.search).has('field'));
  const visibleLayers = useMemo(() => Object.keys(choices).filter((id) => choices[id].visible), [choices]);
  const onLayers = useCallback((visible: string[]) => setChoices((prev) => Object.fromEntries(Object.entries(prev).map(([id, c]) => [id, { ...c, visible: visible.includes(id) }]))), []);
  const [township, setTownship] = useState<{ code: string; name: string } | null>(null);
  const plannerOpen = useRef(false);
  plannerOpen.current = showPlanner;
  const [editor, setEditor] = useState(false);
  useEffect(() => { void currentSession().then((s) => setEditor(s?.role === 'editor')); }, []);
  const projectDrawing = useRef(false);
  const drawingEnds = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onProjectDrawing = useCallback((drawing: boolean) => {
    clearTimeout(drawingEnds.current);
    if (drawing) {
      projectDrawing.current = true;
      setPicked(null);
    } else {
      // The click that finishes a drawing reaches the map's click handler after Terra Draw has finished: let it pass.
      drawingEnds.current = setTimeout(() => { projectDrawing.current = false; }, 400);
    }
  }, []);
  const onPick = useCallback((p: PickedFeature | null) => {
    // While the planner is open or a project feature is drawn, map clicks place vertices; a popup would sit on top.
    if (plannerOpen.current || projectDrawing.current) return;
    setPicked(p);
    // Clicking a township filters the map and the dashboard to it.
    if (p?.layer.id === 'townships') setTownship({ code: String(p.properties.code), name: String(p.properties.name) });
  }, []);
  const t = (key: keyof typeof UI_TEXT) => UI_TEXT[key][lang];

  const addError = useCallback((message: string) => setErrors((prev) => (prev.includes(message) ? prev : [...prev, message].slice(-5))), []);
  const onChange = useCallback((id: string, change: Partial<LayerChoices[string]>) => setChoices((prev) => ({ ...prev, [id]: { ...prev[id], ...change } })), []);
  const onShowRasters = useCallback((show: string[], hide: string[]) => setChoices((prev) => ({
    ...prev, ...Object.fromEntries([...hide.map((id) => [id, { ...prev[id], visible: false }]), ...show.map((id) => [id, { ...prev[id], visible: true }])]),
  })), []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${UI_TEXT.appTitle[lang]} · ${UI_TEXT.appSubtitle[lang]}`;
  }, [lang]);

  // The popup is a MapLibre Popup whose content React renders as text through a portal.
  const [popupNode] = useState(() => document.createElement('div'));
  useEffect(() => {
    if (!map || !picked) return;
    // Whole inside the map wherever it opens: at most half the map high and a little less than the map wide, so
    // MapLibre's automatic anchor (above/below, left/right of the point) always has room on one side; and anchored
    // again whenever its content changes size (MapLibre measures it only when placed).
    const box = map.getContainer();
    popupNode.style.setProperty('--popup-max-h', `${Math.max(120, Math.floor(box.clientHeight / 2) - 40)}px`);
    const popup = new maplibregl.Popup({ maxWidth: `${Math.min(340, Math.max(160, box.clientWidth - 40))}px`, closeButton: true, focusAfterOpen: false })
      .setLngLat(picked.lngLat)
      .setDOMContent(popupNode)
      .addTo(map);
    popup.on('close', () => setPicked((p) => (p === picked ? null : p)));
    const resized = new ResizeObserver(() => popup.setLngLat(picked.lngLat));
    resized.observe(popupNode);
    return () => {
      resized.disconnect();
      popup.remove();
    };
  }, [map, picked, popupNode]);

  return (
    <LangContext.Provider value={lang}>
      <div className={showDashboard || showPlanner || showField || showPatches ? "app app--dashboard" : "app"}>
        <header className="app-header">
          <h1>{t('appTitle')}</h1>
          <span className="app-header__subtitle">{t('appSubtitle')}</span>
          {sampleData && <span className="sample-badge" data-testid="sample-badge" title={t('sampleBadgeDetail')}>{t('sampleBadge')}</span>}
          <TownshipZoom map={map} value={township?.code ?? null} onChange={setTownship} onError={addError} />
          <button type="button" className="dashboard-switch" data-testid="dashboard-switch" aria-pressed={showDashboard} onClick={() => setShowDashboard(!showDashboard)}>
            {lang === 'zh' ? '仪表盘' : 'Dashboard'}
          </button>
          <button type="button" className="dashboard-switch" data-testid="planner-switch" aria-pressed={showPlanner} onClick={() => setShowPlanner(!showPlanner)}>
            {lang === 'zh' ? '规划工作台' : 'Planner'}
          </button>
          <button type="button" className="dashboard-switch" data-testid="field-switch" aria-pressed={showField} onClick={() => setShowField(!showField)}>
            {fieldReviewText('fieldSwitch', lang)}
          </button>
          <button type="button" className="dashboard-switch" data-testid="patches-switch" aria-pressed={showPatches} onClick={() => setShowPatches(!showPatches)}>
            {t('patchesSwitch')}
          </button>
          <button type="button" className="lang-switch" data-testid="lang-switch" lang={lang === 'zh' ? 'en' : 'zh'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </button>
          <SessionMenu lang={lang} />
        </header>
        <aside className="side-panel">
          {sampleData && <p className="sample-note" data-testid="sample-note">{t('sampleBadgeDetail')}</p>}
          <LayerPanel layers={layers} choices={choices} onChange={onChange} sampleData={sampleData} />
          <CarbonDensityControl map={map} />
          {editor && (
            <Suspense fallback={null}>
              <ProjectTools map={map} lang={lang} plannerOpen={showPlanner} onDrawing={onProjectDrawing} />
            </Suspense>
          )}
        </aside>
        <main className="map-area">
          <MapView
            layers={layers}
            choices={choices}
            lang={lang}
            onReady={setMap}
            onPick={onPick}
            township={township?.code ?? null}
            year={year}
            onCursor={setCursor}
            onError={addError}
            selected={picked && picked.id !== undefined ? { layer: picked.layer, id: picked.id } : null}
          />
          <RasterSwipe map={map} layers={layers} year={year} onShow={onShowRasters} />
          <div className="map-year">
            <YearControl year={year} onChange={setYear} lang={lang} />
          </div>
          {errors.length > 0 && (
            <div className="error-box" role="alert" data-testid="error-box">
              <strong>{t('dataError')}</strong>
              <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>
            </div>
          )}
          <div className="status-bar" data-testid="status-bar">
            <span>{t('offlineNote')}</span>
            <span data-testid="cursor-coords">
              {t('cursor')}: {cursor ? `${cursor[0].toFixed(5)}°E, ${cursor[1].toFixed(5)}°N` : '—'}
            </span>
          </div>
        </main>
        {(showPlanner || showDashboard || showField || showPatches) && (
          // One column for both panels: open together they share it, one above the other, each scrolling on its own,
          // so the map keeps its width (a fourth grid child wrapped into a row of its own and squeezed the map to 16 px).
          <div className="side-panels" data-both={[showPlanner, showDashboard, showField, showPatches].filter(Boolean).length > 1}>
            {showPlanner && (
              <aside className="dashboard-panel planner-panel" aria-label={lang === 'zh' ? '规划工作台' : 'Planner'}>
                <Suspense fallback={<div>{t('loading')}</div>}>
                  <PlannerPanel lang={lang} map={map} visibleLayers={visibleLayers} onLayers={onLayers} />
                </Suspense>
              </aside>
            )}
            {showField && (
              <aside className="dashboard-panel" aria-label={fieldReviewText('fieldTitle', lang)}>
                <Suspense fallback={<div>{t('loading')}</div>}>
                  <FieldPanel map={map} />
                </Suspense>
              </aside>
            )}
            {showPatches && (
              <aside className="dashboard-panel" aria-label={t('patchesSwitch')}>
                <Suspense fallback={<div className="dashboard">{t('loading')}</div>}>
                  <PatchPanel lang={lang} map={map} onShowLayer={() => onChange('monitoring-patches', { visible: true })} />
                </Suspense>
              </aside>
            )}
            {showDashboard && (
              <aside className="dashboard-panel" aria-label={lang === 'zh' ? '仪表盘' : 'Dashboard'}>
                <Suspense fallback={<div className="dashboard">{t('loading')}</div>}>
                  <Dashboard year={year} township={township?.code ?? null} townshipName={township?.name ?? null} onTownship={(code) => !code && setTownship(null)} />
                </Suspense>
              </aside>
            )}
          </div>
        )}
      </div>
      {picked && createPortal(<FeaturePopup picked={picked} map={map} />, popupNode)}
    </LangContext.Provider>
  );
}
