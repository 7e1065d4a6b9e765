export * from './alpacaEval';
export * from './canonicalAnnotations';
export { sampleRecord, type PreferenceImportItem, type PreferenceImportOptions, type PreferenceSource, type SourcePreference } from './common';
export * from './exporters';
export * from './hhRlhf';
export * from './oasst';
export * from './importers';
