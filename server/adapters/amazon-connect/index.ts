export { createConnectMapper } from './mapping.js';
export type { ConnectMapper, ConnectMapResult, ConnectMappingOptions } from './mapping.js';
export { createConnectWebhook } from './webhook.js';
export type { ConnectWebhook, ConnectWebhookOptions } from './webhook.js';
export { recordKind } from './records.js';
export type { ConnectAgentEvent, ConnectContactRecord } from './records.js';
