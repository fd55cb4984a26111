import { Writable } from "node:stream";
import type { Logger } from "pino";
import { serverLog } from "../../src/cli/server-log.js";

/** The server's own logger (JSON lines, debug and up), writing into `lines` instead of stdout. */
export async function capturedLog(): Promise<{ log: Logger; lines: string[] }> {
  const lines: string[] = [];
  const log = await serverLog(
    { LOG_FORMAT: "json", LOG_LEVEL: "debug" },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { log, lines };
}
