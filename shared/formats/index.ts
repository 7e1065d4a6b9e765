export * from './canonicalJsonl';
export * from './detectFormat';
export * from './detectors';
export * from './importTasks';
export * from './limits';
export * from './text';
export * from './describeIssue';
