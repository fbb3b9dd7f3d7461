import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Postmortem } from '../parse/model.js';
import { parsePostmortem } from '../parse/postmortem.js';

export interface ParseRequest {
  id: number;
  file: string;
  bytes: Uint8Array;
}

const threadScript = new URL('./parse-thread.js', import.meta.url);
/** The thread runs the compiled script; straight from the TypeScript sources there is none. */
const threadAvailable = existsSync(fileURLToPath(threadScript));

/** Below this size a parse takes a few milliseconds: sending the text to the thread and back would cost more. */
const offThreadBytes = 64 * 1024;

/** A parse still running after this long is stopped and reported, so no buffer holds a core for long. */
export const parseTimeLimitMs = 20_000;

/** A parse given up because a newer version of the buffer came. */
export class Superseded extends Error {}

interface Job extends ParseRequest {
  resolve(postmortem: Postmortem): void;
  reject(error: Error): void;
}

/**
 * Parses large buffers in one long-lived thread, so the server keeps answering while a megabyte
 * of Markdown is read. The thread takes its requests in order; stopping the one it is on (stale
 * or over time) means a new thread, which is given the requests still waiting.
 */
export class ParseThread {
  private worker: Worker | undefined;
  /** Sent to the thread and not answered yet, oldest (the one being parsed) first; `undefined` once cancelled. */
  private sent: Array<Job | undefined> = [];
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(private readonly timeLimitMs = parseTimeLimitMs) {}

  /** Parses a buffer: small ones right here, large ones in the thread. `cancel` gives up a stale one. */
  parse(file: string, bytes: Uint8Array): { result: Promise<Postmortem>; cancel(): void } {
    if (bytes.length < offThreadBytes || !threadAvailable) {
      return { result: Promise.resolve().then(() => parsePostmortem(file, bytes)), cancel: () => undefined };
    }
    let job: Job | undefined;
    const result = new Promise<Postmortem>((resolve, reject) => {
      job = { id: this.nextId++, file, bytes, resolve, reject };
    });
    this.send(job as Job);
    return { result, cancel: () => this.stop(job as Job, new Superseded()) };
  }

  /** Stops the thread and gives up every parse (the server is exiting). */
  dispose(): void {
    for (const job of this.sent) job?.reject(new Superseded());
    this.sent = [];
    this.restart();
  }

  private send(job: Job): void {
    if (!this.worker) {
      this.worker = new Worker(threadScript);
      this.worker.unref();
      this.worker.on('message', ({ id, postmortem }: { id: number; postmortem: Postmortem }) => this.answered(id, postmortem));
      this.worker.on('error', (error) => {
        const running = this.sent[0];
        this.sent.shift();
        running?.reject(error);
        this.restart();
      });
    }
    this.sent.push(job);
    this.worker.postMessage({ id: job.id, file: job.file, bytes: job.bytes } satisfies ParseRequest);
    if (this.sent.length === 1) this.startClock();
  }

  private answered(id: number, postmortem: Postmortem): void {
    const index = this.sent.findIndex((job) => job?.id === id);
    const [job] = this.sent.splice(0, index + 1);
    job?.resolve(postmortem);
    // Next in line is a parse given up meanwhile: a fresh thread skips it.
    if (this.sent.length > 0 && this.sent[0] === undefined) this.restart();
    else this.startClock();
  }

  /** Gives up a job: while the thread is on it, the thread is replaced. */
  private stop(job: Job, error: Error): void {
    const index = this.sent.indexOf(job);
    if (index === -1) return;
    job.reject(error);
    if (index > 0) {
      this.sent[index] = undefined;
      return;
    }
    this.sent.shift();
    this.restart();
  }

  /** A new thread for the jobs still waiting. */
  private restart(): void {
    clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
    const waiting = this.sent.filter((job): job is Job => job !== undefined);
    this.sent = [];
    for (const job of waiting) this.send(job);
  }

  /** Times the job the thread is on now. */
  private startClock(): void {
    clearTimeout(this.timer);
    if (this.sent.length === 0) return;
    this.timer = setTimeout(() => {
      const current = this.sent[0];
      this.sent.shift();
      current?.reject(new Error(`Parsing took longer than ${this.timeLimitMs / 1000} s, expected a postmortem of a reasonable size`));
      this.restart();
    }, this.timeLimitMs);
    this.timer.unref();
  }
}
