#!/usr/bin/env node
// Measures what a hostile request body costs the server (issue 26, item 6); not part of `pnpm bench`.
//
//   node bench/hostile-body.mjs [--bytes 1048576] [--rounds 3] [--modes node,gateway,flagon,flagon-json]
//                               [--framing chunked|trickle]
//   node bench/hostile-body.mjs --normal [--requests 3000]      the ordinary 1 KiB JSON POST, same servers
//   node bench/hostile-body.mjs --scan                          MAX_JSON_DEPTH's scan, in process
//
// The server runs in a child process and reports, per request, the CPU time it spent from the headers'
// arrival to the body's end (`process.cpuUsage()`, all its threads) and how many chunks it was handed.
// This process is the client. Two ways to make the server see a body in 1-byte pieces:
// - `chunked` (default): Transfer-Encoding chunked with 1-byte chunks, written in large writes. Node's
//   parser hands every chunk on as its own 'data' event however the reads fall, so the count is exact
//   and the CPU time is the body path's own, not the kernel's.
// - `trickle`: Content-Length, one byte per write (Nagle off, each write awaited). The server reads
//   what arrived since its last read: how many pieces that makes depends on the machine's load, and
//   the time is mostly the kernel's wake-ups (the count seen is printed).
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'string' },
    bytes: { type: 'string', default: String(1024 * 1024) },
    rounds: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'node,gateway,flagon,flagon-json' },
    normal: { type: 'boolean', default: false },
    framing: { type: 'string', default: 'chunked' },
    scan: { type: 'boolean', default: false },
    requests: { type: 'string', default: '3000' },
  },
});

if (args.serve !== undefined) await serve(args.serve);
else if (args.scan) await measureScan();
else await measure();

// -- the JSON depth scan, in process ----------------------------------------------------------------------

async function measureScan() {
  register();
  const { jsonTooDeep, DEFAULT_MAX_JSON_DEPTH } = await import(
    '../packages/framework/src/http/json-depth.ts'
  );
  const utf8 = new TextEncoder();
  const item = { id: 12345, name: 'a "quoted" name [x]', tags: ['a', 'b', { deep: [1, 2, 3] }], ok: true };
  const normal = utf8.encode(JSON.stringify(Array.from({ length: 10 }, () => item))); // 1001 bytes
  const cases = {
    '1 MiB of [ (refused)': utf8.encode('['.repeat(1024 * 1024)),
    '1 KiB of ordinary JSON': normal,
    '1 MiB of ordinary JSON': utf8.encode(JSON.stringify(Array.from({ length: 9000 }, () => item))),
  };
  console.log(`jsonTooDeep(bytes, ${DEFAULT_MAX_JSON_DEPTH}); JSON.parse of the same text for scale`);
  for (const [name, bytes] of Object.entries(cases)) {
    const text = new TextDecoder().decode(bytes);
    const scanNs = timePerCall(() => jsonTooDeep(bytes, DEFAULT_MAX_JSON_DEPTH));
    const parseNs = timePerCall(() => {
      try {
        JSON.parse(text);
      } catch {}
    });
    const perByte = (scanNs / bytes.length).toFixed(2);
    console.log(
      `${name.padEnd(24)} scan ${(scanNs / 1000).toFixed(2)} us (${perByte} ns/byte), parse ${(parseNs / 1000).toFixed(1)} us`,
    );
  }
}

/** Mean nanoseconds per call of `run`, over enough calls to last ~200 ms after a warm-up. */
function timePerCall(run) {
  for (let i = 0; i < 100; i++) run();
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 200_000_000n) {
    for (let i = 0; i < 10; i++) run();
    calls += 10;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / calls;
}

// -- the server side ------------------------------------------------------------------------------------

async function serve(mode) {
  register();
  const http = await import('node:http');
  const listener = await listenerFor(mode);
  const server = http.createServer(listener);
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

/** Starts the CPU clock at a request's headers; `stop` gives the report the client reads back. */
function meter() {
  const start = process.cpuUsage();
  return (chunks, bytes, extra = {}) => {
    const cpu = process.cpuUsage(start);
    return JSON.stringify({ chunks, bytes, cpuUs: cpu.user + cpu.system, ...extra });
  };
}

async function listenerFor(mode) {
  if (mode === 'node') {
    return (req, res) => {
      const stop = meter();
      let chunks = 0;
      let bytes = 0;
      req.on('data', (chunk) => {
        chunks++;
        bytes += chunk.byteLength;
      });
      req.on('end', () => res.end(stop(chunks, bytes)));
    };
  }
  const { toNodeHandler } = await import('@flagon/gateway');
  const logger = { debug() {}, info() {}, warn() {}, error: console.error };
  if (mode === 'gateway') {
    const app = async (_scope, receive, send) => {
      const stop = meter();
      let chunks = 0;
      let bytes = 0;
      for (;;) {
        const event = await receive();
        if (event.type !== 'http.request') throw new Error(`unexpected ${event.type}`);
        chunks++;
        bytes += event.body.byteLength;
        if (!event.more) break;
      }
      const body = new TextEncoder().encode(stop(chunks, bytes));
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'application/json']],
      });
      await send({ type: 'http.response.body', body });
    };
    return toNodeHandler(app, { logger });
  }
  const { Flagon } = await import('@flagon/framework');
  const app = new Flagon({ maxBodySize: Number.POSITIVE_INFINITY, logger });
  // The chunk count comes from a receive wrapped around the framework's; its cost is one closure call.
  let current = null;
  app.post('/', async (c) => {
    if (mode === 'flagon-json') {
      const data = await c.request.json();
      return current.stop(current.chunks, current.bytes, { kind: typeof data });
    }
    const text = await c.request.text();
    return current.stop(current.chunks, text.length);
  });
  const counted = (scope, receive, send) => {
    if (scope.type !== 'http') return app(scope, receive, send);
    const request = { stop: meter(), chunks: 0, bytes: 0 };
    current = request;
    return app(
      scope,
      () =>
        receive().then((event) => {
          if (event.type === 'http.request') request.chunks++;
          return event;
        }),
      send,
    );
  };
  return toNodeHandler(counted, { logger });
}

// -- the client side ------------------------------------------------------------------------------------

async function measure() {
  const modes = args.modes.split(',');
  const results = {};
  for (const mode of modes) {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', mode], { stdio: 'inherit' });
    const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
    try {
      results[mode] = args.normal ? await normalRun(port) : await hostileRun(port, mode);
    } finally {
      child.disconnect();
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  const base = results.node?.cpuUs;
  const what = args.normal ? 'normal 1 KiB JSON POSTs' : `body of ${args.bytes} bytes, ${args.framing}`;
  console.log(`\n${what}`);
  for (const [mode, r] of Object.entries(results)) {
    const ratio = base ? ` ${(r.cpuUs / base).toFixed(2)}x node` : '';
    const cpu = args.normal ? `${r.cpuUs.toFixed(1)} us per request` : `${(r.cpuUs / 1000).toFixed(1)} ms`;
    const events = args.normal
      ? ''
      : `, ${r.chunks} ${mode === 'node' ? "'data' events" : 'body events to the app'}`;
    console.log(`${mode.padEnd(12)} cpu ${cpu}${events}${ratio}`);
  }
}

function body(mode, size) {
  // A JSON string for the json route, so the same bytes parse; plain letters for the others.
  if (mode !== 'flagon-json') return Buffer.alloc(size, 'a');
  const bytes = Buffer.alloc(size, 'a');
  bytes[0] = 0x22;
  bytes[size - 1] = 0x22;
  return bytes;
}

async function hostileRun(port, mode) {
  const size = Number(args.bytes);
  const payload = body(mode, size);
  const runs = [];
  for (let round = 0; round < Number(args.rounds); round++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise((resolve) => socket.once('connect', resolve));
    const answer = responseOf(socket);
    if (args.framing === 'trickle') {
      await write(socket, `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n`);
      for (let i = 0; i < size; i++) await write(socket, payload.subarray(i, i + 1));
    } else {
      await write(socket, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
      await writeChunked(socket, payload);
    }
    const report = JSON.parse(await answer);
    if (report.bytes !== size && mode !== 'flagon-json')
      throw new Error(`${mode}: got ${report.bytes} bytes`);
    socket.destroy();
    runs.push(report);
    console.log(`${mode} round ${round + 1}: ${JSON.stringify(report)}`);
  }
  runs.sort((a, b) => a.cpuUs - b.cpuUs);
  return runs[runs.length >> 1];
}

async function normalRun(port) {
  const json = JSON.stringify({ name: 'x'.repeat(1000), tags: ['a', 'b'], n: 1 });
  const request = Buffer.from(
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`,
  );
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  let cpuUs = 0;
  const count = Number(args.requests);
  const warmup = Math.min(500, count);
  for (let i = 0; i < warmup + count; i++) {
    const answer = responseOf(socket);
    socket.write(request);
    const report = JSON.parse(await answer);
    if (i >= warmup) cpuUs += report.cpuUs;
  }
  socket.destroy();
  return { cpuUs: cpuUs / count, chunks: 0 };
}

/** The body of the next response on `socket` (Content-Length framed, as every server here answers). */
function responseOf(socket) {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (data) => {
      buffered = Buffer.concat([buffered, data]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buffered.subarray(0, end).toString())?.[1]);
      if (buffered.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve(buffered.subarray(end + 4, end + 4 + length).toString());
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** `payload` as 1-byte chunks (`1\\r\\nX\\r\\n`) and the last chunk, in writes of 64 KiB. */
async function writeChunked(socket, payload) {
  const perWrite = 64 * 1024;
  for (let start = 0; start < payload.length; start += perWrite) {
    const piece = payload.subarray(start, start + perWrite);
    const wire = Buffer.alloc(piece.length * 6);
    for (let i = 0; i < piece.length; i++) {
      wire[i * 6] = 0x31;
      wire[i * 6 + 1] = 0x0d;
      wire[i * 6 + 2] = 0x0a;
      wire[i * 6 + 3] = piece[i];
      wire[i * 6 + 4] = 0x0d;
      wire[i * 6 + 5] = 0x0a;
    }
    await write(socket, wire);
  }
  await write(socket, '0\r\n\r\n');
}

function write(socket, data) {
  return new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
}
