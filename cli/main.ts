import { isMainThread } from 'node:worker_threads';
import { Command, CommanderError } from 'commander';
import { SentinelError } from '../lib/errors.js';
import { registerIngest } from './ingest.js';
import { registerExport } from './export.js';
import { registerGenerate } from './generate.js';
import { registerBuild } from './build.js';
import { registerDocs } from './docs.js';
import { registerTypes } from './types.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';
import { registerReport } from './report.js';
import { registerDemo } from './demo.js';
import { registerStart } from './start.js';
import { registerAudit } from './audit.js';
import { registerHeaders } from './headers.js';
import { registerDigest } from './digest.js';
import type { CommandContext, GlobalFlags } from './context.js';

/**
 * Each command lives in its own file and registers itself here. Registering is cheap: a command's
 * action loads what it needs (the runner, the pipelines, the server) with `await import(...)` when it
 * runs, so `--help` or a quick refusal does not pay for the modules of every other command.
 */
const COMMANDS: Array<(program: Command, context: () => CommandContext) => void> = [
  registerIngest,
  registerExport,
  registerGenerate,
  registerBuild,
  registerDocs,
  registerTypes,
  registerRun,
  registerServe,
  registerUser,
  registerReport,
  registerStart,
  registerDemo,
  registerAudit,
  registerHeaders,
  registerDigest,
];

export function buildProgram(): Command {
  const program = new Command('sentinel')
    .description('Credit Sentinel 信用风险监测预警平台')
    .option('--data-dir <dir>', 'folder holding all state (default: $SENTINEL_DATA_DIR or ./data/local)')
    .option('--as-of <date>', 'evaluation date YYYY-MM-DD (default: $SENTINEL_AS_OF or today in Asia/Shanghai)')
    .option('--config <file>', 'YAML file deep-merged over sentinel.config.yaml (default: $SENTINEL_CONFIG)')
    .option('--log-level <level>', 'log level for stderr', 'info')
    .showHelpAfterError()
    .exitOverride();
  // The configuration loader (zod, yaml, pino) is loaded before any action runs, not for --help.
  let createContext: ((flags: GlobalFlags) => CommandContext) | undefined;
  program.hook('preAction', async () => {
    createContext ??= (await import('./context.js')).createContext;
  });
  const context = (): CommandContext => {
    if (!createContext) throw new Error('the command context was asked for outside an action');
    return createContext(program.opts<GlobalFlags>());
  };
  for (const register of COMMANDS) register(program, context);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/**
 * Everything the product writes (warehouse and its .wal, builds, audit log, users, run state, reports) is
 * the service user's alone: 0600 files, 0700 folders, from the moment they are created — DuckDB and the
 * libraries create their files themselves, so the mask is set before any of them runs. (A worker
 * thread may not change the mask; the CLI never runs in one.)
 */
export function privateFiles(): void {
  if (isMainThread) process.umask(0o077);
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  privateFiles();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof SentinelError) {
      process.stderr.write(`sentinel: ${e.message}\n`);
      return 1;
    }
    const fsError = fileSystemMessage(e);
    if (fsError) {
      process.stderr.write(`sentinel: ${fsError}\n`);
      return 1;
    }
    process.stderr.write(`sentinel: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

const FS_CODES: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  ENOTDIR: '路径中有一段不是文件夹',
  EISDIR: '应为文件，却是文件夹',
  EACCES: '没有权限',
  EPERM: '没有权限',
  ENOSPC: '磁盘已满',
  EROFS: '文件系统只读',
};

/** A file-system error the operator can fix (a path, a right, a full disk): one line naming the path. */
function fileSystemMessage(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  const what = err?.code ? FS_CODES[err.code] : undefined;
  if (!what) return null;
  return `${what}：${err.path ?? err.message} (${err.code})`;
}
