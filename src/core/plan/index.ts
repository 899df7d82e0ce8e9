// Public surface of plan-target progress (pure: runs in Node, the browser and workers).
export * from './targets.ts';
export * from './status.ts';
export * from './layers.ts';
export * from './stand-summary.ts';
export * from './rules.ts';
export * from './county.ts';
export * from './rollups.ts';
export * from './progress.ts';
export * from './years.ts';
