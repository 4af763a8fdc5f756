/**
 * The load generator, run as a child process so that it does not share the server's event loop
 * (PGlite runs inside the server's process): GETs a list of paths over keep-alive HTTP with a
 * fixed number of connections, bounded by a request count and a time limit, and reports each
 * request's latency.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export interface LoadJob {
  baseUrl: string;
  token: string;
  /** Request paths, used in order and cycled. */
  paths: string[];
  /** Parallel connections (each sends its next request when the previous answer has arrived). */
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
}

export interface LoadResult {
  /** Per request, in the order sent: index into `paths`, latency in ms, HTTP status (0 on a network error). */
  samples: Array<[pathIndex: number, ms: number, status: number]>;
  wallMs: number;
}

function get(agent: http.Agent, url: URL, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const samples: LoadResult['samples'] = [];
  const started = performance.now();
  const deadline = started + job.maxSeconds * 1000;
  let next = 0;
  const worker = async () => {
    while (next < job.maxRequests && performance.now() < deadline) {
      const index = next++ % job.paths.length;
      const url = new URL(job.paths[index] ?? '/', job.baseUrl);
      const t0 = performance.now();
      const status = await get(agent, url, job.token);
      samples.push([index, performance.now() - t0, status]);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  agent.destroy();
  return { samples, wallMs: performance.now() - started };
}

const thisFile = fileURLToPath(import.meta.url);

/** Runs one job in a fresh child process and returns its samples. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(thisFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => {
      resolve(message as LoadResult);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(job);
  });
}

// As a child: wait for one job, answer with its result.
if (process.send && process.argv[1] === thisFile) {
  process.once('message', (job: LoadJob) => {
    void run(job).then((result) => process.send?.(result));
  });
}
