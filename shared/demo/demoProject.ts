export const DEMO_PROJECT = 'Demo workspace';
