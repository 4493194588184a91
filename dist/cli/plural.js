/** `1 file`, `2 files`: counts read as English, not as `1 files` or `file(s)`. */
export function plural(n, word, many = `${word}s`) {
    return `${n} ${n === 1 ? word : many}`;
}
