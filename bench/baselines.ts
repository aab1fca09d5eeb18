/**
 * What the baselines need beyond npm: pandas for the models benchmark (Debian's python3-pandas; PyPI is not
 * reachable). On a fresh machine run as root with apt-get, it is installed; otherwise the benchmark that needs
 * it is reported as not run, with the command that installs it — never a crash.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEBIAN_PYTHON = '/usr/bin/python3';
const INSTALL = 'apt-get install -y python3-pandas';

const hasPandas = (): boolean =>
  existsSync(DEBIAN_PYTHON) && spawnSync(DEBIAN_PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;

const isRootWithApt = (): boolean =>
  process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

/** Null when pandas is there (installed now if it can be); else why not, with the command to run. */
export function ensurePandas(say: (line: string) => void): string | null {
  if (hasPandas()) return null;
  if (!isRootWithApt()) return `pandas is not installed for ${DEBIAN_PYTHON}; install it with: sudo ${INSTALL}`;
  say(`installing Debian's python3-pandas for the pandas baseline (${INSTALL})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const steps = [
    ['apt-get', [...lock, 'update', '-qq']],
    ['apt-get', [...lock, 'install', '-y', '-qq', 'python3-pandas']],
  ] as const;
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0)
      return `could not install python3-pandas (${cmd} ${args.join(' ')}: ${r.stderr.trim().slice(-300)})`;
  }
  return hasPandas() ? null : `python3-pandas was installed but ${DEBIAN_PYTHON} cannot import pandas`;
}
