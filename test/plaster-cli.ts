import { spawn } from 'node:child_process';

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the real `plaster` command in a child process with only PATH and `env` in its
 * environment, feeds it `stdin`, and collects what it prints and its exit code.
 */
export function runPlaster(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/plaster.js', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
