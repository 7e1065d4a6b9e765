export { createPlatformServer, type PlatformServer, type PlatformServerOptions } from './server';
export { openPlatformStore, STORE_FILE, type PlatformStore, type ImportRequest, type QuarantineEntry } from './store';
export type { AssignOptions, AssignSummary } from './store/assignments';
export type { ExportFormat, PlatformStatus, SubmissionExport } from './store/reports';
export { PlatformError } from './store/errors';
export { isPostgresUrl, redactUrl, type Database, type Engine, type PostgresOptions } from './store/database';
export type { RequestLogEntry } from './http/handler';
