// Public surface of site analysis (pure: runs in Node, the browser and workers).
export * from './site-types.ts';
export * from './site-index.ts';
export * from './clip.ts';
export * from './site-analysis.ts';
export * from './conflicts.ts';
export * from './with-without.ts';
export * from './measure-site.ts';
export * from './siting-rules.ts';
export * from './siting.ts';
export * from './site-purpose.ts';
