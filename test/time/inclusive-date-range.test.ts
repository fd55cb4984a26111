import { describe, expect, it } from "vitest";
import { inclusiveDateRange } from "../../src/time/index.js";

const at = (iso: string) => Date.parse(iso);

describe("a period's dates as people count them, the last day included", () => {
  it.each([
    // 2019 Q3 in Shanghai: until is 1 October 00:00, so the last day is 30 September.
    ["2019-06-30T16:00:00Z", "2019-09-30T16:00:00Z", "Asia/Shanghai", "1 July – 30 September 2019"],
    ["2024-07-01T00:00:00Z", "2024-07-08T00:00:00Z", "UTC", "1 – 7 July 2024"],
    // A scheduled week, Monday 09:00 to Monday 09:00 in Berlin: it covers part of the last Monday.
    ["2024-07-08T07:00:00Z", "2024-07-15T07:00:00Z", "Europe/Berlin", "8 – 15 July 2024"],
    ["2019-12-29T00:00:00Z", "2020-01-05T00:00:00Z", "UTC", "29 December 2019 – 4 January 2020"],
    ["2024-07-03T00:00:00Z", "2024-07-04T00:00:00Z", "UTC", "3 July 2024"],
  ])("%s to %s in %s: %s", (since, until, zone, text) => {
    expect(inclusiveDateRange(at(since), at(until), zone)).toBe(text);
  });
});
