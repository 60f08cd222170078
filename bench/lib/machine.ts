/** The machine a run was measured on, printed above the table and kept in results.json. */
import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  date: string;
}

export function machineInfo(now: Date): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    date: now.toISOString(),
  };
}

/**
 * Resident memory of a process in bytes, from /proc (Linux), or undefined elsewhere: in all,
 * and split into anonymous memory (heaps, malloc: what a leak grows) and file-backed pages
 * (mapped files and the code: the kernel can drop them).
 */
export interface Resident {
  rss: number;
  anon: number;
  file: number;
  /** The process's threads: a snapshot thread, while it runs, is one more. */
  threads: number;
}

export async function residentOf(pid: number): Promise<Resident | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    const kb = (name: string): number => field(name) * 1024;
    const rss = kb('VmRSS');
    return Number.isNaN(rss) ? undefined : { rss, anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem'), threads: field('Threads') };
  } catch {
    return undefined;
  }
}
