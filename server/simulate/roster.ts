/**
 * Who works on the simulated floor: agent numbers (工号) from 1001, their own stations
 * (S-1001), Chinese names, and teams of about twelve, each led by a shift lead (值班长)
 * who logs in with `role: 'lead'` and supervises rather than takes calls.
 */
import type { Random } from './random.js';

export interface AgentProfile {
  agentId: string;
  name: string;
  stationId: string;
  teamId: string;
  role: 'agent' | 'lead';
}

export const TEAM_SIZE = 12;
/** A team this small has no lead of its own: every member takes calls. */
const MIN_TEAM_WITH_LEAD = 4;
const FIRST_AGENT_NUMBER = 1001;

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高',
  '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁',
  '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟',
] as const;
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞',
  '平', '刚', '英', '华', '兰', '萍', '鹏', '辉', '玲', '丹', '雪', '琳', '晨', '欣', '怡', '婷', '雨', '佳',
  '慧', '颖', '思', '宇', '浩', '然', '涵', '萱', '博', '文', '悦', '诗', '梦', '瑶', '晓', '峰', '倩', '凯',
] as const;

export function chineseName(rng: Random): string {
  const given = rng.chance(0.6) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

/** Team ids like `team-01`; contiguous agent numbers per team, the first one the lead. */
export function buildRoster(count: number, rng: Random): AgentProfile[] {
  const teams = Math.max(1, Math.round(count / TEAM_SIZE));
  const roster: AgentProfile[] = [];
  let next = 0;
  for (let t = 0; t < teams; t++) {
    // Spread the remainder so team sizes differ by one at most.
    const size = Math.floor(count / teams) + (t < count % teams ? 1 : 0);
    const teamId = `team-${String(t + 1).padStart(2, '0')}`;
    for (let i = 0; i < size; i++, next++) {
      const agentId = String(FIRST_AGENT_NUMBER + next);
      roster.push({
        agentId,
        name: chineseName(rng),
        stationId: `S-${agentId}`,
        teamId,
        role: i === 0 && size >= MIN_TEAM_WITH_LEAD ? 'lead' : 'agent',
      });
    }
  }
  return roster;
}

/**
 * Spare seats (the training room) where a borrowed agent number is used: never another
 * agent's own station, whatever the roster size.
 */
export function spareStation(rng: Random): string {
  return `S-T${String(rng.int(1, 20)).padStart(2, '0')}`;
}

/**
 * The crew that takes over at the shift change: one newcomer per seat of `roster`, on the
 * same station and team and in the same role (the incoming lead sits at the lead's desk),
 * numbered on from the last agent number of the first crew.
 */
export function reliefRoster(roster: readonly AgentProfile[], rng: Random): AgentProfile[] {
  return roster.map((p, i) => ({
    agentId: String(FIRST_AGENT_NUMBER + roster.length + i),
    name: chineseName(rng),
    stationId: p.stationId,
    teamId: p.teamId,
    role: p.role,
  }));
}
