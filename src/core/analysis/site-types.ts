// What a planner's site is for. The type decides which siting rules apply (siting-rules.ts) and what the site means
// for carbon (site-purpose.ts: PV and wind take land and avoid emissions; afforestation and restoration add carbon).
export const SITE_TYPES = ['光伏', '风电', '造林', '碳汇造林', '修复', '其他'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const SITE_TYPE_EN: Record<SiteType, string> = { 光伏: 'PV', 风电: 'Wind', 造林: 'Afforestation', 碳汇造林: 'Carbon-sink afforestation', 修复: 'Restoration', 其他: 'Other' };

export const isSiteType = (v: unknown): v is SiteType => typeof v === 'string' && (SITE_TYPES as readonly string[]).includes(v);

/** Land classes that already carry forest (or a closed planting): a new planting there adds nothing. */
export const STOCKED_LAND_CLASSES: readonly string[] = ['乔木林地', '竹林地', '特灌林地', '未成林造林地'];
