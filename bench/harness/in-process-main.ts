/**
 * A measuring process of the in-process run: `in-process-main.ts <contender file> <scenario id>`,
 * started with an IPC channel. It imports the contender (which then listens on nothing), checks its
 * answer and says `ready` (or sends the mismatches), then runs each warm-up and batch the harness asks
 * for. One contender per process: code loaded beside another app's runs on call sites already shaped
 * by it, and measures slower.
 */
import type { CreateListener } from '../contenders/listening.js';
import { answerMismatches } from './answer-check.js';
import { answerInProcess, type InProcessJob, type InProcessReply, RequestTimer } from './in-process.js';
import { preparedRequest } from './prepared-request.js';
import { SCENARIOS } from './scenarios.js';

const reply = (message: InProcessReply) => process.send?.(message);

const [file, scenarioId] = process.argv.slice(2);
const scenario = SCENARIOS.find((candidate) => candidate.id === scenarioId);
if (file === undefined || scenario === undefined || process.send === undefined) {
  throw new Error('usage: in-process-main.ts <contender file> <scenario id>, with an IPC channel');
}
const contender = (await import(file)) as { createListener?: CreateListener };
if (contender.createListener === undefined) throw new Error(`${file} exports no createListener`);
const listener = await contender.createListener();
// A session scenario's request carries the cookie this contender set in answer to the setup request.
const request = await preparedRequest(scenario, (setup) => answerInProcess(listener, setup));
const mismatches = answerMismatches(scenario.expected, await answerInProcess(listener, request));
const timer = new RequestTimer(listener, request);

// One job at a time: the harness waits for each answer before it sends the next job to anyone.
process.on('message', async (job: InProcessJob) => {
  if ('warmUp' in job) {
    await timer.warmUp(job.warmUp);
    reply({ warm: true });
  } else {
    reply({ measured: true, ...(await timer.measure(job.measure)) });
  }
});
// A contender may keep handles open (timers, a lifespan): the harness going away ends the process.
process.on('disconnect', () => process.exit(0));
reply(mismatches.length > 0 ? { mismatches } : { ready: true });
