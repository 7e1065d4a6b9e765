/**
 * The code that carries the guarantees, by area, and the tests each area is measured with (docs/testing.md
 * records each area's mutation score). `tests` limits the run to the area's own test files; without it,
 * Vitest runs every test related to the mutated files.
 */
export const mutationAreas = {
  'main-security': {
    mutate: [
      'electron/main/secureWindow.ts',
      'electron/main/sessionHardening.ts',
      'electron/main/sealer.ts',
      'electron/main/externalLinks.ts',
      'electron/main/ipcRegistrars.ts',
    ],
    tests: ['tests/main/**/*.test.ts'],
  },
  vault: { mutate: ['electron/core/vault/**/*.ts'], tests: ['tests/core/vault/**/*.test.ts', 'tests/main/sealer.test.ts', 'tests/core/passphraseGate.test.ts'] },
  'shared-security': {
    mutate: ['shared/security/**/*.ts', 'shared/ranking/rankingValidation.ts'],
    tests: ['tests/shared/**/*.test.ts', 'tests/main/**/*.test.ts'],
  },
  'platform-mutations': { mutate: ['platform/store/mutations.ts'], tests: ['tests/platform/**/*.test.ts'] },
  store: {
    // The files that carry the store's guarantees (atomic saves and submits, the outbox, checkpoints, opening
    // and moving aside a damaged file); the repositories that only read and write rows are left out for time.
    mutate: [
      'electron/core/store/store.ts',
      'electron/core/store/workflow.ts',
      'electron/core/store/outboxRepository.ts',
      'electron/core/store/outboxSyncRepository.ts',
      'electron/core/store/openStore.ts',
      'electron/core/store/moveAside.ts',
      'electron/core/store/database.ts',
      'electron/core/store/draftRepository.ts',
    ],
    tests: ['tests/core/store/**/*.test.ts'],
  },
  // The outcomes of outbox entries: store code that only the sync tests exercise.
  'store-outbox-sync': { mutate: ['electron/core/store/outboxSyncRepository.ts'], tests: ['tests/core/sync/**/*.test.ts', 'tests/core/store/outboxOutcomes.test.ts'] },
  sync: {
    mutate: ['electron/core/sync/push.ts', 'electron/core/sync/pull.ts', 'electron/core/sync/applyChanges.ts', 'electron/core/sync/backoff.ts'],
    tests: ['tests/core/sync/**/*.test.ts'],
  },
  // When an app takes an update: versions, channels, staged rollout, schedule, restart offer, manifests.
  updates: {
    mutate: ['shared/updates/updatePolicy.ts', 'shared/updates/latestYml.ts', 'electron/core/updates/updateService.ts'],
    tests: ['tests/shared/updates/**/*.test.ts', 'tests/core/updates/updateService.test.ts'],
  },
};
