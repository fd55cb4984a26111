import { localDateOf } from "./local-date-of.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The local dates a half-open period [since, until) covers, as people write them, the last
 * date included: "1 July – 30 September 2019", "1 – 7 July 2019", "29 December 2019 –
 * 4 January 2020", "3 July 2019" for one day. A period ending at midnight ends the day before.
 */
export function inclusiveDateRange(since: number, until: number, timezone: string): string {
  const [y1, m1, d1] = localDateOf(since, timezone).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  const last = Math.max(since, until - 1);
  const [y2, m2, d2] = localDateOf(last, timezone).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  const month = (m: number) => MONTHS[m - 1] as string;
  if (y1 !== y2) return `${d1} ${month(m1)} ${y1} – ${d2} ${month(m2)} ${y2}`;
  if (m1 !== m2) return `${d1} ${month(m1)} – ${d2} ${month(m2)} ${y2}`;
  if (d1 !== d2) return `${d1} – ${d2} ${month(m2)} ${y2}`;
  return `${d2} ${month(m2)} ${y2}`;
}
