/** `floorwatch <args>` from the sources, as an installer runs it; and the same expecting it to fail. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', ...args]);

/** Runs the command expecting it to fail; its exit code, standard output and error. */
export async function cliFailing(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    await cli(...args);
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  throw new Error(`${args.join(' ')} succeeded, a failure was expected`);
}
