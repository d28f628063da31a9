#!/usr/bin/env node
// The `call-courier` command. Node 24 runs this TypeScript file directly.
import { runCli } from './cli/main.ts';
import { processIo } from './cli/io.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo);
