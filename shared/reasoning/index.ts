export * from './reasoningLogic';
export * from './reasoningValidation';
export * from './calculator';
export * from './extractAnswer';
