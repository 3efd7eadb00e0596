export * from './healthTypes';
export { SessionHealth, HEALTH_UPDATE_MS } from './SessionHealth';
export { type SubscriptionHolder, USER_STATUS_SUBSCRIPTION } from './SubscriptionHealth';
export { operationOf } from './RequestHealth';
