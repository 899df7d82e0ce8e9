// Which data file feeds each plan layer. Shared by the targets CLI (fs) and the analysis worker (fetch).
import type { PlanLayers } from './layers.ts';

export const PLAN_LAYER_FILES: Record<keyof PlanLayers, string> = {
  stands: 'stands.geojson',
  county: 'county.geojson',
  townships: 'townships.geojson',
  pv: 'pv.geojson',
  windFarms: 'wind-farms.geojson',
  gasPipelines: 'gas-pipelines.geojson',
  mines: 'mines.geojson',
  wetlands: 'wetlands.geojson',
  substations: 'substations.geojson',
  carbonPilots: 'carbon-pilots.geojson',
  oilTeaBases: 'oil-tea-bases.geojson',
};
