// A section of the one dictionary: MapLibre's own control texts (tooltips and aria-labels of the zoom buttons, the
// compass, the attribution toggle, the popup's close button, the map canvas), by MapLibre's locale keys, handed to the
// map as its `locale` (src/map/map-controller.ts). Length units stay m/km in both languages, as on the scale bars.
import type { Lang } from './i18n-types.ts';

export const MAP_CONTROL_TEXT = {
  'NavigationControl.ZoomIn': { zh: '放大', en: 'Zoom in' },
  'NavigationControl.ZoomOut': { zh: '缩小', en: 'Zoom out' },
  'NavigationControl.ResetBearing': { zh: '拖动可旋转地图，单击恢复正北', en: 'Drag to rotate the map, click to reset north' },
  'AttributionControl.ToggleAttribution': { zh: '显示或隐藏数据来源', en: 'Show or hide the attribution' },
  'AttributionControl.MapFeedback': { zh: '地图反馈', en: 'Map feedback' },
  'FullscreenControl.Enter': { zh: '全屏', en: 'Enter full screen' },
  'FullscreenControl.Exit': { zh: '退出全屏', en: 'Exit full screen' },
  'GeolocateControl.FindMyLocation': { zh: '定位到我的位置', en: 'Find my location' },
  'GeolocateControl.LocationNotAvailable': { zh: '无法获取位置', en: 'Location not available' },
  'LogoControl.Title': { zh: 'MapLibre 标志', en: 'MapLibre logo' },
  'Map.Title': { zh: '地图', en: 'Map' },
  'Marker.Title': { zh: '地图标记', en: 'Map marker' },
  'Popup.Close': { zh: '关闭弹窗', en: 'Close popup' },
  'GlobeControl.Enable': { zh: '切换为地球视图', en: 'Show the globe' },
  'GlobeControl.Disable': { zh: '切换为平面视图', en: 'Show the flat map' },
  'TerrainControl.Enable': { zh: '显示地形', en: 'Show terrain' },
  'TerrainControl.Disable': { zh: '隐藏地形', en: 'Hide terrain' },
  'CooperativeGesturesHandler.WindowsHelpText': { zh: '按住 Ctrl 并滚动滚轮以缩放地图', en: 'Hold Ctrl and scroll to zoom the map' },
  'CooperativeGesturesHandler.MacHelpText': { zh: '按住 ⌘ 并滚动以缩放地图', en: 'Hold ⌘ and scroll to zoom the map' },
  'CooperativeGesturesHandler.MobileHelpText': { zh: '用两根手指移动地图', en: 'Use two fingers to move the map' },
} as const satisfies Record<string, Record<Lang, string>>;

/** MapLibre's `locale` option in one language. */
export function mapLocale(lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(MAP_CONTROL_TEXT).map(([k, v]) => [k, v[lang]]));
}
