/** HTML → PDF with Debian's chromium in headless mode (STACK.md); absent chromium means no PDF, said plainly. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumAvailable(executable = CHROMIUM): boolean {
  return existsSync(executable);
}

export async function htmlFileToPdf(
  htmlFile: string,
  pdfFile: string,
  executable = CHROMIUM,
  timeoutMs = 120_000,
): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'sentinel-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0 && existsSync(pdfFile)) resolve();
        else reject(new Error(`chromium exited with ${code} without writing ${pdfFile}: ${stderr.trim()}`));
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
