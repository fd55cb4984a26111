import { Writable } from "node:stream";
import { dryRunTarget, type GitHubTarget } from "../src/github/index.js";

/** A dry-run target that keeps nothing and counts what would have been sent and read. */
export function countingTarget(): GitHubTarget & { writes: number; reads: number } {
  const inner = dryRunTarget(
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
  );
  const counter = {
    writes: 0,
    reads: 0,
    send: (
      write: Parameters<GitHubTarget["send"]>[0],
      options?: Parameters<GitHubTarget["send"]>[1],
    ) => {
      counter.writes += 1;
      return inner.send(write, options);
    },
    read: (path: string, query?: Record<string, string | number>) => {
      counter.reads += 1;
      return inner.read(path, query);
    },
  };
  return counter;
}
