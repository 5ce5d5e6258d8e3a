'use client';

import { useTranslations } from 'next-intl';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';
import { cn } from '@/lib/cn';
import { insertMention, matchPeople, mentionQueryAt, type MentionablePerson } from '@/server/domain/mentions';

/**
 * A textarea that suggests teammates after "@". Focus stays in the textarea; the suggestions are
 * a listbox it points at with aria-activedescendant. Arrow keys move, Enter or Tab picks, Esc
 * closes; Ctrl/Cmd+Enter calls `onSubmit`. A live region says how many people match.
 */
export function MentionTextarea({
  value,
  onChange,
  people,
  onSubmit,
  className,
  ...props
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'onSubmit'> & {
  value: string;
  onChange: (value: string) => void;
  people: readonly MentionablePerson[];
  onSubmit: () => void;
}) {
  const t = useTranslations('comments');
  const id = useId();
  const listId = `${id}-mentions`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // The "@" the writer dismissed with Esc: its suggestions stay closed until they type another one.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const query = mentionQueryAt(value, caret);
  const matches = query && query.start !== dismissedAt ? matchPeople(people, query.query, 6) : [];
  const open = matches.length > 0;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  // After inserting a name, put the caret right after it.
  useLayoutEffect(() => {
    if (pendingCaret.current !== null && ref.current) {
      ref.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      setCaret(pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [value]);

  const pick = (person: MentionablePerson) => {
    if (!query) return;
    const next = insertMention(value, query, person.name);
    pendingCaret.current = next.caret;
    setActive(0);
    onChange(next.text);
    ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
      return;
    }
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const by = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + by + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(matches[activeIndex]!);
    } else if (event.key === 'Escape') {
      // Closes the suggestions only; a dialog around this would otherwise close too.
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(query!.start);
    }
  };

  const track = (target: HTMLTextAreaElement) => setCaret(target.selectionStart ?? target.value.length);

  return (
    <div className="relative">
      <textarea
        ref={ref}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => track(e.currentTarget)}
        onClick={(e) => track(e.currentTarget)}
        onSelect={(e) => track(e.currentTarget)}
        onBlur={() => setDismissedAt(query?.start ?? null)}
        onFocus={() => setDismissedAt(null)}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
        className={cn(inputClass, className)}
        {...props}
      />
      <p className="sr-only" aria-live="polite">
        {open ? t('suggestionsAvailable', { count: matches.length }) : ''}
      </p>
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={t('mentionListLabel')}
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-60 overflow-y-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200 sm:right-auto sm:w-72"
        >
          {matches.map((person, index) => (
            <li
              key={person.userId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              // Keep focus in the textarea while clicking a suggestion.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(person)}
              onMouseEnter={() => setActive(index)}
              className={cn(
                'cursor-pointer rounded px-3 py-1.5 text-sm text-slate-900',
                index === activeIndex && 'text-brand-900 bg-brand-50',
              )}
            >
              {person.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
