/** Asterisk Manager Interface feed: see docs/adapters/asterisk-ami.md. */
export { createAmiAdapter, type AmiAdapterOptions } from './client.js';
export { AmiMapper, type MapResult, type MapOutcome } from './mapping.js';
export { AmiParser, amiMessage, formatAmiMessage, header, headerAll, type AmiItem, type AmiMessage } from './parser.js';
export { agentIdOf, pauseReasonOf, transferTargetOf, type AmiMappingOptions } from './config.js';
export { parseAmiUrl, type AmiEndpoint } from './url.js';
