/** `1 file`, `2 files`: counts read as English, not as `1 files` or `file(s)`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
