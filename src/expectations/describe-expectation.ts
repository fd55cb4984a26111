import type { Expectation } from "./catalogue.js";

export interface SlaHours {
  review_request_business_hours: number;
  first_review_business_hours: number;
  customer_first_response_business_hours: number;
}

/**
 * A catalogue line as a result shows it, with the SLA figures of the config and the business
 * calendar they count in (`businessTime`, e.g. "Mon–Fri, 09:00–17:00, Europe/Berlin") in its
 * target: a change of time zone that moves a response across the SLA is visible in the line.
 */
export function describeExpectation(expectation: Expectation, sla: SlaHours, businessTime: string) {
  return {
    id: expectation.id,
    area: expectation.area,
    text: expectation.text,
    measure: expectation.measure,
    details: expectation.details ?? null,
    rule: expectation.rule ?? null,
    target:
      expectation.target === undefined
        ? null
        : expectation.target
            .replace(/\{sla\.(\w+)\}/g, (_, key: keyof SlaHours) => String(sla[key] ?? "?"))
            .replace("{business_time}", businessTime),
  };
}

/** A line no repository activity shows: not measured, and why. */
export function notMeasurable(expectation: Expectation) {
  return {
    status: "not_measured" as const,
    value: null,
    value_text: "not measurable from GitHub activity",
    ...(expectation.reason ? { reason: expectation.reason } : {}),
  };
}
