/** A span of time for people: "45 s", "12 min", "2 h 5 min", "3 days 4 h". */
export function durationWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} days` : `${days} days ${hours % 24} h`;
}

/** A limit given in minutes, in words: "60 minutes", "3 s" for a fraction of a minute. */
export function minutesWords(minutes: number): string {
  if (minutes < 1) return durationWords(minutes * 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
