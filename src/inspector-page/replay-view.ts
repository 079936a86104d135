// The Replay card: send the delivery again (to the forward target or a typed URL), or an edited body.
import { requestReplay } from './api.js';
import type { DeliveryDetail, ReplayPayload } from './api-types.js';
import { card, el } from './dom.js';
import { describeReplay } from './format.js';
import { state } from './state.js';

export function replayView(detail: DeliveryDetail): HTMLElement {
  const urlInput = el('input', {
    type: 'url',
    id: 'replay-url',
    placeholder: state.forwardUrl ?? 'http://localhost:3000/webhook',
    'aria-label': state.forwardUrl ? 'Replay to this URL (empty: the forward target)' : 'Replay to this URL',
    autocomplete: 'off',
  });
  const result = el('div', { class: 'result', role: 'status', 'aria-live': 'polite', hidden: true });
  const replayButton = el('button', { type: 'button', class: 'primary', text: 'Replay' });
  const editable = detail.body.encoding === 'utf8';
  const editButton = el('button', {
    type: 'button',
    'aria-expanded': 'false',
    disabled: !editable,
    title: editable ? 'Change the body, then replay it (re-signed)' : 'Only text bodies can be edited',
    text: 'Edit body…',
  });
  const textarea = el('textarea', { rows: '14', spellcheck: 'false', 'aria-label': 'Body to replay' });
  textarea.value = detail.body.text;
  const sendEdited = el('button', { type: 'button', class: 'primary', text: 'Replay edited body' });
  const reset = el('button', { type: 'button', text: 'Reset' });
  const editArea = el(
    'div',
    { class: 'edit-area', hidden: true },
    textarea,
    el('div', { class: 'replay-row' }, sendEdited, reset),
  );
  editButton.addEventListener('click', () => {
    const open = editArea.hidden;
    editArea.hidden = !open;
    editButton.setAttribute('aria-expanded', String(open));
    if (open) textarea.focus();
  });
  reset.addEventListener('click', () => {
    textarea.value = detail.body.text;
  });

  const show = (tone: 'ok' | 'bad' | 'pending', text: string) => {
    result.hidden = false;
    result.className = `result ${tone}`;
    result.textContent = text;
  };
  const replay = async (edited: boolean) => {
    const url = urlInput.value.trim();
    if (url === '' && !state.forwardUrl) {
      show('bad', 'Type a URL to replay to (listen has no --forward-to target).');
      urlInput.focus();
      return;
    }
    const payload: ReplayPayload = {};
    if (url !== '') payload.url = url;
    if (edited) payload.body = textarea.value;
    replayButton.disabled = true;
    sendEdited.disabled = true;
    show('pending', `Replaying to ${url || state.forwardUrl}…`);
    try {
      const answer = await requestReplay(detail.id, payload);
      if (!answer.ok) show('bad', `✗ ${answer.error}`);
      else
        show(
          answer.result.ok ? 'ok' : 'bad',
          `${edited ? 'Edited body: ' : ''}${describeReplay(answer.result)}`,
        );
    } catch (error) {
      show('bad', `✗ the inspector did not answer: ${(error as Error).message}`);
    } finally {
      replayButton.disabled = false;
      sendEdited.disabled = false;
    }
  };
  replayButton.addEventListener('click', () => replay(false));
  sendEdited.addEventListener('click', () => replay(true));
  urlInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') replay(false);
  });

  const note = state.forwardUrl
    ? `Sends it again to ${state.forwardUrl}, or to the URL you type, with send's retries; re-signed when listen verifies signatures.`
    : 'listen has no --forward-to target: type the URL to replay to. Sent with retries; re-signed when listen verifies signatures.';
  return card(
    'Replay',
    null,
    el('div', { class: 'replay-row' }, urlInput, replayButton, editButton),
    editArea,
    result,
    el('p', { class: 'note', text: note }),
  );
}
