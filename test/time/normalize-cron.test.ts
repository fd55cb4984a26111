import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextCronRun, normalizeCron, previousCronRun } from "../../src/time/index.js";

// Values in and around each field's range, names included, so that both sides are hit.
const ATOMS = [
  ["*", "0", "5", "30", "59", "60"],
  ["*", "0", "2", "3", "9", "23", "24"],
  ["*", "0", "1", "15", "29", "30", "31"],
  ["*", "1", "2", "4", "12", "13", "jan", "feb", "dec"],
  ["*", "0", "1", "5", "7", "8", "mon", "fri", "sun"],
];
const STEPS = ["", "/1", "/2", "/7", "/15", "/0"];

const field = (atoms: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...atoms),
        fc.option(fc.constantFrom(...atoms)),
        fc.constantFrom(...STEPS),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((items) =>
      items
        .map(([from, to, step]) => `${from}${to && from !== "*" ? `-${to}` : ""}${step}`)
        .join(","),
    );

const expression = fc.tuple(...ATOMS.map(field)).map((fields) => fields.join(" "));

const OUR_PROBLEMS =
  /is not a number|is out of range|runs backwards|must be a whole number|is larger than the field|never runs|is not valid/;

describe("normalizeCron and the schedule agree", () => {
  it("every expression it accepts is scheduled; every one it refuses gets a problem in our words", () => {
    fc.assert(
      fc.property(expression, (raw) => {
        const result = normalizeCron(raw);
        if (!result.ok) {
          expect(result.problem).toMatch(OUR_PROBLEMS);
          return;
        }
        for (const zone of ["UTC", "Europe/Berlin", "America/St_Johns"]) {
          const next = nextCronRun(result.cron, new Date("2026-03-28T00:00:00Z"), zone);
          expect(previousCronRun(result.cron, next, zone)).toEqual(next);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
