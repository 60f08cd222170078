/** Starts a baseline script as a child process (through tsx) and reads the port it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface Child {
  url: string;
  pid: number;
  /** What it printed on stderr (the inspector's address when started with --inspect). */
  stderr: () => string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startChild(script: string, nodeFlags: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(Number(line)));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stderr: () => err,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
