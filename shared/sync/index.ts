export * from './protocol';
export * from './policy';
export * from './appVersion';
