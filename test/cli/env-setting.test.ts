import { describe, expect, it } from "vitest";
import { positiveIntegerSetting } from "../../src/cli/env-setting.js";
import { UsageError } from "../../src/cli/usage-error.js";

describe("positive whole-number settings (FAILED_DELIVERY_RETENTION_DAYS, BACKFILL_DAYS, ...)", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    [" 14 ", 14],
    ["1", 1],
  ])("%j is %j", (value, expected) => {
    expect(
      positiveIntegerSetting(
        { FAILED_DELIVERY_RETENTION_DAYS: value },
        "FAILED_DELIVERY_RETENTION_DAYS",
      ),
    ).toBe(expected);
  });

  it.each(["0", "-3", "2.5", "14d", "two weeks", "1e3", "0x10", "99999999999999999999"])(
    "%j is a start-up error naming the variable",
    (value) => {
      const call = () =>
        positiveIntegerSetting(
          { FAILED_DELIVERY_RETENTION_DAYS: value },
          "FAILED_DELIVERY_RETENTION_DAYS",
        );
      expect(call).toThrow(UsageError);
      expect(call).toThrow(
        `FAILED_DELIVERY_RETENTION_DAYS: "${value}" is not a positive whole number; set one, or leave it unset for the default`,
      );
    },
  );
});
