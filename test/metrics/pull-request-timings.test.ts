import { describe, expect, it } from "vitest";
import {
  indexActivity,
  pullRequestCounts,
  pullRequestTimings,
  quantile,
} from "../../src/metrics/index.js";
import { context, period, sla, week } from "./week-scenario.js";

const index = indexActivity(week, context.bots);

describe("pullRequestCounts", () => {
  it("counts people's PRs, and bots' apart", () => {
    expect(pullRequestCounts(index, period)).toEqual({
      opened: 7, // #1-#4, #6-#8
      merged: 3, // #2, #3, #6
      closed_unmerged: 0,
      open: 4, // #1, #4, #7, #8
      opened_by_bots: 1, // #5
    });
  });
});

describe("pullRequestTimings (the week scenario, worked by hand)", () => {
  const timings = pullRequestTimings(index, context, sla.first_review_business_hours);

  it("time to first review: ready time to the first review by someone else, draft time left out", () => {
    // #1 Mon 09:00 -> bob 15:00 = 6 h (the bot, config bot and author reviews before it do not count)
    // #2 Mon 09:30 -> bob Tue 14:00 = 7.5 h + 5 h = 12.5 h (28.5 h wall)
    // #4 Wed 09:00 -> ivan Fri 11:00 = 2 h + 2 h, draft Wed 11:00 - Fri 09:00 left out (4 h wall)
    // #6 Mon 09:00 -> kate 11:00 = 2 h; #3 closed unreviewed; #7 and #8 still waiting.
    expect(timings.time_to_first_review.count).toBe(4);
    expect(timings.time_to_first_review.median_hours).toBeCloseTo(5, 9); // (4 + 6) / 2
    expect(timings.time_to_first_review.p90_hours).toBeCloseTo(10.55, 9); // 6 + 0.7 * 6.5
    expect(timings.time_to_first_review.median_wall_hours).toBeCloseTo(5, 9); // [2, 4, 6, 28.5]
    expect(timings.waiting_for_first_review).toBe(2);
    expect(timings.late_first_reviews).toBe(0); // none beyond 16 h
    expect(pullRequestTimings(index, context, 8).late_first_reviews).toBe(1); // #2 at 12.5 h
  });

  it("ready-to-merge cycle time", () => {
    // #2 Mon 09:30 -> Tue 15:00 = 7.5 + 6 = 13.5 h (29.5 h wall)
    // #3 Mon 08:00 -> Tue 12:00 = 8 + 3 = 11 h (28 h wall), #6 Mon 09:00 -> 12:00 = 3 h
    expect(timings.cycle_time.count).toBe(3);
    expect(timings.cycle_time.median_hours).toBeCloseTo(11, 9);
    expect(timings.cycle_time.p90_hours).toBeCloseTo(13, 9); // 11 + 0.8 * 2.5
    expect(timings.cycle_time.median_wall_hours).toBeCloseTo(28, 9);
  });

  it("merged without approval: none, or only a dismissed one; self-merged apart", () => {
    expect(timings.merged_without_approval).toBe(2); // #3 (no review), #6 (approval dismissed)
    expect(timings.self_merged_without_approval).toBe(1); // #3 by frank
    expect(timings.merged_without_review).toBe(1); // #3
  });

  it("buckets time to first review by the week the PR became ready", () => {
    expect(timings.first_review_by_week).toEqual([
      { week: "2024-07-01", count: 4, median_hours: 5 },
    ]);
  });
});

describe("quantile", () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 5], 0.5, 3],
    [[5, 1], 0.9, 4.6],
    [[3, 1, 2], 0.5, 2],
    [[2, 4, 6, 12.5], 0.9, 10.55],
  ])("%j at %d is %d", (values, q, expected) => {
    const value = quantile(values, q);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 9);
  });
});
