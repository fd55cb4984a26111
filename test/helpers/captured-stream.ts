import { Writable } from "node:stream";

/** A stream that keeps what is written to it (a command's stdout or stderr). */
export class Captured extends Writable {
  text = "";
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}
