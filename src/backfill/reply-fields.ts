import { z } from "zod";
import { expecting } from "../config/index.js";

/** Field schemas GitHub's replies are parsed with, each naming what it expected and what came. */

/** `fullDatabaseId` is a BigInt sent as text; the store keys rows by it, so it must be a real id. */
export const databaseId = z
  .string({ error: expecting("a database id") })
  .regex(/^[1-9]\d{0,15}$/, { error: expecting("a database id") })
  .refine((text) => Number.isSafeInteger(Number(text)), { error: expecting("a database id") });

export const positive = (what: string) =>
  z
    .number({ error: expecting(what) })
    .int({ error: expecting(what) })
    .positive({ error: expecting(what) });

export const time = z
  .string({ error: expecting("a date-time") })
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: expecting("a date-time") });

export const text = (what: string) => z.string({ error: expecting(what) });
