export * from './protocol';
export * from './policy';
