import { describe, expect, it } from 'vitest';
import { formText } from '@/lib/form-data';

describe('reading a text field from a posted form', () => {
  it('returns the text as posted, and an empty string for a missing field or a file', () => {
    const form = new FormData();
    form.set('email', ' ann@example.com ');
    form.set('attachment', new File(['x'], 'x.txt'));
    expect(formText(form, 'email')).toBe(' ann@example.com ');
    expect(formText(form, 'missing')).toBe('');
    expect(formText(form, 'attachment')).toBe('');
  });
});
