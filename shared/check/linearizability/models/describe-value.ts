// How models quote values in explanations: long values (kv states grow with appends) are
// cut in the middle so a sentence stays readable.
const QUOTED_CHARS_MAX = 60;

export function quote(value: string): string {
  const json = JSON.stringify(value);
  if (json.length <= QUOTED_CHARS_MAX) return json;
  const half = Math.floor(QUOTED_CHARS_MAX / 2);
  return `${json.slice(0, half)}…${json.slice(-half)} (${value.length} chars)`;
}
