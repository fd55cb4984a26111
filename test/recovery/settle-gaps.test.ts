import { describe, expect, it } from "vitest";
import { CLOCK_SLACK_MS, settleGaps } from "../../src/recovery/index.js";
import type { RecordGap } from "../../src/store/index.js";

const H = 3_600_000;
const gap = (overrides: Partial<RecordGap> = {}): RecordGap => ({
  installationId: 1,
  startsAt: 10 * H,
  endsAt: 12 * H,
  reason: "down",
  state: "redelivery",
  openedAt: 12 * H,
  checked: false,
  lastError: null,
  ...overrides,
});

describe("what a redelivery run makes of the open gaps", () => {
  it("closes a gap the list was read over with nothing in it missing", () => {
    expect(settleGaps({ gaps: [gap()], coveredFrom: 9 * H, unsettled: [] })).toEqual({
      close: [gap()],
      update: [],
    });
  });

  it("keeps a gap open, checked, while something sent in it is missing", () => {
    const missing = { installationId: 1, deliveredAt: 11 * H };
    expect(settleGaps({ gaps: [gap()], coveredFrom: 9 * H, unsettled: [missing] })).toEqual({
      close: [],
      update: [gap({ checked: true })],
    });
    // Another installation's missing delivery does not hold it; one without an installation does.
    expect(
      settleGaps({
        gaps: [gap()],
        coveredFrom: 9 * H,
        unsettled: [{ ...missing, installationId: 2 }],
      }).close,
    ).toHaveLength(1);
    expect(
      settleGaps({
        gaps: [gap()],
        coveredFrom: 9 * H,
        unsettled: [{ ...missing, installationId: null }],
      }).close,
    ).toHaveLength(0);
    // Just outside it, beyond the clock slack, does not hold it either.
    expect(
      settleGaps({
        gaps: [gap()],
        coveredFrom: 9 * H,
        unsettled: [{ installationId: 1, deliveredAt: 12 * H + CLOCK_SLACK_MS + 1 }],
      }).close,
    ).toHaveLength(1);
  });

  it("leaves to a catch-up a gap the list does not reach, or no list at all", () => {
    expect(settleGaps({ gaps: [gap()], coveredFrom: 11 * H, unsettled: [] }).update).toEqual([
      gap({ state: "catch_up" }),
    ]);
    expect(settleGaps({ gaps: [gap()], coveredFrom: null, unsettled: [] }).update).toEqual([
      gap({ state: "catch_up" }),
    ]);
    // Checked on an earlier run: the list need not reach it again.
    expect(
      settleGaps({ gaps: [gap({ checked: true })], coveredFrom: 11 * H, unsettled: [] }).close,
    ).toHaveLength(1);
  });

  it("leaves gaps that wait for a catch-up alone", () => {
    const waiting = [gap({ state: "catch_up" }), gap({ state: "failed", lastError: "502" })];
    expect(settleGaps({ gaps: waiting, coveredFrom: 0, unsettled: [] })).toEqual({
      close: [],
      update: [],
    });
  });
});
