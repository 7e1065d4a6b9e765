export * from './common';
export * from './sweAgent';
export * from './miniSweAgent';
export * from './openHands';
export * from './sweBench';
export * from './importers';
export * from './exporters';
