import { channelOf, dispatch, EVENT_CHANNEL, operationNames, type AppEvent, type CoreHandlers } from '@shared/ipc';
import { fail, type Result } from '@shared/domain';

/** The part of a WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

/** The part of an IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
  readonly senderFrame: FrameLike | null;
}

/** ipcMain as the registrars use it, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface SenderPolicy {
  /** Is this webContents one of our windows? */
  isKnownContents(webContentsId: number): boolean;
  /** Is this URL our own renderer (the built index.html, or the dev server in development)? */
  isAppUrl(url: string): boolean;
}

const isTopFrame = (frame: FrameLike, main: FrameLike): boolean =>
  frame.parent === null && (frame === main || (frame.processId === main.processId && frame.routingId === main.routingId));

/** Why a request must be refused, or null when it comes from the top frame of one of our windows showing our page. */
export function senderProblem(event: InvokeEventLike, policy: SenderPolicy): string | null {
  if (!policy.isKnownContents(event.sender.id)) return 'the request did not come from an Assay window';
  const frame = event.senderFrame;
  if (frame === null) return 'the requesting page has gone away';
  if (!isTopFrame(frame, event.sender.mainFrame)) return 'the request came from an embedded frame';
  if (!policy.isAppUrl(frame.url)) return 'the request came from a page that is not part of Assay';
  return null;
}

/**
 * One handler per contract operation: check the sender, then the shared dispatch parses the input with zod,
 * runs the core and checks the output. Every outcome is a Result; nothing throws across IPC.
 * Returns a function that removes the handlers again.
 */
export function registerIpcHandlers(ipc: IpcMainLike, handlers: CoreHandlers, policy: SenderPolicy): () => void {
  for (const name of operationNames) {
    ipc.handle(channelOf(name), async (event, ...args): Promise<Result<unknown>> => {
      const problem = senderProblem(event, policy);
      if (problem !== null) return fail('forbidden', `Assay refused ${name}: ${problem}.`);
      if (args.length > 1) return fail('invalid_input', `The request for ${name} was malformed.`, 'expected a single argument');
      return dispatch(handlers, name, args[0]);
    });
  }
  return () => {
    for (const name of operationNames) ipc.removeHandler(channelOf(name));
  };
}

export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Core events go to every live window on the one event channel. */
export function forwardCoreEvents(
  events: { on(listener: (event: AppEvent) => void): () => void },
  targets: () => readonly EventSink[],
): () => void {
  return events.on((event) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event);
    }
  });
}
