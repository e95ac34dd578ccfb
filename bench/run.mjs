#!/usr/bin/env node
// `pnpm bench` entry point. The harness is TypeScript like the rest of the repo; tsx's loader hook
// runs it without a build step (the contenders are started with the same loader).
import { register } from 'tsx/esm/api';

register();
await import('./harness/cli.ts');
