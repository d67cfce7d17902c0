#!/usr/bin/env node
// The `delib` command. TypeScript sources run through tsx (ADR 0001): no build step for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
