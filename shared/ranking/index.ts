export * from './blindOrder';
export * from './hash';
export * from './rankingLogic';
export * from './rankingValidation';
export * from './spanAnchors';
export * from './spanCitations';
