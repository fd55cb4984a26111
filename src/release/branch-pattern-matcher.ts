const SLASH = 0x2f;
/** What a state's step consumes: a code point (>= 0), or one of these. */
const NO_STEP = -1;
const IN_SEGMENT = -2;
/** What a state stays on while it consumes. */
const STAYS_NOWHERE = 0;
const STAYS_IN_SEGMENT = 1;
const STAYS_ANYWHERE = 2;

type Token = { kind: "char"; code: number } | { kind: "one" | "star" | "globstar" | "slash" };

function tokens(pattern: string): Token[] {
  const result: Token[] = [];
  pattern.split("/").forEach((segment, index) => {
    if (index > 0) result.push({ kind: "slash" });
    if (segment === "**") {
      // `**/**` is one `**`.
      if (result.at(-2)?.kind === "globstar") result.pop();
      else result.push({ kind: "globstar" });
      return;
    }
    for (const character of segment) {
      if (character === "?") result.push({ kind: "one" });
      else if (character !== "*")
        result.push({ kind: "char", code: character.codePointAt(0) as number });
      // `**` inside a segment is one `*`.
      else if (result.at(-1)?.kind !== "star") result.push({ kind: "star" });
    }
  });
  return result;
}

/** One state: what it consumes (moving to the next state), what it stays on, how far it may skip for free. */
interface State {
  step: number;
  stay: typeof STAYS_NOWHERE | typeof STAYS_IN_SEGMENT | typeof STAYS_ANYWHERE;
  skips: (1 | 2)[];
}

function states(pattern: string): State[] {
  const result: State[] = [];
  const add = (step: number, stay: State["stay"], skips: State["skips"]) =>
    result.push({ step, stay, skips });
  const list = tokens(pattern);
  for (let i = 0; i < list.length; i++) {
    const token = list[i] as Token;
    if (token.kind === "char") add(token.code, STAYS_NOWHERE, []);
    else if (token.kind === "one") add(IN_SEGMENT, STAYS_NOWHERE, []);
    else if (token.kind === "star") add(NO_STEP, STAYS_IN_SEGMENT, [1]);
    else if (token.kind === "slash" && list[i + 1]?.kind === "globstar" && i + 2 === list.length) {
      // `prefix/**`: the prefix alone, or anything below it.
      add(SLASH, STAYS_NOWHERE, [2]);
      add(NO_STEP, STAYS_ANYWHERE, [1]);
      i += 1;
    } else if (token.kind === "slash") add(SLASH, STAYS_NOWHERE, []);
    else if (list[i + 1]?.kind === "slash") {
      // `**/rest`: no segments at all, or any number of them, each ending in a slash.
      add(NO_STEP, STAYS_NOWHERE, [1, 2]);
      add(SLASH, STAYS_ANYWHERE, []);
      i += 1;
    } else add(NO_STEP, STAYS_ANYWHERE, [1]);
  }
  add(NO_STEP, STAYS_NOWHERE, []);
  return result;
}

/**
 * One pattern as bit masks over its states (32 to a word): the states that step on a character
 * move one bit up, those that stay keep theirs, skips copy bits one or two up. Every state is
 * followed at once, a few word operations per character.
 */
interface Compiled {
  words: number;
  /** Per code point in the pattern: the states that step on it; `otherStep` for any other. */
  stepOn: Map<number, Uint32Array>;
  otherStep: Uint32Array;
  stayOnSlash: Uint32Array;
  stayOnOther: Uint32Array;
  skipOne: Uint32Array;
  skipTwo: Uint32Array;
  accept: number;
}

function compile(pattern: string): Compiled {
  const list = states(pattern);
  const words = Math.ceil(list.length / 32);
  const mask = () => new Uint32Array(words);
  const set = (bits: Uint32Array, state: number) => {
    bits[state >>> 5] = (bits[state >>> 5] as number) | (1 << (state & 31));
  };
  const otherStep = mask();
  const stayOnSlash = mask();
  const stayOnOther = mask();
  const skipOne = mask();
  const skipTwo = mask();
  const exact = new Map<number, number[]>();
  list.forEach((state, index) => {
    if (state.step === IN_SEGMENT) set(otherStep, index);
    else if (state.step !== NO_STEP)
      exact.set(state.step, [...(exact.get(state.step) ?? []), index]);
    if (state.stay === STAYS_ANYWHERE) set(stayOnSlash, index);
    if (state.stay !== STAYS_NOWHERE) set(stayOnOther, index);
    if (state.skips.includes(1)) set(skipOne, index);
    if (state.skips.includes(2)) set(skipTwo, index);
  });
  const stepOn = new Map<number, Uint32Array>();
  for (const [code, indexes] of exact) {
    // `?` steps on every character but a slash.
    const bits = code === SLASH ? mask() : Uint32Array.from(otherStep);
    for (const index of indexes) set(bits, index);
    stepOn.set(code, bits);
  }
  if (!stepOn.has(SLASH)) stepOn.set(SLASH, mask());
  return {
    words,
    stepOn,
    otherStep,
    stayOnSlash,
    stayOnOther,
    skipOne,
    skipTwo,
    accept: list.length - 1,
  };
}

/** Adds the states reachable by skips, until nothing changes (skips chain at most a few deep). */
function skipAhead(pattern: Compiled, active: Uint32Array): void {
  const { words, skipOne, skipTwo } = pattern;
  let changed = true;
  while (changed) {
    changed = false;
    let carryOne = 0;
    let carryTwo = 0;
    for (let w = 0; w < words; w++) {
      const current = active[w] as number;
      const one = current & (skipOne[w] as number);
      const two = current & (skipTwo[w] as number);
      const next = (current | (one << 1) | carryOne | (two << 2) | carryTwo) >>> 0;
      carryOne = one >>> 31;
      carryTwo = two >>> 30;
      if (next !== current) {
        active[w] = next;
        changed = true;
      }
    }
  }
}

function matches(pattern: Compiled, branch: string): boolean {
  const { words, stepOn, otherStep, stayOnSlash, stayOnOther, accept } = pattern;
  let active = new Uint32Array(words);
  let following = new Uint32Array(words);
  active[0] = 1;
  skipAhead(pattern, active);
  for (const character of branch) {
    const code = character.codePointAt(0) as number;
    const step = stepOn.get(code) ?? otherStep;
    const stay = code === SLASH ? stayOnSlash : stayOnOther;
    let carry = 0;
    let any = 0;
    for (let w = 0; w < words; w++) {
      const current = active[w] as number;
      const stepping = current & (step[w] as number);
      const next = ((stepping << 1) | carry | (current & (stay[w] as number))) >>> 0;
      carry = stepping >>> 31;
      following[w] = next;
      any |= next;
    }
    if (any === 0) return false;
    skipAhead(pattern, following);
    [active, following] = [following, active];
  }
  return (((active[accept >>> 5] as number) >>> (accept & 31)) & 1) === 1;
}

/**
 * Whether a branch name matches any of the patterns, each over the whole name: `*` is any run of
 * characters but `/`, `?` one character but `/`, `**` as a whole segment any number of segments
 * (none too), and everything else itself (dots, brackets and braces included, case counting).
 * Each pattern is compiled once into states that are all followed together, one character at a
 * time, so a match costs at most (pattern length / 32 × name length) steps and never backtracks.
 */
export function branchPatternMatcher(patterns: readonly string[]): (branch: string) => boolean {
  const compiled = patterns.map(compile);
  return (branch) => compiled.some((pattern) => matches(pattern, branch));
}
