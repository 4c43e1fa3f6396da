// The web view's page: the Slack stand-in's state (GET /web/state, then live through
// Server-Sent Events at /web/events), drawn as a Slack channel with a thread beside it, and the
// modal the bot opened for the current persona (a confirmation) in front. Slash commands, button
// clicks and a modal's Submit or Cancel go to /web/command, /web/action and /web/view, where the
// server signs them and sends them to the bot exactly as Slack would.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const PERSONA_KEY = 'shipmate.webview.persona';

  const view = {
    channels: [],
    personas: [],
    commands: [],
    messages: new Map(), // channel/ts → the latest edit of each message
    ephemerals: new Map(), // channel/ts/user → an ephemeral message from the stand-in
    acks: [], // the bot's answers to this page's commands: seen only here, as in Slack
    modals: new Map(), // id → a modal the bot opened ({id, user, state, view}), while open
    channel: null,
    user: null,
    thread: null, // {channel, ts} of the open thread
    unread: new Set(),
    suggestion: -1,
  };

  // ---- ordering: Slack timestamps are "seconds.micros" strings ----

  function compareTs(a, b) {
    const [as, af = ''] = a.split('.');
    const [bs, bf = ''] = b.split('.');
    return Number(as) - Number(bs) || af.padEnd(6, '0').localeCompare(bf.padEnd(6, '0'));
  }

  function byTs(a, b) {
    return compareTs(a.ts, b.ts) || (a.order || 0) - (b.order || 0);
  }

  function latestTs(channel) {
    let latest = '0.000000';
    for (const m of view.messages.values()) if (m.channel === channel && compareTs(m.ts, latest) > 0) latest = m.ts;
    for (const e of view.ephemerals.values()) if (e.channel === channel && compareTs(e.ts, latest) > 0) latest = e.ts;
    return latest;
  }

  // ---- state from the server ----

  function upsertMessage(message) {
    const key = message.channel + '/' + message.ts;
    const known = view.messages.get(key);
    if (known && known.edits > message.edits) return; // an older edit arriving late
    view.messages.set(key, message);
    if (!view.channels.includes(message.channel)) view.channels.push(message.channel);
    if (!known && message.channel !== view.channel && !message.reply) view.unread.add(message.channel);
  }

  function addEphemeral(ephemeral) {
    view.ephemerals.set(ephemeral.channel + '/' + ephemeral.ts + '/' + ephemeral.user, ephemeral);
  }

  function setModal(modal) {
    if (modal.state === 'open') view.modals.set(modal.id, modal);
    else view.modals.delete(modal.id);
  }

  function loadState(state) {
    view.channels = state.channels.slice();
    view.personas = state.personas;
    view.commands = state.commands;
    state.messages.forEach(m => {
      const key = m.channel + '/' + m.ts;
      const known = view.messages.get(key);
      if (!known || known.edits <= m.edits) view.messages.set(key, m);
    });
    state.ephemerals.forEach(addEphemeral);
    view.modals.clear();
    (state.views || []).forEach(setModal);
    if (!view.channel) view.channel = state.channel;
    if (!view.user) {
      const saved = localStorage.getItem(PERSONA_KEY);
      view.user = saved && state.personas.includes(saved) ? saved : state.user;
    }
    drawPersonas();
  }

  function connect() {
    const events = new EventSource('/web/events');
    events.addEventListener('state', e => { loadState(JSON.parse(e.data)); connected(true); redraw(); });
    events.addEventListener('message', e => { upsertMessage(JSON.parse(e.data)); redraw(); });
    events.addEventListener('ephemeral', e => { addEphemeral(JSON.parse(e.data)); redraw(); });
    events.addEventListener('view', e => { setModal(JSON.parse(e.data)); redraw(); });
    events.onerror = () => connected(false);
  }

  function connected(yes) {
    const node = $('connection');
    node.textContent = yes ? '● live' : '○ reconnecting… (is shipmate local still running?)';
    node.classList.toggle('offline', !yes);
  }

  // ---- drawing ----

  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; draw(); });
  }

  function draw() {
    drawChannels();
    $('channel-name').textContent = '#' + (view.channel || '');
    drawList($('messages'), channelItems());
    const pane = $('thread-pane');
    if (view.thread) {
      pane.hidden = false;
      $('thread-channel').textContent = '#' + view.thread.channel;
      drawList($('thread-messages'), threadItems());
    } else {
      pane.hidden = true;
    }
    drawModal();
  }

  // ---- the modal in front: Slack shows a modal only to the person it was opened for ----

  let shownModal = null; // the signature of what the dialog shows

  function drawModal() {
    const dialog = $('modal');
    const mine = [...view.modals.values()].filter(m => m.user === view.user);
    const modal = mine[mine.length - 1];
    if (!modal) {
      shownModal = null;
      if (dialog.open) dialog.close();
      return;
    }
    const signature = JSON.stringify([modal.id, modal.view.blocks, modal.view.title]);
    if (signature !== shownModal) {
      shownModal = signature;
      dialog.dataset.view = modal.id;
      $('modal-title').innerHTML = BlockKit.textObject(modal.view.title) || '';
      $('modal-body').replaceChildren(BlockKit.render(modal.view.blocks, '', () => {}));
      const submit = $('modal-submit');
      const close = $('modal-close');
      submit.innerHTML = BlockKit.textObject(modal.view.submit) || 'Submit';
      submit.hidden = !modal.view.submit;
      close.innerHTML = BlockKit.textObject(modal.view.close) || 'Cancel';
      submit.onclick = () => answerModal(modal, 'submit');
      close.onclick = () => answerModal(modal, 'cancel');
      dialog.oncancel = e => { e.preventDefault(); answerModal(modal, 'cancel'); };
    }
    if (!dialog.open) dialog.showModal();
  }

  async function answerModal(modal, answer) {
    $('modal-submit').disabled = $('modal-close').disabled = true;
    const result = await post('/web/view', { user: view.user, id: modal.id, answer });
    $('modal-submit').disabled = $('modal-close').disabled = false;
    if (result.error) {
      showAck(view.channel, `[${answer === 'submit' ? 'Submit' : 'Cancel'}] on the confirmation`, result);
    }
  }

  function drawChannels() {
    const list = $('channels');
    list.replaceChildren(...view.channels.map(channel => {
      const item = document.createElement('li');
      item.textContent = '# ' + channel;
      item.dataset.channel = channel;
      item.className = (channel === view.channel ? 'current' : '') + (view.unread.has(channel) ? ' unread' : '');
      item.addEventListener('click', () => {
        view.channel = channel;
        view.unread.delete(channel);
        view.thread = null;
        draw();
      });
      return item;
    }));
  }

  function drawPersonas() {
    const select = $('persona');
    if (select.options.length !== view.personas.length) {
      select.replaceChildren(...view.personas.map(user => new Option(user, user)));
    }
    select.value = view.user;
  }

  function visibleEphemerals() {
    return [...view.ephemerals.values()].filter(e => e.user === view.user);
  }

  function channelItems() {
    const top = [...view.messages.values()].filter(m => m.channel === view.channel && !m.reply)
      .map(m => ({ kind: 'message', ts: m.ts, message: m }));
    const own = visibleEphemerals().filter(e => e.channel === view.channel && !e.threadTs)
      .map(e => ({ kind: 'ephemeral', ts: e.ts, message: e }));
    const acks = view.acks.filter(a => a.channel === view.channel && a.user === view.user)
      .map(a => ({ kind: 'ack', ts: a.afterTs, order: a.order, ack: a }));
    return [...top, ...own, ...acks].sort(byTs);
  }

  function threadItems() {
    const { channel, ts } = view.thread;
    const messages = [...view.messages.values()]
      .filter(m => m.channel === channel && (m.ts === ts || m.threadTs === ts))
      .map(m => ({ kind: 'message', ts: m.ts, message: m, inThread: true }));
    const own = visibleEphemerals().filter(e => e.channel === channel && e.threadTs === ts)
      .map(e => ({ kind: 'ephemeral', ts: e.ts, message: e, inThread: true }));
    return [...messages, ...own].sort(byTs);
  }

  function replies(message) {
    return [...view.messages.values()].filter(m => m.channel === message.channel && m.reply && m.threadTs === message.ts);
  }

  // Only the items that changed are drawn again: a button under the mouse stays the same element
  // while its card's elapsed time ticks, so a click is never lost to a redraw.
  const drawn = new WeakMap(); // container → Map(key → {signature, node})

  function keyOf(item) {
    if (item.kind === 'ack') return 'ack/' + item.ack.order;
    return item.kind + '/' + item.message.channel + '/' + item.ts + '/' + (item.message.user || '');
  }

  function signatureOf(item) {
    if (item.kind === 'ack') return 'ack';
    const thread = item.kind === 'message' && !item.inThread ? replies(item.message) : [];
    const threaded = !!(view.thread && !item.inThread && view.thread.ts === item.ts);
    return JSON.stringify([item.message.edits, item.message.text, item.message.blocks,
      thread.length, thread.length ? thread[thread.length - 1].ts : '', threaded]);
  }

  function drawList(container, items) {
    const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
    const top = container.scrollTop;
    const before = drawn.get(container) || new Map();
    const after = new Map();
    const nodes = items.map(item => {
      const key = keyOf(item);
      const signature = signatureOf(item);
      const known = before.get(key);
      const node = known && known.signature === signature ? known.node : drawItem(item);
      after.set(key, { signature, node });
      return node;
    });
    drawn.set(container, after);
    const current = [...container.children];
    if (current.length !== nodes.length || current.some((node, i) => node !== nodes[i])) {
      container.replaceChildren(...nodes);
    }
    container.scrollTop = atBottom ? container.scrollHeight : top;
  }

  function time(ts) {
    const date = new Date(Number(ts.split('.')[0]) * 1000);
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function drawItem(item) {
    const node = document.createElement('div');
    // posted: a message in the channel's history; ephemeral and ack: seen by one person only.
    node.className = 'message ' + (item.kind === 'message' ? 'posted' : item.kind);
    const avatar = document.createElement('div');
    avatar.className = 'avatar';
    avatar.textContent = 'S';
    const body = document.createElement('div');
    body.className = 'message-body';
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.innerHTML = '<span class="author">Shipmate</span><span class="app-badge">APP</span>';
    const stamp = document.createElement('span');
    stamp.className = 'time';
    body.appendChild(meta);
    meta.appendChild(stamp);

    if (item.kind === 'ack') {
      stamp.textContent = item.ack.time;
      body.appendChild(note());
      const typed = document.createElement('div');
      typed.className = 'typed';
      typed.textContent = item.ack.typed;
      body.appendChild(typed);
      if (item.ack.error) {
        const error = document.createElement('div');
        error.className = 'bk-text error';
        error.textContent = item.ack.error;
        body.appendChild(error);
      } else if (item.ack.ack && (item.ack.ack.text || item.ack.ack.blocks)) {
        body.appendChild(BlockKit.render(item.ack.ack.blocks, item.ack.ack.text, () => {}));
      } else {
        typed.classList.add('sent');
      }
    } else {
      const message = item.message;
      node.dataset.channel = message.channel;
      node.dataset.ts = message.ts;
      stamp.textContent = time(message.ts);
      if (message.edits > 0) {
        const edited = document.createElement('span');
        edited.className = 'edited';
        edited.textContent = '(edited)';
        meta.appendChild(edited);
      }
      if (item.kind === 'ephemeral') body.appendChild(note());
      body.appendChild(BlockKit.render(message.blocks, message.text, (spec, button) => click(message, item.kind, spec, button)));
      if (item.kind === 'message' && !item.inThread) {
        const thread = replies(message);
        if (thread.length) {
          const open = document.createElement('a');
          open.className = 'thread-link';
          open.href = '#';
          open.textContent = thread.length === 1 ? '1 reply' : thread.length + ' replies';
          const last = document.createElement('span');
          last.className = 'muted';
          last.textContent = ' Last reply ' + time(thread[thread.length - 1].ts);
          open.addEventListener('click', e => { e.preventDefault(); openThread(message); });
          const row = document.createElement('div');
          row.className = 'thread-row';
          row.append(open, last);
          body.appendChild(row);
        }
      }
      if (view.thread && item.kind === 'message' && !item.inThread && view.thread.ts === message.ts) {
        node.classList.add('threaded');
      }
    }
    node.append(avatar, body);
    return node;
  }

  function note() {
    const node = document.createElement('div');
    node.className = 'ephemeral-note';
    node.textContent = '👁 Only visible to you';
    return node;
  }

  function openThread(message) {
    view.thread = { channel: message.channel, ts: message.ts };
    draw();
  }

  // ---- doing things, as Slack would send them ----

  async function post(path, body) {
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) return { error: json.error || 'The web view answered HTTP ' + response.status };
      if (json.status !== 200) return { error: 'The bot answered HTTP ' + json.status + '.', ack: json.ack };
      return { ack: json.ack };
    } catch (failed) {
      return { error: 'Could not reach shipmate local: ' + failed.message };
    }
  }

  let acks = 0;
  function showAck(channel, typed, answer) {
    view.acks.push({
      channel, user: view.user, typed, afterTs: latestTs(channel), order: ++acks,
      time: new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
      ack: answer.ack, error: answer.error,
    });
    redraw();
  }

  async function sendCommand(typed) {
    const channel = view.channel;
    const answer = await post('/web/command', { user: view.user, channel, text: typed });
    showAck(channel, typed, answer);
  }

  async function click(message, kind, spec, button) {
    if (spec.confirm && !(await confirmed(spec.confirm))) return;
    button.disabled = true;
    const answer = await post('/web/action', {
      user: view.user, channel: message.channel, ts: message.ts,
      actionId: spec.action_id, value: spec.value || '',
    });
    button.disabled = false;
    const label = spec.text ? spec.text.text : spec.action_id;
    if (answer.error || (answer.ack && (answer.ack.text || answer.ack.blocks))) {
      showAck(message.channel, `[${label}] pressed`, answer);
    }
  }

  function confirmed(confirm) {
    const dialog = $('confirm');
    $('confirm-title').innerHTML = BlockKit.textObject(confirm.title) || 'Are you sure?';
    $('confirm-text').innerHTML = BlockKit.textObject(confirm.text);
    const ok = $('confirm-ok');
    const deny = $('confirm-deny');
    ok.innerHTML = BlockKit.textObject(confirm.confirm) || 'Yes';
    deny.innerHTML = BlockKit.textObject(confirm.deny) || 'Cancel';
    ok.className = confirm.style === 'danger' ? 'bk-danger' : 'bk-primary';
    return new Promise(resolve => {
      const done = answer => {
        ok.onclick = deny.onclick = dialog.oncancel = null;
        dialog.close();
        resolve(answer);
      };
      ok.onclick = () => done(true);
      deny.onclick = () => done(false);
      dialog.oncancel = () => done(false);
      dialog.showModal();
    });
  }

  // ---- the message box, with the commands as you type ----

  function matchingCommands(typed) {
    if (!typed.startsWith('/')) return [];
    const word = typed.split(' ')[0];
    const hasArguments = typed.includes(' ');
    return view.commands.filter(c => hasArguments ? c.command === word : c.command.startsWith(word));
  }

  function drawSuggestions() {
    const list = $('suggestions');
    const matches = matchingCommands($('message-box').value);
    if (!matches.length) { list.hidden = true; view.suggestion = -1; return; }
    view.suggestion = Math.min(view.suggestion, matches.length - 1);
    list.replaceChildren(...matches.map((c, i) => {
      const item = document.createElement('li');
      item.className = i === view.suggestion ? 'selected' : '';
      item.innerHTML = `<code>${BlockKit.plain(c.line)}</code><span class="muted">${BlockKit.plain(c.description)}</span>`;
      item.addEventListener('mousedown', e => { e.preventDefault(); complete(c); });
      return item;
    }));
    list.hidden = false;
  }

  function complete(command) {
    const box = $('message-box');
    if (!box.value.includes(' ')) box.value = command.command + ' ';
    view.suggestion = -1;
    box.focus();
    drawSuggestions();
  }

  function wireComposer() {
    const box = $('message-box');
    box.addEventListener('input', () => { view.suggestion = -1; drawSuggestions(); });
    box.addEventListener('keydown', e => {
      const matches = matchingCommands(box.value);
      if (e.key === 'ArrowDown' && matches.length) {
        view.suggestion = (view.suggestion + 1) % matches.length; drawSuggestions(); e.preventDefault();
      } else if (e.key === 'ArrowUp' && matches.length) {
        view.suggestion = view.suggestion <= 0 ? matches.length - 1 : view.suggestion - 1; drawSuggestions(); e.preventDefault();
      } else if (e.key === 'Tab' && matches.length) {
        complete(matches[Math.max(view.suggestion, 0)]); e.preventDefault();
      } else if (e.key === 'Enter' && view.suggestion >= 0 && matches.length) {
        complete(matches[view.suggestion]); e.preventDefault();
      } else if (e.key === 'Escape') {
        $('suggestions').hidden = true;
      }
    });
    $('composer').addEventListener('submit', e => {
      e.preventDefault();
      const typed = box.value.trim();
      if (!typed) return;
      box.value = '';
      drawSuggestions();
      if (!typed.startsWith('/')) {
        showAck(view.channel, typed, { error: 'Shipmate listens to slash commands here: try /shipmate help or /deploy web v1.2 staging.' });
        return;
      }
      sendCommand(typed);
    });
  }

  $('persona').addEventListener('change', e => {
    view.user = e.target.value;
    localStorage.setItem(PERSONA_KEY, view.user);
    draw();
  });
  $('close-thread').addEventListener('click', () => { view.thread = null; draw(); });
  wireComposer();
  connect();
})();
