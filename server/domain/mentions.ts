/**
 * @mentions in comments. A comment's body is plain text in which a mention is written as
 * "@" followed by the person's name ("@Sara Lind, can you ..."); which people were meant is
 * stored beside it as user ids, picked from an autocomplete. These functions find the word being
 * typed after "@", insert a picked name, tell which picked people are still named in the text,
 * and split a body into text and mentions for display. Pure: no I/O.
 */

export const COMMENT_MAX = 5000;
/** More people than anyone names in one comment; a bound on the notifications one comment can send. */
export const MAX_MENTIONS = 50;
/** Names are looked up this far back from the caret; no real name is longer. */
const MAX_QUERY_LENGTH = 40;

export interface MentionablePerson {
  userId: string;
  name: string;
}

export type CommentSegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; userId: string };

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** "@" starts a mention at the start of the text or after a space or an opening bracket/quote, never inside a word or an email address. */
function canStartMention(text: string, at: number): boolean {
  if (text[at] !== '@') return false;
  const before = at > 0 ? text[at - 1]! : '';
  return before === '' || /[\s([{"'“‘«]/u.test(before);
}

/** A name ends at the end of the text or before anything that is not part of a word. */
function endsAtBoundary(text: string, end: number): boolean {
  return end >= text.length || !WORD_CHAR.test(text[end]!);
}

function fold(text: string): string {
  return text.toLocaleLowerCase('sv').normalize('NFC');
}

/**
 * The mention being typed at the caret: where its "@" is and what follows it so far, or null
 * when the caret is not in one. A query may hold spaces ("@Sara L") but not end in one, so that
 * the suggestions close once a name is complete and the writer types on.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const from = Math.max(0, caret - MAX_QUERY_LENGTH - 1);
  for (let i = caret - 1; i >= from; i--) {
    const char = text[i]!;
    if (char === '\n' || (char === '@' && !canStartMention(text, i))) return null;
    if (char === '@') {
      const query = text.slice(i + 1, caret);
      if (/^\s/u.test(query) || /\s$/u.test(query)) return null;
      return { start: i, query };
    }
  }
  return null;
}

/**
 * People whose name matches what was typed after "@": the whole name or any word of it starts
 * with it, case-insensitively. Whole-name matches come first, then by name.
 */
export function matchPeople<P extends MentionablePerson>(people: readonly P[], query: string, limit = 8): P[] {
  const q = fold(query.trim());
  const scored = people
    .map((person) => {
      const name = fold(person.name);
      if (name.startsWith(q)) return { person, rank: 0 };
      if (name.split(/\s+/u).some((word) => word.startsWith(q))) return { person, rank: 1 };
      return null;
    })
    .filter((entry): entry is { person: P; rank: number } => entry !== null);
  scored.sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name));
  return scored.slice(0, limit).map((entry) => entry.person);
}

/**
 * Replaces the "@query" being typed with "@Full Name " and returns the new text and where the
 * caret goes (after the space, ready for the next word).
 */
export function insertMention(text: string, mention: { start: number; query: string }, name: string): { text: string; caret: number } {
  const end = mention.start + 1 + mention.query.length;
  const rest = text.slice(end);
  const spacer = /^\s/u.test(rest) ? '' : ' ';
  const inserted = `@${name}${spacer}`;
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length + (spacer ? 0 : 1) };
}

/** Every place "@Name" of one of `people` appears, longest names first so "@Ann Li" wins over "@Ann". */
function findMentions<P extends MentionablePerson>(text: string, people: readonly P[]): Array<{ start: number; end: number; person: P }> {
  const byLength = [...people].filter((p) => p.name.trim() !== '').sort((a, b) => b.name.length - a.name.length);
  const found: Array<{ start: number; end: number; person: P }> = [];
  for (let i = 0; i < text.length; i++) {
    if (!canStartMention(text, i)) continue;
    for (const person of byLength) {
      // Compares equal-length slices, so case folding can never shift positions.
      const end = i + 1 + person.name.length;
      if (fold(text.slice(i + 1, end)) === fold(person.name) && endsAtBoundary(text, end)) {
        found.push({ start: i, end, person });
        i = end - 1;
        break;
      }
    }
  }
  return found;
}

/** The ids of `people` who are still named ("@Name") in the text, each once, in order of first mention. */
export function mentionedIn(text: string, people: readonly MentionablePerson[]): string[] {
  return [...new Set(findMentions(text, people).map((m) => m.person.userId))];
}

/** A body as text and mentions, for display: only the people given (those the comment stored) become mentions. */
export function splitMentions(text: string, people: readonly MentionablePerson[]): CommentSegment[] {
  const segments: CommentSegment[] = [];
  let at = 0;
  for (const mention of findMentions(text, people)) {
    if (mention.start > at) segments.push({ kind: 'text', text: text.slice(at, mention.start) });
    segments.push({ kind: 'mention', text: text.slice(mention.start, mention.end), userId: mention.person.userId });
    at = mention.end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}

/** The start of a comment, for a notification: whitespace collapsed, cut at a word near `max` characters. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
