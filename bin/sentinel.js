#!/usr/bin/env node
// Launcher for the TypeScript CLI: registers tsx so the sources run without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
