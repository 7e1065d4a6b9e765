export * from './contract';
export * from './events';
export * from './api';
export * from './dispatch';
export * from './inProcessApi';
export * from './review';
export * from './updates';
export * from './commentReplies';
