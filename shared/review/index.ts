export * from './rankAgreement';
export * from './krippendorffAlpha';
export * from './fleissKappa';
export * from './firstWrongStep';
