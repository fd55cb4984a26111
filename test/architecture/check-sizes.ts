import { resolve } from "node:path";
import type { FunctionLikeDeclaration, Node, SourceFile } from "typescript/unstable/ast";
import {
  isCallExpression,
  isFunctionLikeDeclaration,
  isPropertyAssignment,
  isPropertyDeclaration,
  isVariableDeclaration,
} from "typescript/unstable/ast/is";
import { API } from "typescript/unstable/sync";

/** The longest a file under `src/` may be, in lines. */
export const MAX_FILE_LINES = 400;
/** The longest a function may be, in lines, from its first line to its last. */
export const MAX_FUNCTION_LINES = 80;

export interface SizeBreach {
  file: string;
  /** The function (`file:line name`), or null for the file itself. */
  name: string | null;
  lines: number;
}

/** What a function is called where it is written: its name, or what it is assigned or passed to. */
function functionName(node: FunctionLikeDeclaration, source: SourceFile): string {
  const text = (named: Node) => source.text.slice(named.getStart(source), named.end);
  // Declarations, methods and accessors carry their name; arrows and expressions may not.
  const name = (node as { name?: Node }).name;
  if (name) return text(name);
  const parent = node.parent;
  if (
    isVariableDeclaration(parent) ||
    isPropertyAssignment(parent) ||
    isPropertyDeclaration(parent)
  )
    return text(parent.name);
  if (isCallExpression(parent)) return `(passed to ${text(parent.expression)})`;
  return "(anonymous)";
}

/** The breaches of one parsed file, its path written as `file`. */
function breachesOf(file: string, source: SourceFile): SizeBreach[] {
  const breaches: SizeBreach[] = [];
  const line = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const fileLines = line(source.end) + (source.text.endsWith("\n") ? 0 : 1);
  if (fileLines > MAX_FILE_LINES) breaches.push({ file, name: null, lines: fileLines });
  const visit = (node: Node): void => {
    if (isFunctionLikeDeclaration(node) && node.body) {
      const first = line(node.getStart(source));
      const lines = line(node.end) - first + 1;
      if (lines > MAX_FUNCTION_LINES)
        breaches.push({ file, name: `${file}:${first + 1} ${functionName(node, source)}`, lines });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return breaches;
}

/**
 * Every file over MAX_FILE_LINES and every function over MAX_FUNCTION_LINES (declarations,
 * methods, accessors, constructors, arrow functions and function expressions, wherever they are
 * written: assigned, passed or returned), as TypeScript's own parser reads the project's files
 * `files` (paths relative to the directory of `tsconfig`).
 */
export function checkSizes(tsconfig: string, files: readonly string[]): SizeBreach[] {
  const root = resolve(tsconfig, "..");
  const api = new API({ cwd: root });
  try {
    const project = api.updateSnapshot({ openProjects: [resolve(tsconfig)] }).getProjects()[0];
    if (!project) throw new Error(`${tsconfig} opens no project`);
    return files.flatMap((file) => {
      const source = project.program.getSourceFile(resolve(root, file));
      if (!source) throw new Error(`${file} is not part of ${tsconfig}`);
      return breachesOf(file, source);
    });
  } finally {
    api.close();
  }
}

/** A breach as the test names it. */
export function describeBreach(breach: SizeBreach): string {
  return breach.name === null
    ? `${breach.file}: ${breach.lines} lines (at most ${MAX_FILE_LINES})`
    : `${breach.name}: ${breach.lines} lines (at most ${MAX_FUNCTION_LINES})`;
}
