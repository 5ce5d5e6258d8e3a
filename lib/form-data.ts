/**
 * A text field of a posted form. A missing field reads as '', and so does a file in its place
 * (only a hand-made post sends one), rather than the text "[object File]".
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
