export { escapeMarkdown, formatLogin, oneLine, plural } from "./markdown-text.js";
export { GITHUB_BODY_LIMIT, splitMarkdownBody } from "./split-markdown-body.js";
