import type { Verdict } from "../expectations/index.js";

/** A verdict as the report's markdown writes it. */
export const VERDICT_MARK: Record<Verdict, string> = {
  met: "✅ met",
  at_risk: "⚠️ at risk",
  missed: "❌ missed",
  not_measured: "➖ not measured",
};
