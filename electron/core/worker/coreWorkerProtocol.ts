import type { AppError, Result } from '@shared/domain';
import type { AppEvent } from '@shared/ipc';
import type { CoreInfo } from '../handlers';
import type { LineParserScript } from '../import/lineParserProtocol';
import type { UpdaterReply, UpdaterRequest } from '../updates/updaterBridge';

/** What the core thread needs to open the store: the key is produced by the main thread (safeStorage lives there). */
export interface CoreWorkerInit {
  dataDir: string;
  accountId: string;
  /** The account's 32-byte database key. */
  key: Uint8Array;
  shell: CoreInfo['shell'];
  version: string;
  /** Where the import's line parser thread starts (out/main/importLineParser.js in the desktop app). */
  importLineParser?: LineParserScript;
  /** The main thread has an updater (electron-updater in a packaged app): the core drives it through messages. */
  updates?: boolean;
  /** The main thread shows a save dialog for exports (the desktop app): the core then writes the chosen file. */
  saveDialog?: boolean;
}

/** Main thread → core thread. */
export type ToCoreWorker =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'externalOpened'; id: number; opened: boolean }
  /** The save dialog's answer: the absolute path chosen, or null when dismissed. */
  | { type: 'savePathChosen'; id: number; path: string | null }
  | { type: 'close' }
  | UpdaterReply;

/** Core thread → main thread. */
export type FromCoreWorker =
  | { type: 'ready' }
  | { type: 'startFailed'; error: AppError }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: AppEvent }
  /** openExternal needs the main thread's dialog and shell. */
  | { type: 'openExternal'; id: number; url: string }
  /** An export needs a file: the main thread shows its save dialog (only it can), `suggestedName` filled in. */
  | { type: 'chooseSavePath'; id: number; suggestedName: string }
  | { type: 'closed' }
  /** The UpdateService in the core asks the main thread's updater (electron-updater lives there). */
  | UpdaterRequest;
