export * from './demoTasks';
