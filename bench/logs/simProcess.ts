// The simulator in a process of its own, so that what is measured in this process is only the client.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface SimProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const cli = path.join(__dirname, '..', '..', 'sim', 'src', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
