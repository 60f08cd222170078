export { twilioSignature, verifyTwilioSignature } from './signature.js';
export type { TwilioParams } from './signature.js';
export { createTaskRouterMapper } from './mapping.js';
export type { AgentIdFrom, TaskRouterMapper, TaskRouterMapResult, TaskRouterMappingOptions } from './mapping.js';
export { createTwilioWebhook } from './webhook.js';
export type { TwilioWebhook, TwilioWebhookOptions } from './webhook.js';
