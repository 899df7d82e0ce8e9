// The one layer contract. The map, the legend, the layer panel and the public page all read LayerDef entries; adding a
// layer means adding one entry (plus its data), nothing else.
import type { SiteType } from '../core/analysis/site-types.ts';
import type { Verdict } from '../core/analysis/siting-rules.ts';
import type { PlanLayers } from '../core/plan/layers.ts';
import type { Lang } from '../ui/i18n-types.ts';

export type Text = Record<Lang, string>;

/** A layer's note; `sampleOnly`: it calls the layer synthetic, which is true of the sample data only, so a bureau's
 *  release (release.json with sample_data false) does not show it. */
export type LayerNote = Text & { sampleOnly?: boolean };

/** Which page may load a layer. Internal layers never reach the public build (the public page issue scans for this). */
export type Audience = 'internal' | 'public';

/** How a layer's data reaches the map. Only data-source.ts turns this into a MapLibre source. */
export interface LayerSource {
  /** A GeoJSON file name under /data/, e.g. "stands.geojson" (the source of truth; tiles are built from it). */
  file: string;
  /** Prebuilt vector tiles of the file (scripts/tiles/): large layers reach the map this way instead of as GeoJSON. */
  tiles?: TileSet;
  /**
   * A second MapLibre source over the same data. A filter change makes MapLibre re-lay every visible layer of the
   * changed layer's source; a layer whose filter follows the year control gets a source of its own, so stepping the
   * year re-lays only that layer, not the stands' fills and outlines. Costs nothing while the layer is hidden.
   */
  instance?: string;
  /** A raster layer's pixels (raster-layers.ts): a COG of the data folder, or an intranet tile service. */
  raster?: RasterSource;
  /**
   * A file a release may lack because an optional step makes it (the 监测图斑 come from rasters a bureau may not have):
   * the server answers an empty FeatureCollection for it instead of a 404 the map would report as a load failure.
   */
  optional?: boolean;
}

/**
 * Where a raster layer's pixels come from. 'cog': a Cloud-Optimised GeoTIFF of the data folder (rasters.json), drawn
 * into Web Mercator tiles in a Web Worker (src/map/raster-protocol.ts); 'xyz': an intranet tile service declared in
 * extra-layers.json (an XYZ template, or a WMTS RESTful/KVP template in Web Mercator turned into one), fetched by MapLibre.
 */
export type RasterSource =
  | { type: 'cog'; id: string; bounds: [number, number, number, number] }
  | { type: 'xyz'; tiles: string; attribution: string; minzoom: number; maxzoom: number; tileSize: number; bounds?: [number, number, number, number] };

/** A raster's class (categorical rasters): the legend and the colours the tiles are drawn with. */
export interface RasterLegendClass {
  value: number;
  key: string;
  name: Text;
  colour: string;
}

/** What a raster layer shows and how it is coloured (geometry 'raster'). */
export interface LayerRaster {
  kind: 'imagery' | 'categorical' | 'continuous';
  /** The year it shows (swipe pairs and the year control pick by it); null for an undated tile service. */
  year: number | null;
  classes?: RasterLegendClass[];
  ramp?: { min: number; max: number; colours: string[] };
  /** Base opacity (the panel's slider multiplies it). */
  opacity: number;
}

export interface TileSet {
  /** Folder under /data/ holding {z}/{x}/{y}.pbf, e.g. "tiles/stands". */
  dir: string;
  /** The vector tile layer name (MapLibre 'source-layer'). */
  layer: string;
  minzoom: number;
  maxzoom: number;
  /** [west, south, east, north]: every tile touching it exists (empty ones as 0-byte files), none outside is requested. */
  bounds: [number, number, number, number];
  /** Outlines are drawn from this zoom: below it the tiles may carry an overview (aggregate squares) instead of stands. */
  outlineMinzoom: number;
}

export type GeometryKind = 'polygon' | 'line' | 'point' | 'raster';

/**
 * A single colour, or a colour channel over one property: categorical (a colour per value) or numeric steps (a colour per
 * class between breaks: a choropleth is an ordinary layer with a `steps` rule, src/public-page/choropleth.ts).
 */
export type ColourRule =
  | { kind: 'single'; colour: string }
  | { kind: 'categorical'; property: string; values: Array<{ value: string | number | boolean; colour: string; label?: Text }>; fallback: string }
  | StepsRule;

/** A value v is in class k when breaks[k−1] ≤ v < breaks[k]; colours has breaks.length + 1 entries; `missing` where the property is not a number. */
export interface StepsRule {
  kind: 'steps';
  property: string;
  breaks: number[];
  colours: string[];
  missing: string;
}

export interface LayerStyle {
  fill?: ColourRule;
  fillOpacity?: number;
  outline?: string;
  lineColour?: ColourRule;
  lineWidth?: number;
  lineDash?: number[];
  circleColour?: ColourRule;
  circleRadius?: number;
  /** Property used as a text label (zh), with an optional English variant. */
  label?: { zh: string; en?: string; size?: number; minzoom?: number; colour?: string; halo?: string };
}

export type FieldFormat = 'text' | 'number' | 'integer' | 'year' | 'boolean' | 'area' | 'ratio';

export interface PopupField {
  key: string;
  label: Text;
  format?: FieldFormat;
  unit?: Text;
}

export interface LayerDef {
  id: string;
  name: Text;
  group: LayerGroupId;
  source: LayerSource;
  geometry: GeometryKind;
  style: LayerStyle;
  /** Fields shown, in order, when a feature is clicked. The measured area is added for polygons. */
  popup: { title: string; fields: PopupField[] };
  audience: Audience;
  visible: boolean;
  /** Context layers (basemap) have no panel entry and no popup. */
  context?: boolean;
  minzoom?: number;
  /** A MapLibre filter expression selecting the features of a thematic view of a shared source. */
  filter?: unknown[];
  /** A separate point file for labels (e.g. township label points), so polygons are labelled once, inside. */
  labels?: LayerSource;
  /** The property holding the 9-digit township code, so a township selection can filter this layer. */
  townshipKey?: string;
  /** A short note under the layer name, e.g. "synthetic sample". */
  note?: LayerNote;
  /** How the layer follows the year control (src/map/time-filter.ts); absent = the layer is the same every year. */
  time?: TimeRule;
  /** Its role in the analyses (analysis-roles.ts); absent = a display layer only. */
  analysis?: LayerAnalysis;
  /** Raster layers (geometry 'raster', source.raster): kind, year, classes or ramp. Drawn under the vector layers. */
  raster?: LayerRaster;
}

/**
 * What the analyses read a layer for. The workers and CLIs load the files of these layers (analysis-roles.ts), so a
 * layer with `overlap` shows up in every site analysis without any other change.
 */
export interface LayerAnalysis {
  /** The plan figures (src/core/plan) read it as this PlanLayers member. */
  plan?: keyof PlanLayers;
  /**
   * Site analysis clips each site against its polygons and lists the overlap by township, under the plan key when it
   * has one (the conflict rules in src/core/analysis/conflicts.ts look rows up by it), else under the layer id.
   */
  overlap?: boolean;
  /**
   * A constraint layer (三区三线 and the like): the siting rules (src/core/analysis/siting-rules.ts) are applied to each
   * site's overlap with its polygons.
   */
  constraint?: ConstraintRole;
}

export interface ConstraintRole {
  /** The rule table's key: permanent_farmland, ecological_redline or urban_boundary; a bureau's own layer: its id. */
  kind: string;
  /** A bureau's own layer: its verdict for each site type it restricts (types left out get no rule). */
  verdicts?: Partial<Record<SiteType, Verdict>>;
  /** The bureau's citation for those verdicts (shown as a bureau rule). */
  basis?: Text;
}

/**
 * A time-aware layer: each feature reaches its "done" state (upgraded, planted, restored, connected …) in the year held
 * by `field`. At year Y a feature is done when `done` holds and its year is ≤ Y (done features without a year count
 * from the start, as the plan figures count them). Years after the data's as-of year draw the features not done by then
 * as planned (hatched, dashed outline, legend 规划).
 */
export interface TimeRule {
  /** Property with the year the feature was done, e.g. "upgrade_year". */
  field: string;
  /** Filter expression for the features the data records as done, e.g. status == 并网. Default: every feature. */
  done?: unknown[];
  /**
   * Up to the as-of year: 'done' draws only features done by Y (a stand not yet upgraded is not an upgraded stand);
   * 'all' draws every feature, and those done only after Y in `pendingColour` (a mine not yet restored is still a mine).
   */
  show: 'done' | 'all';
  pendingColour?: string;
}

export type LayerGroupId = 'admin' | 'planning' | 'forest' | 'wetland' | 'restoration' | 'energy' | 'infrastructure' | 'public' | 'imagery';

export interface LayerGroup {
  id: LayerGroupId;
  name: Text;
}
