#!/usr/bin/env node
// Runs Plaster's TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/main.ts');
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
