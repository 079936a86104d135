// The webhook-cli inspector page. Plain modern JavaScript, no framework, no build step.
// Everything that comes from a delivery reaches the DOM through textContent, text nodes and
// setAttribute; nothing is ever parsed as HTML, so a payload can never become markup.

const state = {
  /** Summaries, newest first. */
  deliveries: [],
  limit: 500,
  forwardUrl: null,
  /** The delivery shown in the detail pane. */
  selectedId: null,
  /** The list item that has (or last had) keyboard focus. */
  activeId: null,
  /** Ids matching the text filter (answered by the server, which can search bodies), or null. */
  textMatches: null,
  /** Ids that just arrived, briefly highlighted. */
  fresh: new Set(),
  detail: null,
  detailToken: 0,
};

const $ = (id) => document.getElementById(id);

/** Builds an element. Props: class, text, on<event>; anything else is set with setAttribute. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour12: false });
}

function formatDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { hour12: false });
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function escapeSegment(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment) {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function shortJson(value, max = 240) {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

// ---------------------------------------------------------------- list

function mark(kind, text, title) {
  return el('span', { class: `mark ${kind}`, title, text });
}

function marksOf(summary) {
  const marks = [];
  if (!summary.accepted)
    marks.push(mark('bad', `rejected ${summary.responseStatus}`, 'The listener refused this request'));
  if (summary.handshake)
    marks.push(mark('warn', 'handshake', `Answered automatically: ${summary.handshake}`));
  const { signature, validation, forward } = summary;
  if (signature) {
    marks.push(
      signature.ok
        ? mark('ok', 'sig ✓', `Signature valid (${signature.scheme})`)
        : mark('bad', 'sig ✗', `Signature failed (${signature.scheme}): ${signature.reason ?? 'invalid'}`),
    );
  }
  if (validation) {
    marks.push(
      validation.ok
        ? mark('ok', 'schema ✓', `Valid against ${validation.schema}`)
        : mark(
            'bad',
            validation.errorCount > 0 ? `schema ✗ ${validation.errorCount}` : 'schema ✗',
            'Schema check failed',
          ),
    );
  }
  if (forward) {
    const label = forward.status === null ? 'error' : String(forward.status);
    marks.push(
      forward.ok
        ? mark('ok', `→ ${label}`, `Forwarded to ${forward.url}`)
        : mark(
            'bad',
            `→ ${label}`,
            `Forward to ${forward.url} failed${forward.error ? `: ${forward.error}` : ''}`,
          ),
    );
  }
  return marks;
}

function statusMatches(summary, status) {
  switch (status) {
    case 'ok':
      return !summary.failed;
    case 'failed':
      return summary.failed;
    case 'signature':
      return summary.signature?.ok === false;
    case 'schema':
      return summary.validation?.ok === false;
    case 'forward':
      return summary.forward !== null && !summary.forward.ok;
    case 'rejected':
      return !summary.accepted;
    default:
      return true;
  }
}

function visibleDeliveries() {
  const event = $('filter-event').value;
  const status = $('filter-status').value;
  return state.deliveries.filter(
    (summary) =>
      (event === '' || (event === '\u0000none' ? summary.event === null : summary.event === event)) &&
      statusMatches(summary, status) &&
      (state.textMatches === null || state.textMatches.has(summary.id)),
  );
}

function renderEventOptions() {
  const select = $('filter-event');
  const current = select.value;
  const events = [
    ...new Set(state.deliveries.map((summary) => summary.event).filter((event) => event !== null)),
  ].sort();
  const options = [el('option', { value: '', text: 'All event types' })];
  for (const event of events) options.push(el('option', { value: event, text: event }));
  if (state.deliveries.some((summary) => summary.event === null)) {
    options.push(el('option', { value: '\u0000none', text: '(no event type)' }));
  }
  if (current !== '' && !events.includes(current) && current !== '\u0000none') {
    options.push(el('option', { value: current, text: current }));
  }
  select.replaceChildren(...options);
  select.value = current;
}

function renderCounts(shown) {
  const total = state.deliveries.length;
  const failed = state.deliveries.filter((summary) => summary.failed).length;
  const parts = [document.createTextNode(plural(total, 'delivery').replace('deliverys', 'deliveries'))];
  parts.push(document.createTextNode(' · '));
  parts.push(el('span', { class: failed > 0 ? 'bad' : '', text: `${failed} failed` }));
  if (shown !== total) parts.push(document.createTextNode(` · ${shown} shown`));
  if (total >= state.limit) parts.push(document.createTextNode(` · keeping the newest ${state.limit}`));
  $('counts').replaceChildren(...parts);
}

function renderItem(summary) {
  const classes = [summary.failed ? 'failed' : '', state.fresh.has(summary.id) ? 'fresh' : '']
    .join(' ')
    .trim();
  return el(
    'div',
    {
      role: 'option',
      class: classes || null,
      'data-id': summary.id,
      tabindex: summary.id === state.activeId ? '0' : '-1',
      'aria-selected': summary.id === state.selectedId ? 'true' : 'false',
      onclick: () => {
        setActive(summary.id, true);
        openDelivery(summary.id);
      },
    },
    el(
      'div',
      { class: 'row' },
      el('span', { class: 'time', text: formatTime(summary.receivedAt) }),
      el('span', { class: 'method', text: summary.method }),
      el('span', { class: 'path', text: summary.path, title: summary.path }),
    ),
    el(
      'div',
      { class: 'row' },
      el('span', { class: summary.event ? 'event' : 'event muted', text: summary.event ?? 'no event type' }),
      el('span', { class: 'size', text: formatSize(summary.size) }),
    ),
    el('div', { class: 'marks' }, marksOf(summary)),
  );
}

let renderQueued = false;
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    renderList();
  });
}

function renderList() {
  const list = $('list');
  const hadFocus = list.contains(document.activeElement);
  const visible = visibleDeliveries();
  if (!visible.some((summary) => summary.id === state.activeId)) state.activeId = visible[0]?.id ?? null;
  list.replaceChildren(...visible.map(renderItem));
  state.fresh.clear();
  $('empty').hidden = visible.length > 0;
  $('empty').textContent =
    state.deliveries.length === 0
      ? 'Waiting for deliveries… send one to the listener and it appears here.'
      : 'No delivery matches the filters.';
  renderEventOptions();
  renderCounts(visible.length);
  if (hadFocus) focusActive();
}

function itemFor(id) {
  for (const item of $('list').children) if (item.dataset.id === id) return item;
  return null;
}

function focusActive() {
  const item = state.activeId === null ? null : itemFor(state.activeId);
  if (item) {
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
  }
}

function setActive(id, focus) {
  const previous = state.activeId === null ? null : itemFor(state.activeId);
  if (previous) previous.tabIndex = -1;
  state.activeId = id;
  const item = itemFor(id);
  if (item) {
    item.tabIndex = 0;
    if (focus) {
      item.focus();
      item.scrollIntoView({ block: 'nearest' });
    }
  }
}

function onListKey(event) {
  const items = [...$('list').children];
  if (items.length === 0) return;
  const index = Math.max(
    0,
    items.findIndex((item) => item.dataset.id === state.activeId),
  );
  let next = null;
  if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(items.length - 1, index + 1);
  else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(0, index - 1);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    if (state.activeId !== null) openDelivery(state.activeId);
    return;
  } else return;
  event.preventDefault();
  setActive(items[next].dataset.id, true);
}

// ---------------------------------------------------------------- text search (server side: it can search bodies)

let searchTimer = null;
let searchToken = 0;
function scheduleSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 150);
}

async function runSearch() {
  const text = $('filter-text').value.trim();
  const token = ++searchToken;
  if (text === '') {
    state.textMatches = null;
    scheduleRender();
    return;
  }
  try {
    const data = await getJson(`/api/deliveries?q=${encodeURIComponent(text)}`);
    if (token !== searchToken) return;
    state.textMatches = new Set(data.deliveries.map((summary) => summary.id));
  } catch {
    state.textMatches = null;
  }
  scheduleRender();
}

// ---------------------------------------------------------------- live stream

function setLive(stateName, text) {
  const live = $('live');
  live.dataset.state = stateName;
  live.textContent = text;
}

function upsert(summary) {
  const index = state.deliveries.findIndex((item) => item.id === summary.id);
  if (index === -1) state.deliveries.unshift(summary);
  else state.deliveries[index] = summary;
  if (state.deliveries.length > state.limit) state.deliveries.length = state.limit;
}

function connect() {
  const source = new EventSource('/api/events');
  source.addEventListener('snapshot', (message) => {
    const data = JSON.parse(message.data);
    state.limit = data.limit;
    state.forwardUrl = data.forwardUrl;
    state.deliveries = data.deliveries;
    setLive('live', 'live');
    if ($('filter-text').value.trim() !== '') scheduleSearch();
    scheduleRender();
  });
  source.addEventListener('delivery', (message) => {
    const { delivery, dropped } = JSON.parse(message.data);
    const gone = new Set(dropped);
    if (gone.size > 0) state.deliveries = state.deliveries.filter((summary) => !gone.has(summary.id));
    upsert(delivery);
    state.fresh.add(delivery.id);
    if ($('filter-text').value.trim() !== '') scheduleSearch();
    scheduleRender();
  });
  source.addEventListener('open', () => setLive('live', 'live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) setLive('down', 'disconnected (reload the page)');
    else setLive('connecting', 'reconnecting…');
  });
}

// ---------------------------------------------------------------- JSON tree

function primitive(value) {
  if (typeof value === 'string') return el('span', { class: 'j-string', text: JSON.stringify(value) });
  if (typeof value === 'number') return el('span', { class: 'j-number', text: String(value) });
  if (typeof value === 'boolean') return el('span', { class: 'j-boolean', text: String(value) });
  return el('span', { class: 'j-null', text: 'null' });
}

/** A collapsible tree; children are built on first expand, so big bodies open fast. */
function buildTree(root) {
  const nodes = new Map();

  function node(value, pointer, key, depth) {
    const li = el('li');
    const line = el('span', { class: 'line', 'data-pointer': pointer });
    const keyParts =
      key === null
        ? []
        : [
            el('span', { class: 'j-key', text: typeof key === 'number' ? String(key) : JSON.stringify(key) }),
            ': ',
          ];
    li.append(line);
    if (value === null || typeof value !== 'object') {
      line.append(el('span', { class: 'spacer' }), ...keyParts, primitive(value));
      nodes.set(pointer, { line, expand() {}, collapse() {} });
      return li;
    }
    const isArray = Array.isArray(value);
    const entries = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
    const summaryText = isArray
      ? `[ ${plural(entries.length, 'item')} ]`
      : `{ ${plural(entries.length, 'key')} }`;
    if (entries.length === 0) {
      line.append(
        el('span', { class: 'spacer' }),
        ...keyParts,
        el('span', { class: 'j-summary', text: isArray ? '[]' : '{}' }),
      );
      nodes.set(pointer, { line, expand() {}, collapse() {} });
      return li;
    }
    const toggle = el('button', {
      type: 'button',
      class: 'toggle',
      'aria-expanded': 'false',
      'aria-label': `Expand ${pointer === '' ? 'the body' : pointer}`,
      text: '▸',
    });
    line.append(toggle, ...keyParts, el('span', { class: 'j-summary', text: summaryText }));
    let children = null;
    const entry = {
      line,
      expand() {
        if (children === null) {
          children = el('ul');
          for (const [childKey, childValue] of entries) {
            children.append(
              node(childValue, `${pointer}/${escapeSegment(String(childKey))}`, childKey, depth + 1),
            );
          }
          li.append(children);
        }
        children.hidden = false;
        toggle.setAttribute('aria-expanded', 'true');
        toggle.textContent = '▾';
      },
      collapse() {
        if (children) children.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
        toggle.textContent = '▸';
      },
    };
    toggle.addEventListener('click', () => {
      if (toggle.getAttribute('aria-expanded') === 'true') entry.collapse();
      else entry.expand();
    });
    nodes.set(pointer, entry);
    if (depth < 2 && entries.length <= 100) entry.expand();
    return li;
  }

  const element = el('div', { class: 'tree' }, el('ul', {}, node(root, '', null, 0)));
  return {
    element,
    /** Expands down to the node at a JSON pointer (or its nearest existing ancestor) and highlights it. */
    reveal(pointer) {
      const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeSegment);
      let current = '';
      nodes.get('')?.expand();
      for (const segment of segments) {
        const next = `${current}/${escapeSegment(segment)}`;
        if (!nodes.has(next)) break;
        current = next;
        nodes.get(current).expand();
      }
      for (const old of element.querySelectorAll('.line.target')) old.classList.remove('target');
      const target = nodes.get(current);
      target.line.classList.add('target');
      target.line.tabIndex = -1;
      target.line.scrollIntoView({ block: 'center' });
      target.line.focus({ preventScroll: true });
      return current;
    },
    expandAll() {
      const walk = (pointer) => {
        const entry = nodes.get(pointer);
        entry.expand();
      };
      // Expanding builds children, which registers more nodes; repeat until nothing new appears.
      let size = -1;
      while (size !== nodes.size) {
        size = nodes.size;
        for (const pointer of [...nodes.keys()]) walk(pointer);
      }
    },
    collapseAll() {
      for (const [pointer, entry] of nodes) if (pointer !== '') entry.collapse();
    },
  };
}

// ---------------------------------------------------------------- detail

function card(title, toolbar, ...content) {
  return el(
    'section',
    { class: 'card' },
    el('h3', {}, title, toolbar ? el('span', { class: 'toolbar' }, toolbar) : null),
    content,
  );
}

function signatureVerdict(detail) {
  const signature = detail.signatureDetail;
  if (!signature) return el('span', { class: 'verdict-none', text: 'not checked (listen without --verify)' });
  if (signature.ok) {
    return el(
      'span',
      {},
      el('span', { class: 'verdict-ok', text: '✓ valid' }),
      ` · ${signature.scheme}`,
      signature.detail ? ` · ${signature.detail}` : '',
    );
  }
  return el(
    'span',
    {},
    el('span', { class: 'verdict-bad', text: `✗ ${signature.reason ?? 'invalid'}` }),
    ` · ${signature.scheme}`,
    signature.detail ? el('div', { text: signature.detail }) : null,
  );
}

function schemaVerdict(detail, view) {
  const validation = detail.validationDetail;
  if (!validation)
    return el('span', { class: 'verdict-none', text: 'not checked (listen without --schema)' });
  if (validation.ok)
    return el(
      'span',
      {},
      el('span', { class: 'verdict-ok', text: '✓ valid' }),
      ` against ${validation.schema}`,
    );
  const parts = [
    el('span', { class: 'verdict-bad', text: `✗ ${plural(validation.errors.length, 'error')}` }),
  ];
  if (validation.schema) parts.push(` against ${validation.schema}`);
  if (validation.message) parts.push(el('div', { text: validation.message }));
  if (validation.errors.length > 0) {
    parts.push(
      el(
        'ul',
        { class: 'schema-errors' },
        validation.errors.map((error) =>
          el(
            'li',
            {},
            view.canReveal
              ? el('button', {
                  type: 'button',
                  class: 'linklike',
                  title: 'Show this place in the body',
                  text: error.pointer === '' ? '(body)' : error.pointer,
                  onclick: () => view.reveal(error.pointer),
                })
              : el('code', { text: error.pointer === '' ? '(body)' : error.pointer }),
            ` ${error.message}`,
          ),
        ),
      ),
    );
  }
  return el('span', {}, parts);
}

function forwardVerdict(detail) {
  const forward = detail.forwardDetail;
  if (!forward)
    return el('span', { class: 'verdict-none', text: 'not forwarded (listen without --forward-to)' });
  const ok =
    forward.error === null && forward.status !== null && forward.status >= 200 && forward.status < 300;
  const outcome = forward.status !== null ? `${forward.status}` : 'no response';
  return el(
    'span',
    {},
    el('span', { class: ok ? 'verdict-ok' : 'verdict-bad', text: `${ok ? '✓' : '✗'} ${outcome}` }),
    ` in ${forward.ms} ms → `,
    el('code', { text: forward.url }),
    forward.error ? el('div', { text: forward.error }) : null,
    forward.body
      ? el('pre', { class: 'response-body', 'aria-label': "The app's response", text: forward.body })
      : null,
  );
}

function copyText(text, button) {
  const done = (label) => {
    button.textContent = label;
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 1500);
  };
  if (navigator.clipboard?.writeText) {
    navigator.clipboard.writeText(text).then(
      () => done('Copied'),
      () => done('Copy failed'),
    );
  } else done('Copy failed');
}

function bodyView(detail) {
  const body = detail.body;
  const parts = [];
  if (body.problem) parts.push(el('p', { class: 'problem', text: body.problem }));
  if (body.decodedFrom)
    parts.push(
      el('p', {
        class: 'note',
        text: `Shown decoded from Content-Encoding: ${body.decodedFrom} (${formatSize(body.size)} as received).`,
      }),
    );
  let tree = null;
  if (body.jsonText !== null) {
    try {
      tree = buildTree(JSON.parse(body.jsonText));
    } catch {
      tree = null;
    }
  }
  if (body.kind === 'form' && tree)
    parts.push(el('p', { class: 'note', text: 'A form body: the tree shows its "payload" field.' }));
  if (body.encoding === 'base64')
    parts.push(el('p', { class: 'note', text: 'Not UTF-8 text: shown as base64.' }));
  const raw = el('pre', { class: 'raw', text: body.kind === 'empty' ? '(empty body)' : body.text });
  const treeButton = el('button', { type: 'button', 'aria-pressed': 'true', text: 'Tree' });
  const rawButton = el('button', { type: 'button', 'aria-pressed': 'false', text: 'Raw' });
  const copyButton = el('button', { type: 'button', text: 'Copy', title: 'Copy the raw body' });
  const expandButton = el('button', { type: 'button', text: 'Expand all' });
  const collapseButton = el('button', { type: 'button', text: 'Collapse' });
  const show = (which) => {
    const showTree = which === 'tree' && tree !== null;
    if (tree) tree.element.hidden = !showTree;
    raw.hidden = showTree;
    treeButton.setAttribute('aria-pressed', String(showTree));
    rawButton.setAttribute('aria-pressed', String(!showTree));
    expandButton.hidden = !showTree;
    collapseButton.hidden = !showTree;
  };
  treeButton.addEventListener('click', () => show('tree'));
  rawButton.addEventListener('click', () => show('raw'));
  copyButton.addEventListener('click', () => copyText(body.text, copyButton));
  expandButton.addEventListener('click', () => tree?.expandAll());
  collapseButton.addEventListener('click', () => tree?.collapseAll());
  const toolbar = tree ? [expandButton, collapseButton, treeButton, rawButton, copyButton] : [copyButton];
  if (tree) parts.push(tree.element);
  parts.push(raw);
  show(tree ? 'tree' : 'raw');
  return {
    element: card('Body', toolbar, parts),
    canReveal: tree !== null,
    reveal(pointer) {
      if (!tree) return;
      show('tree');
      tree.reveal(pointer);
    },
  };
}

function headersView(detail) {
  return card(
    `Headers (${detail.headers.length})`,
    null,
    el(
      'table',
      { class: 'headers' },
      el(
        'tbody',
        {},
        detail.headers.map(([name, value]) =>
          el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { text: value })),
        ),
      ),
    ),
  );
}

function describeReplay(result) {
  if (result.error && result.status === null) {
    return `✗ no response after ${plural(result.attempts, 'attempt')} (${result.ms} ms): ${result.error}`;
  }
  const head = `${result.ok ? '✓' : '✗'} ${result.status ?? 'no response'} after ${plural(result.attempts, 'attempt')} in ${result.ms} ms`;
  const tail = [result.error, result.responseBodyFirstLine].filter(Boolean).join(' · ');
  return tail ? `${head} · ${tail}` : head;
}

function replayView(detail) {
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

  const replay = async (edited) => {
    const url = urlInput.value.trim();
    if (url === '' && !state.forwardUrl) {
      result.hidden = false;
      result.className = 'result bad';
      result.textContent = 'Type a URL to replay to (listen has no --forward-to target).';
      urlInput.focus();
      return;
    }
    const payload = {};
    if (url !== '') payload.url = url;
    if (edited) payload.body = textarea.value;
    replayButton.disabled = true;
    sendEdited.disabled = true;
    result.hidden = false;
    result.className = 'result pending';
    result.textContent = `Replaying to ${url || state.forwardUrl}…`;
    try {
      const response = await fetch(`/api/deliveries/${encodeURIComponent(detail.id)}/replay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
      });
      const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
      if (!response.ok) {
        result.className = 'result bad';
        result.textContent = `✗ ${data.error ?? `HTTP ${response.status}`}`;
      } else {
        result.className = data.ok ? 'result ok' : 'result bad';
        result.textContent = `${edited ? 'Edited body: ' : ''}${describeReplay(data)}`;
      }
    } catch (error) {
      result.className = 'result bad';
      result.textContent = `✗ the inspector did not answer: ${error.message}`;
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

function diffView(detail) {
  const candidates = state.deliveries.filter(
    (summary) => summary.id !== detail.id && summary.event === detail.event,
  );
  if (detail.event === null || detail.body.jsonText === null) {
    return card(
      'Compare',
      null,
      el('p', { class: 'note', text: 'Only JSON deliveries with an event type can be compared.' }),
    );
  }
  if (candidates.length === 0) {
    return card(
      'Compare',
      null,
      el('p', { class: 'note', text: `No other ${detail.event} delivery in the history to compare with.` }),
    );
  }
  // Default: the delivery of the same type that arrived just before this one.
  const older = candidates.find((summary) => summary.receivedAt <= detail.receivedAt) ?? candidates[0];
  const select = el(
    'select',
    { 'aria-label': `Compare with another ${detail.event} delivery` },
    candidates.map((summary) =>
      el('option', {
        value: summary.id,
        text: `${formatTime(summary.receivedAt)}  ${summary.method} ${summary.path}  (${summary.id})`,
      }),
    ),
  );
  select.value = older.id;
  const output = el('div', { 'aria-live': 'polite' });
  const compare = el('button', { type: 'button', text: 'Compare' });
  compare.addEventListener('click', async () => {
    output.replaceChildren(el('p', { class: 'note', text: 'Comparing…' }));
    try {
      const diff = await getJson(
        `/api/diff?from=${encodeURIComponent(select.value)}&to=${encodeURIComponent(detail.id)}`,
      );
      if (diff.changes.length === 0) {
        output.replaceChildren(el('p', { class: 'note', text: 'The bodies are the same.' }));
        return;
      }
      const symbol = { added: '+', removed: '−', changed: '~' };
      const rows = diff.changes.map((change) =>
        el(
          'tr',
          { class: change.kind },
          el('td', { class: 'kind', title: change.kind, text: symbol[change.kind] }),
          el('td', {}, el('code', { text: change.pointer === '' ? '(body)' : change.pointer })),
          el(
            'td',
            {},
            change.kind !== 'added' ? el('span', { class: 'before', text: shortJson(change.before) }) : null,
            change.kind === 'changed' ? ' → ' : null,
            change.kind !== 'removed' ? el('span', { class: 'after', text: shortJson(change.after) }) : null,
          ),
        ),
      );
      const counts = ['added', 'removed', 'changed']
        .map((kind) => `${diff.changes.filter((change) => change.kind === kind).length} ${kind}`)
        .join(', ');
      output.replaceChildren(
        el('p', {
          class: 'note',
          text: `From the selected delivery to this one: ${counts}${diff.truncated ? ' (first ones only)' : ''}.`,
        }),
        el('table', { class: 'diff' }, el('tbody', {}, rows)),
      );
    } catch (error) {
      output.replaceChildren(el('p', { class: 'problem', text: error.message }));
    }
  });
  return card(
    `Compare with another ${detail.event}`,
    null,
    el('div', { class: 'replay-row' }, select, compare),
    output,
  );
}

function renderDetail(detail) {
  const main = $('detail');
  const view = bodyView(detail);
  const meta = [
    ['Received', formatDateTime(detail.receivedAt)],
    ['Event', detail.event ?? '—'],
    ['Delivery id', detail.deliveryId ?? '—'],
    ['Size', formatSize(detail.size)],
    ['Answered', detail.responseStatus === 0 ? 'loaded from a capture file' : String(detail.responseStatus)],
  ];
  if (detail.remoteAddress) meta.push(['From', detail.remoteAddress]);
  if (detail.handshake) meta.push(['Handshake', detail.handshake]);
  if (detail.savedTo) meta.push(['Saved to', detail.savedTo]);
  if (detail.saveError) meta.push(['Not saved', detail.saveError]);
  main.replaceChildren(
    el('h2', { text: `${detail.method} ${detail.path}` }),
    el(
      'p',
      { class: 'meta' },
      meta.map(([label, value]) => el('span', {}, `${label}: `, el('b', { text: value }))),
    ),
    el(
      'div',
      { class: 'actions' },
      el('a', {
        href: `/api/deliveries/${encodeURIComponent(detail.id)}/capture`,
        download: true,
        text: 'Download capture',
        title: 'A capture file: replay it with `webhook-cli send`',
      }),
      el('span', { class: 'muted', text: `id ${detail.id}` }),
    ),
    card(
      'Checks',
      null,
      el(
        'dl',
        { class: 'verdicts' },
        el('dt', { text: 'Signature' }),
        el('dd', { 'data-check': 'signature' }, signatureVerdict(detail)),
        el('dt', { text: 'Schema' }),
        el('dd', { 'data-check': 'schema' }, schemaVerdict(detail, view)),
        el('dt', { text: 'Forward' }),
        el('dd', { 'data-check': 'forward' }, forwardVerdict(detail)),
      ),
    ),
    view.element,
    headersView(detail),
    replayView(detail),
    diffView(detail),
  );
}

async function openDelivery(id) {
  state.selectedId = id;
  for (const item of $('list').children) item.setAttribute('aria-selected', String(item.dataset.id === id));
  const token = ++state.detailToken;
  try {
    const detail = await getJson(`/api/deliveries/${encodeURIComponent(id)}`);
    if (token !== state.detailToken) return;
    state.detail = detail;
    renderDetail(detail);
    $('detail').scrollTop = 0;
  } catch (error) {
    if (token !== state.detailToken) return;
    $('detail').replaceChildren(el('div', { class: 'placeholder' }, el('p', { text: error.message })));
  }
}

// ---------------------------------------------------------------- wiring

function start() {
  $('list').addEventListener('keydown', onListKey);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('filter-text').addEventListener('input', scheduleSearch);
  $('filter-event').addEventListener('change', scheduleRender);
  $('filter-status').addEventListener('change', scheduleRender);
  document.addEventListener('keydown', (event) => {
    const typing = event.target.closest?.('input, textarea, select');
    if (event.key === '/' && !typing) {
      event.preventDefault();
      $('filter-text').focus();
    } else if (event.key === 'Escape') {
      if (typing) event.target.blur();
      focusActive();
    }
  });
  connect();
}

start();
