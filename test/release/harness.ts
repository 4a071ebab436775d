/** Runs npm and the packaged tools in child processes, as a clinic's machine would. */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment without the `npm_*` variables of an outer `npm test` (its lifecycle
 * event, user agent and config), so that npm runs here as it would from a shell.
 */
export function shellEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * A bare environment for a clean machine: the system's `node`, `npm` and `npx` on the
 * PATH and nothing of this project (no NODE_PATH, no node_modules/.bin), a home and npm
 * cache of its own, offline, with no update check, audit or funding message.
 */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    LANG: 'C.UTF-8',
    npm_config_cache: `${home}/.npm`,
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}

export function run(cmd: string, args: string[], cwd: string, env: Record<string, string>, timeout = 120_000): Run {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like `run`, but fails with the command's output unless it exits with 0. */
export function ok(cmd: string, args: string[], cwd: string, env: Record<string, string>, timeout = 120_000): string {
  const r = run(cmd, args, cwd, env, timeout);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
