import { join } from 'node:path';
import type { LineParserScript } from '../electron/core/import/lineParserProtocol';

/** The line parser thread from its TypeScript source through tsx (the harness, the bench, tests); the desktop app runs the built file. */
export const lineParserFromSource = (root: string): LineParserScript => ({
  path: join(root, 'electron/core/import/lineParserWorker.ts'),
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
});
