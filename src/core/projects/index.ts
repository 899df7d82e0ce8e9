// Carbon-sink projects (issue 27): the project file, eligibility per parcel, strata, ex-ante removals by AR-ACM0003 with
// AR-TOOL14, their uncertainty and value. Pure: runs in Node (npm run project), the browser and workers.
export * from './format.ts';
export * from './parameters.ts';
export * from './methodology.ts';
export * from './overlay.ts';
export * from './eligibility.ts';
export * from './strata.ts';
export * from './removals.ts';
export * from './uncertainty.ts';
export * from './value.ts';
export * from './run.ts';
export * from './context.ts';
