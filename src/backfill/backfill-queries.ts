import { loadQuery } from "./load-query.js";

let loaded: { page: string; timeline: string; comments: string; item: string } | undefined;

/** The backfill's GraphQL documents, read when first needed so other commands never depend on them. */
export function backfillQueries() {
  loaded ??= {
    page: loadQuery("repository-page"),
    timeline: loadQuery("pull-request-timeline"),
    comments: loadQuery("issue-comments"),
    item: loadQuery("item"),
  };
  return loaded;
}
