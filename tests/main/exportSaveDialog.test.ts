import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExportSaveDialog, exportSaveDialogOptions, type SaveDialogOptionsLike } from '../../electron/main/exportSaveDialog';

describe('the save dialog of an export', () => {
  it('suggests the core\'s file name in Downloads, its extension first, and asks before replacing a file', () => {
    const options = exportSaveDialogOptions('preferences.dpo.2026-11-30.jsonl', '/home/ada/Downloads');
    expect(options.defaultPath).toBe(join('/home/ada/Downloads', 'preferences.dpo.2026-11-30.jsonl'));
    expect(options.filters[0]).toEqual({ name: 'JSONL file', extensions: ['jsonl'] });
    expect(options.filters.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('keeps a suggested name inside Downloads, whatever folders it names', () => {
    expect(exportSaveDialogOptions('../../etc/passwd', '/home/ada/Downloads').defaultPath).toBe(join('/home/ada/Downloads', 'passwd'));
  });

  it('answers the absolute path chosen, and null when the dialog was cancelled or gave no absolute path', async () => {
    const shown: SaveDialogOptionsLike[] = [];
    const answers = [
      { canceled: false, filePath: '/home/ada/exports/mine.jsonl' },
      { canceled: true, filePath: '' },
      { canceled: false, filePath: '' },
      { canceled: false, filePath: 'relative.jsonl' },
    ];
    const choose = createExportSaveDialog(
      async (options) => {
        shown.push(options);
        return answers[shown.length - 1]!;
      },
      () => '/home/ada/Downloads',
    );
    expect(await choose('a.jsonl')).toBe('/home/ada/exports/mine.jsonl');
    expect(await choose('a.jsonl')).toBeNull();
    expect(await choose('a.jsonl')).toBeNull();
    expect(await choose('a.jsonl')).toBeNull();
    expect(shown).toHaveLength(4);
  });
});
