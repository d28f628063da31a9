#!/usr/bin/env node
// The `call-courier` command. Node 24 runs this TypeScript file directly.
import { becomeLean, useCompileCache } from './cli/lean-process.ts';

const args = process.argv.slice(2);
// The service runs for days: it starts again lean before the rest of it is loaded. Every
// other command (a PBX hook runs `enqueue` after each call) starts quicker from the cache.
if (args[0] === 'run') becomeLean(import.meta.filename, args);
else useCompileCache();
const { runCli } = await import('./cli/main.ts');
const { processIo } = await import('./cli/io.ts');

process.exitCode = await runCli(args, processIo);
