/**
 * Contender: the Flagon framework's bench app (`flagon-app.ts`) on Flagon's reference server.
 */
import { benchApp } from './flagon-app.js';
import { runsAsServer } from './listening.js';
import { gatewayListener, serveForBench } from './reference-server.js';

export const createListener = () => gatewayListener(benchApp);

if (runsAsServer(import.meta.url)) await serveForBench(benchApp);
