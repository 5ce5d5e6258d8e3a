import 'server-only';

const css = String.raw;

/**
 * The customer page's whole stylesheet, inlined into its HTML: the page loads nothing else from
 * the app (no Tailwind bundle, no fonts), so it shows at once on a phone on a slow connection.
 * Colours follow the app's palette (Tailwind's slate); `--brand` is the supplier's colour, set per
 * page once its contrast with white is checked.
 */
const STYLES = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  html {
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }
  body {
    margin: 0;
    min-height: 100dvh;
    background: #f8fafc;
    color: #0f172a;
    font:
      16px/1.5 system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif;
  }
  h1,
  h2,
  p,
  figure,
  blockquote,
  fieldset {
    margin: 0;
  }
  fieldset {
    border: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
  }
  a {
    color: var(--brand);
  }
  :focus-visible {
    outline: 2px solid var(--brand);
    outline-offset: 2px;
  }
  [hidden] {
    display: none !important;
  }
  .wrap {
    max-width: 42rem;
    margin: 0 auto;
    padding-left: 1rem;
    padding-right: 1rem;
  }
  .top {
    background: #fff;
    border-top: 4px solid var(--brand);
    border-bottom: 1px solid #e2e8f0;
  }
  .top-row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    min-height: 3.75rem;
  }
  .supplier {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    min-width: 0;
    padding: 0.5rem 0;
    font-weight: 600;
    line-height: 1.25;
  }
  .supplier-name {
    overflow-wrap: anywhere;
  }
  .logo {
    display: block;
    flex-shrink: 0;
    max-height: 2rem;
    max-width: 5.5rem;
    width: auto;
    height: auto;
  }
  @media (min-width: 40rem) {
    .logo {
      max-height: 2.5rem;
      max-width: 8rem;
    }
  }
  .lang {
    flex-shrink: 0;
    border-radius: 0.375rem;
    padding: 0.5rem 0.625rem;
    font-size: 0.875rem;
    font-weight: 500;
    text-decoration: none;
  }
  .lang:hover {
    background: #f1f5f9;
  }
  main {
    padding-top: 1.5rem;
    padding-bottom: 2.5rem;
  }
  .greeting {
    color: #334155;
  }
  .message {
    margin-top: 1rem;
    border-radius: 0.75rem;
    background: #fff;
    padding: 1rem;
    box-shadow: inset 0 0 0 1px #e2e8f0;
  }
  .message figcaption {
    font-size: 0.75rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    color: #475569;
  }
  .message blockquote {
    margin-top: 0.375rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .note {
    margin-top: 1rem;
    border-radius: 0.5rem;
    background: #f0f9ff;
    color: #0c4a6e;
    padding: 0.625rem 0.875rem;
    font-size: 0.875rem;
  }
  .alert {
    margin-top: 1rem;
    border-radius: 0.5rem;
    padding: 0.75rem 0.875rem;
    font-size: 0.9375rem;
  }
  .alert-error {
    background: #fef2f2;
    color: #991b1b;
    box-shadow: inset 0 0 0 1px #fecaca;
  }
  .alert-warning {
    background: #fffbeb;
    color: #78350f;
    box-shadow: inset 0 0 0 1px #fde68a;
  }
  h1,
  .as-h1 {
    font-size: 1.5rem;
    line-height: 1.25;
    font-weight: 650;
    letter-spacing: -0.01em;
    text-wrap: balance;
  }
  .question {
    margin-top: 1.25rem;
  }
  .hint {
    margin-top: 0.5rem;
    color: #475569;
    font-size: 0.9375rem;
  }
  .field-error {
    margin-top: 0.5rem;
    color: #b91c1c;
    font-size: 0.875rem;
    font-weight: 500;
  }
  .levels {
    display: grid;
    gap: 0.625rem;
    margin: 1rem 0 0;
    padding: 0;
    list-style: none;
  }
  .level {
    display: flex;
    align-items: flex-start;
    gap: 0.875rem;
    min-height: 4.5rem;
    border-radius: 0.875rem;
    background: #fff;
    padding: 1rem;
    box-shadow:
      inset 0 0 0 1px #cbd5e1,
      0 1px 2px rgb(15 23 42 / 0.04);
    cursor: pointer;
    transition:
      box-shadow 120ms,
      background-color 120ms;
  }
  .level:hover {
    box-shadow: inset 0 0 0 1px #94a3b8;
  }
  .level:has(:checked) {
    background: color-mix(in srgb, var(--brand) 7%, #fff);
    box-shadow: inset 0 0 0 2px var(--brand);
  }
  .level:has(:focus-visible) {
    outline: 2px solid var(--brand);
    outline-offset: 2px;
  }
  .level input {
    flex-shrink: 0;
    width: 1.375rem;
    height: 1.375rem;
    margin: 0.125rem 0 0;
    accent-color: var(--brand);
  }
  .level input:focus-visible {
    outline: none;
  }
  .level-name {
    display: block;
    font-weight: 600;
    font-size: 1.0625rem;
  }
  .level-text {
    display: block;
    margin-top: 0.125rem;
    color: #475569;
    font-size: 0.9375rem;
  }
  .more {
    margin-top: 2rem;
    border-top: 1px solid #e2e8f0;
    padding-top: 1.5rem;
  }
  h2 {
    font-size: 1.125rem;
    font-weight: 650;
  }
  .more > .hint {
    margin-top: 0.25rem;
  }
  .field {
    margin-top: 1.5rem;
  }
  .label {
    display: block;
    font-weight: 600;
  }
  .field .hint {
    margin-top: 0.125rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.625rem;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    border-radius: 999px;
    background: #fff;
    padding: 0.375rem 0.875rem 0.375rem 0.625rem;
    font-size: 0.9375rem;
    box-shadow: inset 0 0 0 1px #cbd5e1;
    cursor: pointer;
  }
  .chip:has(:checked) {
    background: color-mix(in srgb, var(--brand) 7%, #fff);
    box-shadow: inset 0 0 0 2px var(--brand);
  }
  .chip:has(:focus-visible) {
    outline: 2px solid var(--brand);
    outline-offset: 2px;
  }
  .chip input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--brand);
  }
  .chip input:focus-visible {
    outline: none;
  }
  .input {
    display: block;
    width: 100%;
    margin-top: 0.5rem;
    border: 1px solid #94a3b8;
    border-radius: 0.5rem;
    background: #fff;
    padding: 0.625rem 0.75rem;
    color: inherit;
    font: inherit;
  }
  textarea.input {
    min-height: 6rem;
    resize: vertical;
  }
  .input:focus-visible {
    outline-offset: 0;
    border-color: var(--brand);
  }
  .input[aria-invalid='true'] {
    border-color: #b91c1c;
  }
  .pair {
    display: grid;
    gap: 0 1rem;
  }
  @media (min-width: 40rem) {
    .pair {
      grid-template-columns: 1fr 1fr;
    }
    h1 {
      font-size: 1.75rem;
    }
    main {
      padding-top: 2.5rem;
    }
  }
  .send {
    margin-top: 2rem;
  }
  /* On a phone the button stays in reach while the levels scroll by: one tap, then send. */
  @media (max-width: 39.99rem) {
    .send {
      position: sticky;
      bottom: 0;
      z-index: 1;
      margin: 1.5rem -1rem 0;
      padding: 0.75rem 1rem calc(0.75rem + env(safe-area-inset-bottom));
      background: rgb(248 250 252 / 0.94);
      border-top: 1px solid #e2e8f0;
    }
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 100%;
    min-height: 3rem;
    border: 0;
    border-radius: 0.625rem;
    background: var(--brand);
    padding: 0 1.5rem;
    color: #fff;
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    filter: brightness(0.92);
  }
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .button-quiet {
    background: #fff;
    color: var(--brand);
    box-shadow: inset 0 0 0 1px #cbd5e1;
  }
  @media (min-width: 40rem) {
    .button {
      width: auto;
    }
  }
  .card {
    border-radius: 0.875rem;
    background: #fff;
    padding: 1.5rem;
    box-shadow: inset 0 0 0 1px #e2e8f0;
  }
  .card p {
    margin-top: 0.75rem;
    color: #334155;
  }
  .card .button {
    margin-top: 1.5rem;
  }
  .small {
    font-size: 0.875rem;
    color: #475569;
  }
  .privacy {
    margin-top: 2.5rem;
    font-size: 0.8125rem;
    color: #64748b;
  }
  .preview {
    margin-top: 2.5rem;
  }
  .preview .level {
    cursor: default;
  }
  .preview .level-num {
    flex-shrink: 0;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 0.375rem;
    background: #f1f5f9;
    font-weight: 600;
    font-size: 0.875rem;
  }
  .stack > * + * {
    margin-top: 2.5rem;
  }
`;

/** The stylesheet with the supplier's colour, whitespace folded (it is sent with every page). */
export function customerPageStyles(brandColour: string): string {
  return `:root{--brand:${brandColour}}` + STYLES.replace(/\s+/g, ' ').replace(/ ?([{};:,>]) ?/g, '$1');
}
