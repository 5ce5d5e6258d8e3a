/*
 * HTML written as template strings, escaped by default: for pages that are sent as plain HTML,
 * without React in the browser (the public customer page). Every interpolated value is escaped
 * unless it is itself the result of `html`; arrays are joined; null, undefined and false render
 * nothing, so `${cond ? html`…` : null}` reads like JSX.
 */

/** Markup that is already safe to put into a page: made only by `html` (or `trustedHtml` for constant code). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Code of our own (a stylesheet, a script) put into the page as it is. Never pass it anything a
 * person typed or the database holds. `</` is refused so that the text cannot close its element.
 */
export function trustedHtml(code: string): SafeHtml {
  if (code.includes('</')) throw new Error('trustedHtml: the code would close its element');
  return new SafeHtml(code);
}
