import { describe, expect, it } from 'vitest';
import { excerpt, insertMention, matchPeople, mentionedIn, mentionQueryAt, splitMentions } from '@/server/domain/mentions';

const sara = { userId: 'u-sara', name: 'Sara Lind' };
const erik = { userId: 'u-erik', name: 'Erik Holm' };
const ann = { userId: 'u-ann', name: 'Ann' };
const annLi = { userId: 'u-annli', name: 'Ann Li' };
const asa = { userId: 'u-asa', name: 'Åsa Öberg' };
const people = [sara, erik, ann, annLi, asa];

describe('mentionQueryAt: the name being typed after "@"', () => {
  it('finds the query from the "@" up to the caret', () => {
    expect(mentionQueryAt('Hi @Sa', 6)).toEqual({ start: 3, query: 'Sa' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
  });

  it('allows spaces inside a name, but a trailing space ends the suggestions', () => {
    expect(mentionQueryAt('ask @Sara L', 11)).toEqual({ start: 4, query: 'Sara L' });
    expect(mentionQueryAt('ask @Sara Lind ', 15)).toBeNull();
    expect(mentionQueryAt('ask @ Sara', 10)).toBeNull();
  });

  it('ignores an "@" inside a word or an email address', () => {
    expect(mentionQueryAt('mail sara@acme', 14)).toBeNull();
  });

  it('stops at a line break and looks only at the text before the caret', () => {
    expect(mentionQueryAt('@Sara\nhello', 11)).toBeNull();
    expect(mentionQueryAt('@Sa and more', 3)).toEqual({ start: 0, query: 'Sa' });
  });

  it('works after an opening bracket', () => {
    expect(mentionQueryAt('(@Er', 4)).toEqual({ start: 1, query: 'Er' });
  });
});

describe('matchPeople', () => {
  it('matches the start of the name or of any word in it, ignoring case', () => {
    expect(matchPeople(people, 'lin').map((p) => p.name)).toEqual(['Sara Lind']);
    expect(matchPeople(people, 'ERIK').map((p) => p.name)).toEqual(['Erik Holm']);
    expect(matchPeople(people, 'öb').map((p) => p.name)).toEqual(['Åsa Öberg']);
  });

  it('lists whole-name matches first, then alphabetically, up to the limit', () => {
    expect(matchPeople(people, 'ann').map((p) => p.name)).toEqual(['Ann', 'Ann Li']);
    expect(matchPeople(people, '', 2)).toHaveLength(2);
  });

  it('finds nobody for a query that matches no one', () => {
    expect(matchPeople(people, 'zed')).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the query with the full name and a space, caret after it', () => {
    const text = 'Hi @sa, see this';
    const result = insertMention(text, { start: 3, query: 'sa' }, 'Sara Lind');
    expect(result.text).toBe('Hi @Sara Lind , see this');
    expect(result.caret).toBe('Hi @Sara Lind '.length);
  });

  it('does not double a space that is already there', () => {
    const result = insertMention('@Er tomorrow', { start: 0, query: 'Er' }, 'Erik Holm');
    expect(result.text).toBe('@Erik Holm tomorrow');
    expect(result.caret).toBe('@Erik Holm '.length);
  });
});

describe('mentionedIn: who is still named in the text', () => {
  it('keeps the people whose "@Name" appears, each once', () => {
    expect(mentionedIn('@Sara Lind and @Erik Holm, and again @Sara Lind', people)).toEqual(['u-sara', 'u-erik']);
  });

  it('drops people whose name was deleted from the text', () => {
    expect(mentionedIn('Nobody named here, only Sara Lind without the at sign', people)).toEqual([]);
  });

  it('prefers the longest name and respects word boundaries', () => {
    expect(mentionedIn('@Ann Li please', [ann, annLi])).toEqual(['u-annli']);
    expect(mentionedIn('@Ann please', [ann, annLi])).toEqual(['u-ann']);
    expect(mentionedIn('@Annika is not Ann', [ann])).toEqual([]);
  });

  it('ignores case and handles Swedish letters', () => {
    expect(mentionedIn('tack @åsa öberg!', people)).toEqual(['u-asa']);
  });

  it('does not treat an email address as a mention', () => {
    expect(mentionedIn('write to x@Sara Lind', people)).toEqual([]);
  });
});

describe('splitMentions: a body as text and mentions', () => {
  it('marks the mentions of the people given and keeps the rest as text', () => {
    expect(splitMentions('Hi @Sara Lind, can you call @Erik Holm?', [sara, erik])).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', text: '@Sara Lind', userId: 'u-sara' },
      { kind: 'text', text: ', can you call ' },
      { kind: 'mention', text: '@Erik Holm', userId: 'u-erik' },
      { kind: 'text', text: '?' },
    ]);
  });

  it('leaves "@Name" of someone not stored as a mention as plain text', () => {
    expect(splitMentions('@Erik Holm hello', [sara])).toEqual([{ kind: 'text', text: '@Erik Holm hello' }]);
  });

  it('returns the whole text when there are no mentions, and nothing for an empty body', () => {
    expect(splitMentions('plain', people)).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(splitMentions('', people)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('keeps short text as it is, with whitespace collapsed', () => {
    expect(excerpt('  Hello\n\n  there  ')).toBe('Hello there');
  });

  it('cuts long text at a word and adds an ellipsis', () => {
    const long = 'word '.repeat(60);
    const result = excerpt(long, 50);
    expect(result.length).toBeLessThanOrEqual(51);
    expect(result.endsWith('word…')).toBe(true);
  });
});
