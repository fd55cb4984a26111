import { describe, expect, it } from "vitest";
import { createCalendar, releaseDateFromDueOn } from "../../src/time/index.js";

const utc = createCalendar({ timezone: "UTC" });
const utcWithHolidays = createCalendar({ timezone: "UTC", holidays: ["2026-12-25", "2027-01-01"] });
const berlinEveryDay = createCalendar({
  timezone: "Europe/Berlin",
  workdays: [0, 1, 2, 3, 4, 5, 6],
});
const berlin = createCalendar({ timezone: "Europe/Berlin" });
const newYorkEveryDay = createCalendar({
  timezone: "America/New_York",
  workdays: [0, 1, 2, 3, 4, 5, 6],
});
const newYork = createCalendar({ timezone: "America/New_York" });
const berlinCore = createCalendar({
  timezone: "Europe/Berlin",
  coreHours: { start: "09:00", end: "17:00" },
  // Good Friday and Easter Monday 2026
  holidays: ["2026-04-03", "2026-04-06"],
});
const utcCore = createCalendar({ timezone: "UTC", coreHours: { start: "09:00", end: "17:00" } });
const santiago = createCalendar({ timezone: "America/Santiago" });
const sundayToThursday = createCalendar({ timezone: "Asia/Jerusalem", workdays: [0, 1, 2, 3, 4] });

const at = (iso: string) => new Date(iso);

describe("createCalendar", () => {
  it("defaults to UTC and Monday to Friday", () => {
    const calendar = createCalendar({});
    expect(calendar.timezone).toBe("UTC");
    expect(calendar.isBusinessDay("2026-03-06")).toBe(true);
    expect(calendar.isBusinessDay("2026-03-07")).toBe(false);
  });

  it.each([
    [{ timezone: "Mars/Olympus_Mons" }, /Unknown time zone "Mars\/Olympus_Mons"/],
    [{ timezone: "" }, /Unknown time zone/],
    [{ workdays: [] }, /at least one workday/],
    [{ workdays: [7] }, /Invalid workday 7/],
    [{ holidays: ["2026-02-30"] }, /Invalid local date "2026-02-30"/],
    [{ holidays: ["25.12.2026"] }, /Invalid local date/],
    [{ coreHours: { start: "17:00", end: "09:00" } }, /Invalid core hours/],
    [{ coreHours: { start: "9am", end: "17:00" } }, /Invalid core hours/],
  ])("rejects %j", (options, message) => {
    expect(() => createCalendar(options)).toThrow(message);
  });

  it("rejects invalid dates and instants passed to it", () => {
    expect(() => utc.businessDaysBetween("2026-13-01", "2026-03-02")).toThrow(
      /Invalid local date "2026-13-01"/,
    );
    expect(() =>
      utc.businessHoursBetween(new Date(Number.NaN), at("2026-03-02T00:00:00Z")),
    ).toThrow(/Invalid/);
    expect(() => utc.addBusinessDays("2026-03-02", 1.5)).toThrow(/whole number/);
  });
});

describe("isBusinessDay", () => {
  it.each([
    ["UTC Friday", utc, "2026-03-06", true],
    ["UTC Saturday", utc, "2026-03-07", false],
    ["UTC Sunday", utc, "2026-03-08", false],
    ["holiday on a Friday", utcWithHolidays, "2026-12-25", false],
    ["day before a holiday", utcWithHolidays, "2026-12-24", true],
    ["leap day 2028 (Tuesday)", utc, "2028-02-29", true],
    ["Sunday in a Sunday-Thursday week", sundayToThursday, "2026-03-08", true],
    ["Friday in a Sunday-Thursday week", sundayToThursday, "2026-03-06", false],
  ])("%s", (_name, calendar, date, expected) => {
    expect(calendar.isBusinessDay(date)).toBe(expected);
  });
});

describe("businessDaysBetween", () => {
  it.each([
    ["same day", utc, "2026-03-02", "2026-03-02", 0],
    ["Monday to Friday", utc, "2026-03-02", "2026-03-06", 4],
    ["Friday to Monday over a weekend", utc, "2026-03-06", "2026-03-09", 1],
    ["Saturday to Sunday", utc, "2026-03-07", "2026-03-08", 0],
    ["Sunday to Monday", utc, "2026-03-08", "2026-03-09", 1],
    ["reversed: Monday back to Friday", utc, "2026-03-09", "2026-03-06", -1],
    ["March 2026 from Sunday 1st", utc, "2026-03-01", "2026-03-31", 22],
    ["Thursday to Monday over a Friday holiday", utcWithHolidays, "2026-12-24", "2026-12-28", 1],
    ["two weeks with two holidays", utcWithHolidays, "2026-12-21", "2027-01-04", 8],
    ["reversed two weeks with two holidays", utcWithHolidays, "2027-01-04", "2026-12-21", -8],
    ["a holiday alone", utcWithHolidays, "2026-12-24", "2026-12-25", 0],
    ["across the Berlin spring DST change", berlin, "2026-03-27", "2026-03-30", 1],
    ["Sunday-Thursday week, Thursday to Sunday", sundayToThursday, "2026-03-05", "2026-03-08", 1],
    ["a leap year", utc, "2027-12-31", "2028-12-31", 260],
  ])("%s", (_name, calendar, from, to, expected) => {
    expect(calendar.businessDaysBetween(from, to)).toBe(expected);
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["n = 0 on a business day", utc, "2026-03-02", 0, "2026-03-02"],
    ["n = 0 on a Saturday keeps the date", utc, "2026-03-07", 0, "2026-03-07"],
    ["Friday + 1 is Monday", utc, "2026-03-06", 1, "2026-03-09"],
    ["Saturday + 1 is Monday", utc, "2026-03-07", 1, "2026-03-09"],
    ["Monday + 5 is next Monday", utc, "2026-03-02", 5, "2026-03-09"],
    ["Monday - 1 is Friday", utc, "2026-03-09", -1, "2026-03-06"],
    ["Sunday - 1 is Friday", utc, "2026-03-08", -1, "2026-03-06"],
    ["Monday - 5 is last Monday", utc, "2026-03-09", -5, "2026-03-02"],
    ["Thursday + 1 skips a Friday holiday", utcWithHolidays, "2026-12-24", 1, "2026-12-28"],
    ["Monday - 1 skips a Friday holiday", utcWithHolidays, "2026-12-28", -1, "2026-12-24"],
    ["Wednesday + 3 over a holiday weekend", utcWithHolidays, "2026-12-23", 3, "2026-12-29"],
    ["3 business days before 4 Jan 2027", utcWithHolidays, "2027-01-04", -3, "2026-12-29"],
    ["two weeks with two holidays", utcWithHolidays, "2026-12-21", 8, "2027-01-04"],
    ["across the New York autumn DST change", newYork, "2026-10-30", 1, "2026-11-02"],
    ["Thursday + 1 in a Sunday-Thursday week", sundayToThursday, "2026-03-05", 1, "2026-03-08"],
    ["260 business days over a leap year", utc, "2027-12-31", 260, "2028-12-29"],
  ])("%s", (_name, calendar, date, n, expected) => {
    expect(calendar.addBusinessDays(date, n)).toBe(expected);
  });
});

describe("localDate, startOfDay and endOfDay", () => {
  it.each([
    ["UTC", utc, "2026-03-02T23:59:59.999Z", "2026-03-02"],
    ["Berlin, last instant before midnight CET", berlin, "2026-03-28T22:59:59.999Z", "2026-03-28"],
    ["Berlin, midnight on the spring DST day", berlin, "2026-03-28T23:00:00Z", "2026-03-29"],
    ["Berlin, after the spring change", berlin, "2026-03-29T21:59:59Z", "2026-03-29"],
    ["Berlin, next midnight (CEST)", berlin, "2026-03-29T22:00:00Z", "2026-03-30"],
    ["New York, 23:30 EST on the autumn DST day", newYork, "2026-11-02T04:30:00Z", "2026-11-01"],
    ["New York, next midnight (EST)", newYork, "2026-11-02T05:00:00Z", "2026-11-02"],
    ["far from any cached day", berlin, "1999-12-31T23:30:00Z", "2000-01-01"],
  ])("localDate: %s", (_name, calendar, instant, expected) => {
    expect(calendar.localDate(at(instant))).toBe(expected);
  });

  it.each([
    ["UTC", utc, "2026-03-02", "2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z"],
    [
      "Berlin spring DST day (23 h)",
      berlin,
      "2026-03-29",
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
    ],
    [
      "Berlin autumn DST day (25 h)",
      berlin,
      "2026-10-25",
      "2026-10-24T22:00:00.000Z",
      "2026-10-25T23:00:00.000Z",
    ],
    [
      "New York spring DST day (23 h)",
      newYork,
      "2026-03-08",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ],
    [
      "New York autumn DST day (25 h)",
      newYork,
      "2026-11-01",
      "2026-11-01T04:00:00.000Z",
      "2026-11-02T05:00:00.000Z",
    ],
    [
      "Santiago, midnight skipped by DST",
      santiago,
      "2026-09-06",
      "2026-09-06T04:00:00.000Z",
      "2026-09-07T03:00:00.000Z",
    ],
  ])("startOfDay/endOfDay: %s", (_name, calendar, date, start, end) => {
    expect(calendar.startOfDay(date).toISOString()).toBe(start);
    expect(calendar.endOfDay(date).toISOString()).toBe(end);
    expect(calendar.localDate(calendar.startOfDay(date))).toBe(date);
    expect(calendar.localDate(new Date(calendar.endOfDay(date).getTime() - 1))).toBe(date);
  });
});

describe("businessHoursBetween", () => {
  it.each([
    ["Monday, whole day", utc, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", 24],
    ["inside one day", utc, "2026-03-02T10:00:00Z", "2026-03-02T13:30:00Z", 3.5],
    ["Friday noon to Monday noon", utc, "2026-03-06T12:00:00Z", "2026-03-09T12:00:00Z", 24],
    ["a weekend", utc, "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z", 0],
    ["inside a Saturday", utc, "2026-03-07T10:00:00Z", "2026-03-07T12:00:00Z", 0],
    ["equal instants", utc, "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z", 0],
    ["reversed range", utc, "2026-03-03T10:00:00Z", "2026-03-02T10:00:00Z", 0],
    [
      "Thursday to Monday over a Friday holiday",
      utcWithHolidays,
      "2026-12-24T12:00:00Z",
      "2026-12-28T12:00:00Z",
      24,
    ],
    [
      "Berlin spring DST day is 23 h",
      berlinEveryDay,
      "2026-03-28T23:00:00Z",
      "2026-03-29T22:00:00Z",
      23,
    ],
    [
      "Berlin autumn DST day is 25 h",
      berlinEveryDay,
      "2026-10-24T22:00:00Z",
      "2026-10-25T23:00:00Z",
      25,
    ],
    [
      "New York spring DST day is 23 h",
      newYorkEveryDay,
      "2026-03-08T05:00:00Z",
      "2026-03-09T04:00:00Z",
      23,
    ],
    [
      "New York autumn DST day is 25 h",
      newYorkEveryDay,
      "2026-11-01T04:00:00Z",
      "2026-11-02T05:00:00Z",
      25,
    ],
    // 12:00 CET Friday to 12:00 CEST Monday: 71 h on the wall clock
    [
      "Berlin, weekend with the spring change",
      berlin,
      "2026-03-27T11:00:00Z",
      "2026-03-30T10:00:00Z",
      24,
    ],
    // 17:00 EDT Friday to 09:00 EST Monday: 65 h on the wall clock
    [
      "New York, weekend with the autumn change",
      newYork,
      "2026-10-30T21:00:00Z",
      "2026-11-02T14:00:00Z",
      16,
    ],
    ["core hours: before opening", utcCore, "2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z", 0],
    ["core hours: after closing", utcCore, "2026-03-02T17:00:00Z", "2026-03-02T23:00:00Z", 0],
    ["core hours: whole day", utcCore, "2026-03-02T08:00:00Z", "2026-03-02T18:00:00Z", 8],
    ["core hours: inside one day", utcCore, "2026-03-02T10:15:00Z", "2026-03-02T11:45:00Z", 1.5],
    ["core hours: noon to noon", utcCore, "2026-03-02T12:00:00Z", "2026-03-03T12:00:00Z", 8],
    [
      "core hours: Friday 16:00 to Monday 10:00",
      utcCore,
      "2026-03-06T16:00:00Z",
      "2026-03-09T10:00:00Z",
      2,
    ],
    // Friday 16:00 CET to Monday 10:00 CEST
    [
      "core hours: Berlin weekend with the spring change",
      berlinCore,
      "2026-03-27T15:00:00Z",
      "2026-03-30T08:00:00Z",
      2,
    ],
    // Thursday 15:00 CEST to Tuesday 10:00 CEST over Good Friday, the weekend and Easter Monday
    [
      "core hours: Easter weekend and holidays",
      berlinCore,
      "2026-04-02T13:00:00Z",
      "2026-04-07T08:00:00Z",
      3,
    ],
    [
      "core hours: 90 days (13 weeks)",
      utcCore,
      "2026-03-02T00:00:00Z",
      "2026-05-31T00:00:00Z",
      13 * 5 * 8,
    ],
    ["a year of whole days", utc, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 261 * 24],
  ])("%s", (_name, calendar, from, to, expected) => {
    expect(calendar.businessHoursBetween(at(from), at(to))).toBeCloseTo(expected, 9);
  });

  it("adds up over consecutive ranges", () => {
    const [a, b, c, d] = [
      at("2026-03-25T10:00:00Z"),
      at("2026-03-28T23:30:00Z"),
      at("2026-03-30T09:30:00Z"),
      at("2026-04-08T16:59:00Z"),
    ];
    const parts =
      berlinCore.businessHoursBetween(a, b) +
      berlinCore.businessHoursBetween(b, c) +
      berlinCore.businessHoursBetween(c, d);
    expect(parts).toBeCloseTo(berlinCore.businessHoursBetween(a, d), 9);
  });

  it("stays correct when ranges jump far from each other", () => {
    const calendar = createCalendar({ timezone: "Europe/Berlin" });
    expect(
      calendar.businessHoursBetween(at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z")),
    ).toBe(24);
    expect(
      calendar.businessHoursBetween(at("1850-03-04T00:00:00Z"), at("1850-03-05T00:00:00Z")),
    ).toBeCloseTo(24, 9);
    expect(
      calendar.businessHoursBetween(at("2400-03-01T00:00:00Z"), at("2400-03-02T00:00:00Z")),
    ).toBe(24);
    expect(
      calendar.businessHoursBetween(at("2026-03-27T11:00:00Z"), at("2026-03-30T10:00:00Z")),
    ).toBe(24);
  });
});

describe("agrees with a day-by-day and minute-by-minute count", () => {
  const calendars = [
    ["UTC with holidays", utcWithHolidays],
    ["Berlin 09-17 with holidays", berlinCore],
    ["New York", newYork],
    ["Sunday-Thursday", sundayToThursday],
  ] as const;
  const dayMs = 86_400_000;
  const shift = (date: string, days: number) =>
    new Date(Date.parse(date) + days * dayMs).toISOString().slice(0, 10);

  it.each(calendars)("%s: business days and addBusinessDays", (_name, calendar) => {
    const base = "2026-12-10";
    for (let a = 0; a < 40; a += 3) {
      for (let b = 0; b < 40; b += 2) {
        const from = shift(base, a);
        const to = shift(base, b);
        let expected = 0;
        for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++)
          if (calendar.isBusinessDay(shift(base, d))) expected++;
        expect(calendar.businessDaysBetween(from, to)).toBe(a <= b ? expected : -expected);
      }
      for (let n = -12; n <= 12; n++) {
        let d = 0;
        for (let left = Math.abs(n); left > 0; ) {
          d += Math.sign(n);
          if (calendar.isBusinessDay(shift(base, a + d))) left--;
        }
        expect(calendar.addBusinessDays(shift(base, a), n)).toBe(shift(base, a + d));
      }
    }
  });

  it("Berlin 09-17: business hours match a count of 15-minute slots across the spring DST change", () => {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    const slotIsBusiness = (ms: number) => {
      const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      const date = `${p.year}-${p.month}-${p.day}`;
      const minutes = Number(p.hour) * 60 + Number(p.minute);
      return berlinCore.isBusinessDay(date) && minutes >= 9 * 60 && minutes < 17 * 60;
    };
    const slot = 15 * 60_000;
    const start = Date.parse("2026-03-26T00:00:00Z");
    const slots: boolean[] = [];
    for (let i = 0; i < 14 * 96; i++) slots.push(slotIsBusiness(start + i * slot));
    for (let a = 0; a < slots.length; a += 37) {
      for (let b = a; b < slots.length; b += 53) {
        const expected = slots.slice(a, b).filter(Boolean).length / 4;
        expect(
          berlinCore.businessHoursBetween(new Date(start + a * slot), new Date(start + b * slot)),
        ).toBeCloseTo(expected, 9);
      }
    }
  });
});

describe("releaseDateFromDueOn", () => {
  it.each([
    ["07:00Z (midnight PDT)", "2019-10-04T07:00:00Z", "2019-10-04"],
    ["08:00Z (midnight PST)", "2019-12-04T08:00:00Z", "2019-12-04"],
    ["00:00Z (a UTC date)", "2019-10-04T00:00:00Z", "2019-10-04"],
    ["a Date object", new Date("2019-10-04T07:00:00Z"), "2019-10-04"],
    ["a date without time", "2019-10-04", "2019-10-04"],
    ["noon UTC", "2019-10-04T12:00:00Z", "2019-10-04"],
    ["06:59:59Z is still the previous day in Los Angeles", "2019-10-04T06:59:59Z", "2019-10-03"],
    ["08:00Z on the day PST starts", "2019-11-03T07:00:00Z", "2019-11-03"],
  ])("%s", (_name, dueOn, expected) => {
    expect(releaseDateFromDueOn(dueOn)).toBe(expected);
  });

  it("rejects an invalid due date", () => {
    expect(() => releaseDateFromDueOn("soon")).toThrow(/Invalid milestone due date "soon"/);
  });
});
