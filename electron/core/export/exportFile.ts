import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { AppFailure } from '@shared/domain';

/**
 * The file an export writes, a chunk at a time: the chunks go to a temporary file beside the target (same folder,
 * so the same disk) and `commit` moves it into place in one rename once the last chunk is in. Until then the target
 * is as it was (absent, or the file the person chose to replace); `discard` removes the temporary file.
 */
export interface ExportFile {
  /** The chosen file's name, without its folder. */
  readonly fileName: string;
  /** Bytes written so far. */
  readonly bytes: number;
  write(text: string): void;
  /** Flushes to disk, renames the temporary file onto the target. On failure nothing is left but the target as it was. */
  commit(): void;
  /** Drops what was written; the target is untouched. Safe to call more than once, and after commit (then it does nothing). */
  discard(): void;
}

/** `.<name>.<random>.assay-partial` in the target's folder: hidden on Unix, and never a name the person chose. */
export const temporaryPathFor = (target: string): string =>
  join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.assay-partial`);

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const removeQuietly = (path: string): void => {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
};

/** Makes the rename itself durable where the OS allows opening a folder (not on Windows). */
const syncFolder = (folder: string): void => {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // a folder that cannot be opened for sync: the rename happened; only its durability on power loss is weaker
  }
};

/** Opens the temporary file for `target` (an absolute path the save dialog returned). */
export const openExportFile = (target: string): ExportFile => {
  if (!isAbsolute(target)) throw new AppFailure('invalid_input', 'The export needs a full path to write to.', 'path');
  const fileName = basename(target);
  const temporary = temporaryPathFor(target);
  let fd: number;
  try {
    // 'wx': created new, never an existing file or a link someone left under that name.
    fd = openSync(temporary, 'wx');
  } catch (error) {
    throw new AppFailure('storage_failed', `Assay cannot write to the folder of ${fileName}: ${reason(error)}. Choose another folder.`);
  }
  let state: 'open' | 'committed' | 'discarded' = 'open';
  let bytes = 0;

  const closeFd = (): void => {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  };
  const fail = (what: string, error: unknown): never => {
    closeFd();
    removeQuietly(temporary);
    state = 'discarded';
    throw new AppFailure('storage_failed', `Writing ${fileName} failed (${what}): ${reason(error)}. No file was written.`);
  };
  const mustBeOpen = (): void => {
    if (state !== 'open') throw new AppFailure('conflict', `The export to ${fileName} is already ${state}.`);
  };

  return {
    fileName,
    get bytes() {
      return bytes;
    },
    write(text) {
      mustBeOpen();
      const buffer = Buffer.from(text, 'utf8');
      try {
        let offset = 0;
        while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
      } catch (error) {
        fail('writing', error);
      }
      bytes += buffer.length;
    },
    commit() {
      mustBeOpen();
      try {
        fsyncSync(fd);
        closeSync(fd);
      } catch (error) {
        fail('flushing to disk', error);
      }
      try {
        // Replaces the target in one step (POSIX rename; MoveFileEx with replace on Windows).
        renameSync(temporary, target);
      } catch (error) {
        removeQuietly(temporary);
        state = 'discarded';
        throw new AppFailure('storage_failed', `Saving ${fileName} failed: ${reason(error)}. No file was written.`);
      }
      state = 'committed';
      syncFolder(dirname(target));
    },
    discard() {
      if (state !== 'open') return;
      state = 'discarded';
      closeFd();
      removeQuietly(temporary);
    },
  };
};
