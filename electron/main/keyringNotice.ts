import type { MessageBoxSyncOptions } from 'electron';

/**
 * Shown when the OS cannot seal the database key (Linux without a keyring). Assay quits rather than keep
 * confidential data under a key anyone with the disk could read; see docs/security.md.
 */
export const keyringNotice = (problem: string, platform: NodeJS.Platform): MessageBoxSyncOptions => ({
  type: 'error',
  title: 'Assay cannot protect your data',
  message: problem,
  detail:
    platform === 'linux'
      ? 'Assay encrypts your work on disk and keeps the key in your desktop keyring. To fix this:\n\n' +
        '• GNOME and most desktops: install GNOME Keyring (sudo apt install gnome-keyring libsecret-1-0), then log out and in again.\n' +
        '• KDE: install and enable KWallet (sudo apt install kwalletmanager).\n' +
        '• If a keyring is installed but not found, start Assay with --password-store=gnome-libsecret (or kwallet5 / kwallet6).\n\n' +
        'Then start Assay again. Nothing was written.'
      : 'Assay encrypts your work on disk and keeps the key in the system keychain, which is not available right now. ' +
        'Sign in to your desktop session normally and start Assay again. Nothing was written.',
  buttons: ['Quit'],
  noLink: true,
});
