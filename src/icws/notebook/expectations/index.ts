export * from './parseExpectations';
export * from './evaluateExpectations';
export * from './MessageWatch';
export { type ExpectedValue, type PathStep, readPath, sameValue, valuesAt } from './valuePath';
export * from './messageTypes';
