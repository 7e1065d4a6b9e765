export * from './rankAgreement';
export * from './krippendorffAlpha';
export * from './fleissKappa';
export * from './firstWrongStep';
export * from './sha256';
export * from './canonicalJson';
export * from './historyChain';
export * from './fieldDiff';
