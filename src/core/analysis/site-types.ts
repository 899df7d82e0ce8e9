// What a planner's site is for. The type decides which conflicts matter and whether a with/without-project carbon
// comparison applies (afforestation and restoration add carbon; PV and wind take land).
export const SITE_TYPES = ['光伏', '风电', '造林', '修复', '其他'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const SITE_TYPE_EN: Record<SiteType, string> = { 光伏: 'PV', 风电: 'Wind', 造林: 'Afforestation', 修复: 'Restoration', 其他: 'Other' };

export const isSiteType = (v: unknown): v is SiteType => typeof v === 'string' && (SITE_TYPES as readonly string[]).includes(v);

/** Land classes that already carry forest (or a closed planting): a new planting there adds nothing. */
export const STOCKED_LAND_CLASSES: readonly string[] = ['乔木林地', '竹林地', '特灌林地', '未成林造林地'];
