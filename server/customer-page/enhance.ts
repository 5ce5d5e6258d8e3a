import 'server-only';
import { html, trustedHtml } from '@/lib/html';

/**
 * What JavaScript adds to the customer's form, which works completely without it: the optional
 * questions wait until a level is chosen (one tap, then the rest), a send without a level says
 * so next to the levels instead of going to the server, and a second tap on "send" while the
 * first is under way does nothing. Every message is already in the page, in its language.
 *
 * It runs in the browser as the text of this function (see `answerFormScript`), so it must use
 * nothing from outside its own body.
 */
function enhanceAnswerForm() {
  const form = document.querySelector<HTMLFormElement>('form[data-answer-form]');
  if (!form) return;
  const more = document.getElementById('more');
  const levelError = document.getElementById('level-error');
  const question = document.getElementById('question');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const radios = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="level"]'));
  const chosen = () => radios.some((radio) => radio.checked);
  const idleLabel = button?.textContent ?? '';
  let sending = false;

  // The fieldset is described by the message only while it shows: a hidden one would still be read out.
  function showLevelError(show: boolean) {
    if (!levelError || !question) return;
    levelError.hidden = !show;
    const others = (question.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== levelError.id);
    question.setAttribute('aria-describedby', (show ? [levelError.id, ...others] : others).join(' '));
  }

  // Shown from the start when there is something to see in it: a previous answer or a refused one.
  if (more && !chosen() && !form.hasAttribute('data-refused')) more.hidden = true;

  form.addEventListener('change', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || target.name !== 'level') return;
    showLevelError(false);
    if (more) more.hidden = false;
  });

  form.addEventListener('submit', (event) => {
    if (sending) {
      event.preventDefault();
      return;
    }
    if (!chosen()) {
      event.preventDefault();
      showLevelError(true);
      radios[0]?.focus();
      return;
    }
    sending = true;
    if (button) {
      button.textContent = form.dataset.sendingLabel ?? idleLabel;
      button.setAttribute('aria-disabled', 'true');
    }
  });

  // Back from the thank-you page, the browser may show this page as it was left: ready to send again.
  window.addEventListener('pageshow', () => {
    sending = false;
    if (button) {
      button.textContent = idleLabel;
      button.removeAttribute('aria-disabled');
    }
  });
}

/** The script element, with this response's nonce (the only way a script runs under the page's CSP). */
export function answerFormScript(nonce: string) {
  return html`<script nonce="${nonce}">
    ${trustedHtml(`(${enhanceAnswerForm.toString()})()`)};
  </script>`;
}
