/**
 * How many `{` and `[` characters `text` holds, counting no further than `atMost + 1`: an upper bound on its
 * bracket nesting (wherever the brackets are), found with indexOf alone so that the nesting guards can skip
 * their character-by-character walk on the usual file.
 */
export function countOpeningBrackets(text: string, atMost: number): number {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1 && count <= atMost; at = text.indexOf(bracket, at + 1)) count++;
  }
  return count;
}

/** `text` with its first letter in upper case, to start a sentence with a phrase used mid-sentence elsewhere. */
export function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The lines of `text` (without their `\n` or `\r\n`), each with the offset it starts at. */
export function* linesOf(text: string): Generator<{ line: string; offset: number }> {
  let offset = 0;
  for (;;) {
    const end = text.indexOf('\n', offset);
    const raw = end === -1 ? text.slice(offset) : text.slice(offset, end);
    yield { line: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset };
    if (end === -1) return;
    offset = end + 1;
  }
}
