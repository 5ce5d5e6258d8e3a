import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedHtml } from '@/lib/html';

describe('html', () => {
  it('escapes what it is given, in text and in quoted attributes', () => {
    const name = `<img src=x onerror="alert(1)">&'`;
    expect(String(html`<p title="${name}">${name}</p>`)).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;</p>',
    );
  });

  it('puts markup made by html in as it is, joins lists and leaves out what is not there', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    const list = html`<ul>${items}</ul>${null}${undefined}${false}${0}`;
    expect(String(list)).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });

  it('takes code of our own only when it cannot close its element', () => {
    // prettier-ignore
    const style = html`<style>${trustedHtml('a>b{color:red}')}</style>`;
    expect(String(style)).toBe('<style>a>b{color:red}</style>');
    expect(() => trustedHtml('</style><script>alert(1)</script>')).toThrow();
  });

  it('escapes every character that could end a value or start a tag', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
