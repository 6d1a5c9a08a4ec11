// Counted nouns in the action's log lines and summary: "1 artifact", "3 artifacts".

export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
