// Optional online basemaps. OFF by default: the bureau intranet has no internet, and the default configuration must make
// no request outside the app's own origin. Turn one on at build time with an environment variable:
//   VITE_TIANDITU_TOKEN=<token>   天地图 vector tiles (Web Mercator, with its annotation layer)
//   VITE_BASEMAP_STYLE_URL=<url>  any MapLibre style; our layers are drawn on top of it
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

export interface OnlineBasemapConfig {
  tiandituToken?: string;
  styleUrl?: string;
}

export function onlineBasemapConfig(env: Record<string, string | undefined>): OnlineBasemapConfig {
  return { tiandituToken: env.VITE_TIANDITU_TOKEN || undefined, styleUrl: env.VITE_BASEMAP_STYLE_URL || undefined };
}

function tiandituTiles(layer: 'vec' | 'cva', token: string): string[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default` +
      `&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(token)}`,
  );
}

/** Raster sources and layers for 天地图, or nothing when no token is configured. */
export function tiandituLayers(token: string | undefined): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  if (!token) return { sources: {}, layers: [] };
  const attribution = '© 天地图';
  return {
    sources: {
      'tdt-vec': { type: 'raster', tiles: tiandituTiles('vec', token), tileSize: 256, attribution },
      'tdt-cva': { type: 'raster', tiles: tiandituTiles('cva', token), tileSize: 256 },
    },
    layers: [
      { id: 'tdt-vec', type: 'raster', source: 'tdt-vec' },
      { id: 'tdt-cva', type: 'raster', source: 'tdt-cva' },
    ],
  };
}
