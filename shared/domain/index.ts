export * from './common';
export * from './result';
export * from './ranking';
export * from './reasoning';
export * from './trajectory';
export * from './task';
export * from './settings';
export * from './taskChanges';
