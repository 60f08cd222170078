/** FreeSWITCH mod_callcenter feed over the event socket: see docs/adapters/freeswitch.md. */
export { AGENTS_QUESTION, CHANNELS_QUESTION, createFreeswitchAdapter, EVENT_SUBSCRIPTION, type FreeswitchAdapterOptions } from './client.js';
export { parseAgentList, parseChannelList, type AgentRow, type ApiReply } from './api-replies.js';
export { FsMapper, fsTimestamp, type FsCall, type FsMappingOptions, type MapResult, type MapOutcome } from './mapping.js';
export { EslParser, eslHeader, formatEslCommand, fsHeader, parseEventPlain, type EslItem, type EslMessage, type FsEvent } from './parser.js';
export { parseEslUrl, type EslEndpoint } from './url.js';
