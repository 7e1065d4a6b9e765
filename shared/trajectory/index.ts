export * from './effectiveRun';
export * from './annotationEdits';
export * from './stepSummary';
export * from './ansi';
export * from './patchCheck';
export * from './forDisplay';
