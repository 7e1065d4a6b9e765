/** The code that carries the guarantees, by area (docs/testing.md records each area's mutation score). */
export const mutationAreas = {
  'main-security': {
    mutate: [
      'electron/main/secureWindow.ts',
      'electron/main/sessionHardening.ts',
      'electron/main/sealer.ts',
      'electron/main/externalLinks.ts',
      'electron/main/ipcRegistrars.ts',
    ],
  },
  vault: { mutate: ['electron/core/vault/**/*.ts'] },
  'shared-security': { mutate: ['shared/security/**/*.ts', 'shared/ranking/rankingValidation.ts'] },
  'platform-mutations': { mutate: ['platform/store/mutations.ts'] },
  store: { mutate: ['electron/core/store/**/*.ts'] },
  sync: { mutate: ['electron/core/sync/**/*.ts'] },
};
