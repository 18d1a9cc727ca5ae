/** "Did you mean": the candidates close to a mistyped word (options, rule ids). */

/**
 * The candidates closest to `word` (in the candidates' order), at most `max`: those at the smallest edit distance
 * (ignoring case) found within a third of the word's length (at least 1, at most 3).
 */
export function closeMatches(word: string, candidates: readonly string[], max: number = 5): string[] {
  const w = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  const scored: Array<{ candidate: string; distance: number; order: number }> = [];
  candidates.forEach((candidate, order) => {
    const distance = editDistance(w, candidate.toLowerCase(), limit);
    if (distance <= limit) scored.push({ candidate, distance, order });
  });
  const best = Math.min(...scored.map(s => s.distance));
  return scored.filter(s => s.distance === best).slice(0, max).map(s => s.candidate);
}

/** Optimal string alignment distance (Levenshtein with transpositions); anything above `limit` is limit + 1. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return Math.min(rows[a.length][b.length], limit + 1);
}
