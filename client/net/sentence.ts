/**
 * A refusal or a closing reason as a person reads it: the sentence alone, without the codes
 * programs use ("refused: wrong-code: That join code…" → "That join code…"; "Could not join
 * match X: …" → "…"). Students never see an internal code (issue 14).
 */
export function sentence(text: string): string {
  let s = text.trim().replace(/^Could not join match [^:]*: /, '');
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(/^[a-z]+(?:-[a-z]+)*: /, '');
  }
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}
