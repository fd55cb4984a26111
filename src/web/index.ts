export {
  DashboardFigures,
  type DashboardFiguresOptions,
  dashboardFigures,
} from "./dashboard-figures.js";
export {
  type DashboardHandler,
  type DashboardOptions,
  dashboardHandler,
} from "./dashboard-handler.js";
export {
  type DashboardSettings,
  type DashboardSwitch,
  dashboardSettings,
} from "./dashboard-settings.js";
