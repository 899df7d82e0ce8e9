// The public read-only page: a township choropleth with a switchable indicator, project markers, plan-progress cards,
// a legend, the township table (the map as text), how the figures are estimated, data date and source, share links
// and zh/en. It reads only data/public/ aggregates and the public basemap layers; it has no editing or import tools.
import type * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bboxOf } from '../core/geo/positions.ts';
import { defaultChoices } from '../map/layer-state.ts';
import { MapView, type PickedFeature } from '../map/MapView.tsx';
import { MapController } from '../map/map-controller.ts';
import { colonOf, LangContext, UI_TEXT } from '../ui/i18n.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { classBreaks, fillColour } from './choropleth.ts';
import { ChoroplethLegend } from './components/ChoroplethLegend.tsx';
import { Explainer } from './components/Explainer.tsx';
import { IndicatorSwitch } from './components/IndicatorSwitch.tsx';
import { PickedInfo } from './components/PickedInfo.tsx';
import { ProgressCards } from './components/ProgressCards.tsx';
import { ProjectList } from './components/ProjectList.tsx';
import { ShareLink } from './components/ShareLink.tsx';
import { TownshipTable } from './components/TownshipTable.tsx';
import { indicatorById, type IndicatorId } from './indicators.ts';
import { pageLayers, PROJECT_LAYER, TOWNSHIP_LAYER } from './layers.ts';
import type { PublicProject } from './public-data.ts';
import { formatShareHash, parseShareState, sharedIndicator, type MapView as View } from './share-state.ts';
import { usePublicData } from './use-public-data.ts';
import { useYear } from '../ui/use-year.ts';
import { searchWithYear } from '../ui/year-url.ts';
import { YearControl } from '../ui/YearControl.tsx';
import { planForYear, yearFillColour } from './year-figures.ts';

const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function townshipBounds(map: maplibregl.Map, code: string, file: string): [number, number, number, number] | null {
  const features = MapController.of(map).sourceFeatures({ file }, ['==', ['get', 'code'], code]);
  return bboxOf({ type: 'GeometryCollection', geometries: features.map((f) => f.geometry) });
}

export function PublicApp() {
  const layers = useMemo(pageLayers, []);
  const choices = useMemo(() => defaultChoices(layers), [layers]);
  const townshipLayer = layers.find((l) => l.id === TOWNSHIP_LAYER)!;
  const projectLayer = layers.find((l) => l.id === PROJECT_LAYER)!;
  const initial = useMemo(() => parseShareState(location.hash), []);
  const [lang, setLang] = useState<Lang>(initial.lang);
  const [indicatorId, setIndicatorId] = useState<IndicatorId>(sharedIndicator(initial));
  const [view, setView] = useState<View | null>(initial.view);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [picked, setPicked] = useState<PickedFeature | null>(null);
  const [mapErrors, setMapErrors] = useState<string[]>([]);
  const { plan: planFile, projects, error } = usePublicData();
  // The year control (?year=): every figure on the page is that year's, from the same core computation (year-figures.ts).
  const [year, setYear] = useYear();
  const plan = useMemo(() => (planFile ? planForYear(planFile, year) : null), [planFile, year]);
  const indicator = indicatorById(indicatorId)!;
  const t = (key: keyof typeof UI_TEXT) => UI_TEXT[key][lang];

  const breaks = useMemo(() => (plan ? classBreaks(plan.townships.map((r) => r[indicator.property] as number)) : []), [plan, indicator]);

  useEffect(() => {
    if (!map || !plan) return;
    const colour = plan.year === plan.as_of_year ? fillColour(indicator, breaks) : yearFillColour(indicator, breaks, plan.townships);
    if (!MapController.of(map).setLayerColour(TOWNSHIP_LAYER, colour)) return;
    map.getContainer().dataset.indicator = indicator.id; // lets tests and the benchmark see which colouring is on
    map.getContainer().dataset.year = String(plan.year);
  }, [map, plan, indicator, breaks]);

  const onReady = useCallback((m: maplibregl.Map) => {
    if (initial.view) m.jumpTo({ center: initial.view.center, zoom: initial.view.zoom });
    m.on('moveend', () => {
      const c = m.getCenter();
      setView({ center: [c.lng, c.lat], zoom: m.getZoom() });
    });
    setMap(m);
  }, [initial]);

  // The share link is the address itself: keep the hash in step with the page, and follow a pasted hash.
  const hash = formatShareHash({ layers: [indicatorId], lang, view });
  useEffect(() => {
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [hash]);
  useEffect(() => {
    const onHash = () => {
      const s = parseShareState(location.hash, lang);
      setIndicatorId(sharedIndicator(s));
      setLang(s.lang);
      if (s.view && map) map.jumpTo({ center: s.view.center, zoom: s.view.zoom });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [lang, map]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = UI_TEXT.title[lang];
  }, [lang]);

  // On a phone the lists sit far below the map: a choice made there brings the map (and its explanation) into view.
  const mapBox = useRef<HTMLDivElement>(null);
  const showMap = useCallback(() => {
    const r = mapBox.current?.getBoundingClientRect();
    if (r && (r.top < 0 || r.bottom > window.innerHeight)) mapBox.current!.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }, []);

  const chooseProject = useCallback((p: PublicProject, at: [number, number]) => {
    setPicked({ layer: projectLayer, id: p.id, properties: { ...p }, lngLat: at });
    map?.[reducedMotion() ? 'jumpTo' : 'flyTo']({ center: at, zoom: Math.max(map.getZoom(), 11) });
    showMap();
  }, [map, projectLayer, showMap]);

  const chooseTownship = useCallback((code: string) => {
    const row = plan?.townships.find((r) => r.code === code);
    if (!row) return;
    setPicked({ layer: townshipLayer, id: code, properties: { ...row }, lngLat: [0, 0] });
    const b = map && townshipBounds(map, code, townshipLayer.source.file);
    if (map && b) map.fitBounds(b, { padding: 30, maxZoom: 11.5, duration: reducedMotion() ? 0 : 600 });
    showMap();
  }, [map, plan, townshipLayer, showMap]);

  const selected = picked?.layer.id === TOWNSHIP_LAYER && picked.id !== undefined ? { layer: townshipLayer, id: picked.id } : null;
  const addError = useCallback((m: string) => setMapErrors((prev) => (prev.includes(m) ? prev : [...prev, m].slice(-3))), []);
  const errors = [...(error ? [error] : []), ...mapErrors];
  const shareUrl = `${location.origin}${location.pathname}${searchWithYear(location.search, year)}${hash}`;

  return (
    <LangContext.Provider value={lang}>
      <a className="skip-link" href="#township-table">{t('skipToTable')}</a>
      <header className="pub-header">
        <div className="pub-header__titles">
          <h1>{t('title')}</h1>
          <p className="pub-header__subtitle">{t('subtitle')}</p>
        </div>
        {plan?.sample_data && <span className="sample-badge" data-testid="sample-badge">{t('sampleBadge')}</span>}
        <button type="button" className="lang-switch" data-testid="lang-switch" lang={lang === 'zh' ? 'en' : 'zh'} aria-label={t('languageLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
      </header>
      {plan?.sample_data && <p className="sample-note" data-testid="sample-note">{t('sampleNote')}</p>}
      {errors.length > 0 && (
        <div className="error-box" role="alert" data-testid="error-box">
          <strong>{t('loadError')}</strong>
          <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      )}
      <main className="pub-main">
        <div className="pub-map-col">
          <IndicatorSwitch value={indicatorId} lang={lang} onChange={setIndicatorId} />
          <div className="pub-year">
            <YearControl year={year} onChange={setYear} lang={lang} asOfYear={planFile?.as_of_year} />
          </div>
          <div className="pub-map" role="region" aria-label={t('mapLabel')} ref={mapBox}>
            <MapView layers={layers} choices={choices} lang={lang} onReady={onReady} onPick={setPicked} onError={addError} selected={selected} year={year} />
          </div>
          <ChoroplethLegend indicator={indicator} breaks={breaks} lang={lang} projects={projectLayer} />
          <PickedInfo picked={picked} lang={lang} />
        </div>
        <div className="pub-content">
          {!plan && !error && <p>{t('loading')}</p>}
          {plan?.projection && (
            <p className="projection-note" data-testid="public-projection">
              {lang === 'zh' ? `${plan.year}年数据为预测：碳储量与碳汇按生长模型推算，目标进展只计入${plan.as_of_year}年前已记录的工作。` : `${plan.year} figures are a projection: carbon from the growth model; target progress counts only work recorded by ${plan.as_of_year}.`}
            </p>
          )}
          {plan && <ProgressCards plan={plan} lang={lang} />}
          {projects && <ProjectList projects={projects} lang={lang} onChoose={chooseProject} />}
          {plan && <TownshipTable plan={plan} lang={lang} indicator={indicatorId} selected={selected ? String(selected.id) : null} onSelect={chooseTownship} />}
          {plan && <Explainer plan={plan} lang={lang} />}
          <ShareLink url={shareUrl} lang={lang} />
        </div>
      </main>
      {plan && (
        <footer className="pub-footer" data-testid="data-info">
          <p><strong>{t('dataDate')}</strong>{colonOf(lang)}<span data-testid="data-date">{UI_TEXT.asOf[lang].replace('{year}', String(plan.as_of_year))}{plan.data_version ? ` · ${plan.data_version}` : ''}</span></p>
          <p><strong>{t('source')}</strong>{colonOf(lang)}{plan.source[lang]}</p>
          <p><strong>{t('factorsVersion')}</strong>{colonOf(lang)}{plan.factors_version}</p>
        </footer>
      )}
    </LangContext.Provider>
  );
}
