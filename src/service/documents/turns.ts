/**
 * Places for work of which only `limit` may run at once (reading a document, aligning two
 * versions): the others wait their turn in order, and a place freed is handed straight to
 * the next in line, so that no newcomer takes it in between.
 */
export function turns(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    /** How many run, and how many wait. */
    counts: () => ({ running, waiting: waiting.length }),
    /** Runs `work` in a free place; `onQueued` is told its place in line (1: next) when it must wait. */
    async run<T>(work: () => Promise<T>, onQueued?: (position: number) => void): Promise<T> {
      if (running >= limit || waiting.length > 0) {
        // Told before it joins the line, so that a callback that throws leaves no place taken.
        onQueued?.(waiting.length + 1);
        await new Promise<void>((resume) => waiting.push(resume));
      } else running += 1;
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}
