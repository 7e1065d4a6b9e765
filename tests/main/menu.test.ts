import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/main/menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

const build = (isMac: boolean, isDev: boolean) => buildMenuTemplate({ appName: 'Assay', isMac, isDev, showAbout: () => {} });

describe('application menu', () => {
  it('offers reload and developer tools only in development', () => {
    expect(roles(build(false, false))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(build(false, false))).not.toContain('toggleDevTools');
    expect(roles(build(false, true))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has the edit, zoom and fullscreen roles', () => {
    expect(roles(build(false, false))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
  });

  it('has the app menu on macOS only', () => {
    expect(build(true, false)[0]?.label).toBe('Assay');
    expect(roles(build(true, false))).toContain('hideOthers');
    expect(roles(build(false, false))).not.toContain('hideOthers');
  });
});
