import { describe, expect, it } from "vitest";
import {
  durationSetting,
  positiveIntegerSetting,
  secretSetting,
} from "../../src/cli/env-setting.js";
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

describe("REDELIVERY_INTERVAL, a duration", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["5m", 300_000],
    [" 60s ", 60_000],
    ["1h", 3_600_000],
    ["30s", 30_000],
  ])("%j is %j ms", (value, expected) => {
    expect(durationSetting({ REDELIVERY_INTERVAL: value }, "REDELIVERY_INTERVAL", 30_000)).toBe(
      expected,
    );
  });

  it.each(["5", "10s", "0m", "5 m", "-1m", "1.5m", "5min", "1d", "9999999h"])(
    "%j is a start-up error naming the variable",
    (value) => {
      const call = () =>
        durationSetting({ REDELIVERY_INTERVAL: value }, "REDELIVERY_INTERVAL", 30_000);
      expect(call).toThrow(UsageError);
      expect(call).toThrow(
        `REDELIVERY_INTERVAL: "${value}" is not a duration of at least 30 seconds such as 90s, 5m or 1h`,
      );
    },
  );
});

describe("METRICS_TOKEN, a secret", () => {
  it("is off when unset, kept when long enough, and a start-up error when short", () => {
    expect(secretSetting({}, "METRICS_TOKEN", 16)).toBeUndefined();
    expect(secretSetting({ METRICS_TOKEN: " " }, "METRICS_TOKEN", 16)).toBeUndefined();
    expect(secretSetting({ METRICS_TOKEN: "0123456789abcdef" }, "METRICS_TOKEN", 16)).toBe(
      "0123456789abcdef",
    );
    expect(() => secretSetting({ METRICS_TOKEN: "short" }, "METRICS_TOKEN", 16)).toThrow(
      "METRICS_TOKEN is shorter than 16 characters",
    );
  });
});
