export { type Area, EXPECTATIONS, type Expectation } from "./catalogue.js";
export {
  type ExpectationFacts,
  type ExpectationResult,
  evaluateExpectations,
  type Verdict,
} from "./evaluate-expectations.js";
export {
  evaluatePersonExpectations,
  type PersonExpectationResult,
  type PersonFacts,
} from "./evaluate-person-expectations.js";
export type { ReleasePullRequest, ReleaseSummary } from "./release-facts.js";
