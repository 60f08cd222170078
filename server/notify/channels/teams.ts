/** Microsoft Teams webhook (Workflows or classic incoming webhook): any 2xx is delivered. */
import type { ChannelConfig } from '../../../shared/notify.js';
import { teamsBody } from '../templates/teams.js';
import { postJson } from './http-post.js';
import type { Transport } from './types.js';

export const sendTeams: Transport<Extract<ChannelConfig, { kind: 'teams' }>> = async (channel, out, deps) => {
  await postJson(channel.url, JSON.stringify(teamsBody(out.message, out.now)), {}, deps);
};
