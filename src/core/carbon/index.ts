// Public surface of the carbon model (pure: runs in Node, the browser and workers).
export * from './factors.ts';
export * from './species-groups.ts';
export * from './stand.ts';
export * from './curves.ts';
export * from './other-sinks.ts';
export * from './avoided.ts';
export * from './report.ts';
export * from './method-notes.ts';
export * from './monte-carlo.ts';
export * from './provenance.ts';
