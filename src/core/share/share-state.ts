// What a share link carries, one type for both kinds of link: the planner's (#share=…, share-link.ts: the view, its
// visible layers, the selection and small sites, deflated) and the public page's (#indicator=…&map=…&lang=…,
// src/public-page/share-state.ts: the view, the chosen indicator as its one layer, and the language, readable).
import type { Geometry } from 'geojson';

/** A map view: centre [lon, lat] and zoom. */
export interface MapView {
  center: [number, number];
  zoom: number;
}

/** A site carried in a link: what it is and its shape, no id (the receiver gives it one). */
export interface SharedSite { name: string; type: string; note: string; geometry: Geometry }

export interface ShareState {
  /** Null when the link names no view (the page opens at its default view). */
  view: MapView | null;
  /** Visible layers (planner), or the chosen indicator as the one entry (public page). */
  layers: string[];
  /** The selected site's id, if any. */
  selected: string | null;
  /** Sites the link carries (the public page's links carry none). */
  sites: SharedSite[];
  /** The UI language, when the link sets it (the public page's links do; the planner's follow the reader). */
  lang: 'zh' | 'en' | null;
}
