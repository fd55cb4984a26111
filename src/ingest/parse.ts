import type { z } from "zod";
import { MalformedPayloadError } from "./context.js";

/** Parses one part of a payload; a mismatch is reported as `path: problem`. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, path: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [path, ...(issue?.path ?? []).map(String)].join(".");
  throw new MalformedPayloadError(`${where}: ${issue?.message ?? "invalid"}`);
}
