// The sandbox page: polls /sandbox/state for what the signed-in sample user sees (rendered server-side from
// Block Kit), and posts what they do to /sandbox/* — the server turns it into signed Slack requests.
(function () {
  'use strict';
  const $ = (sel, root) => (root || document).querySelector(sel);
  const page = {
    user: localStorage.getItem('devloop.sandbox.user') || 'U0ALICE',
    conversation: 'C0GENERAL',
    version: -1,
    html: null,
    modalKey: null,
    modalId: null,
    poll: null,
  };

  function post(path, body) {
    return fetch('/sandbox/' + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.assign({ user: page.user }, body)),
    }).then(r => r.json());
  }

  function status(text) {
    $('#status').textContent = text || '';
  }

  // --- polling -------------------------------------------------------------------------------------------
  function restartPolling() {
    if (page.poll) page.poll.abort();
    page.version = -1;
    page.html = null;
    pollLoop();
  }

  function pollLoop() {
    const controller = new AbortController();
    page.poll = controller;
    const url = '/sandbox/state?user=' + encodeURIComponent(page.user) + '&conversation=' +
      encodeURIComponent(page.conversation) + '&since=' + page.version;
    fetch(url, { signal: controller.signal })
      .then(r => r.json())
      .then(state => {
        if (page.poll !== controller) return;
        apply(state);
        setTimeout(pollLoop, 50);
      })
      .catch(err => {
        if (err.name === 'AbortError') return;
        status('Lost contact with devloop; retrying…');
        setTimeout(pollLoop, 1000);
      });
  }

  function apply(state) {
    page.version = state.version;
    $('#title').textContent = state.title;
    if (state.html !== page.html) {
      const box = $('#messages');
      const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80 || page.html === null;
      box.innerHTML = state.html;
      page.html = state.html;
      if (atBottom) box.scrollTop = box.scrollHeight;
    }
    applyModal(state.modal);
    const log = $('#log-list');
    log.innerHTML = '';
    (state.log || []).forEach(line => {
      const li = document.createElement('li');
      li.textContent = line;
      log.appendChild(li);
    });
    document.body.dataset.version = String(state.version);
  }

  function applyModal(modal) {
    const backdrop = $('#modal-backdrop');
    if (!modal) {
      backdrop.hidden = true;
      page.modalKey = null;
      page.modalId = null;
      return;
    }
    if (modal.key === page.modalKey) return;
    // same view shown again with errors: keep what the person typed, as Slack does
    const kept = modal.id === page.modalId ? collectInputs() : [];
    $('#modal').innerHTML = modal.html;
    $('#modal').dataset.viewId = modal.id;
    restoreInputs(kept);
    page.modalKey = modal.key;
    page.modalId = modal.id;
    backdrop.hidden = false;
  }

  // --- reading and restoring inputs ----------------------------------------------------------------------
  function valueOf(el) {
    if (el.tagName === 'SELECT') {
      return el.multiple ? Array.from(el.selectedOptions).map(o => o.value) : el.value;
    }
    if (el.classList.contains('bk-choices')) {
      const checked = Array.from(el.querySelectorAll('input:checked')).map(i => i.value);
      return el.dataset.type === 'radio_buttons' ? (checked[0] || null) : checked;
    }
    return el.value;
  }

  function collectInputs() {
    return Array.from(document.querySelectorAll('#modal .bk-input .bk-el')).map(el => ({
      blockId: el.dataset.blockId, actionId: el.dataset.actionId, value: valueOf(el),
    }));
  }

  function restoreInputs(kept) {
    kept.forEach(input => {
      const el = document.querySelector('#modal .bk-el[data-block-id="' + CSS.escape(input.blockId) +
        '"][data-action-id="' + CSS.escape(input.actionId) + '"]');
      if (!el) return;
      const values = Array.isArray(input.value) ? input.value : [input.value];
      if (el.tagName === 'SELECT') {
        Array.from(el.options).forEach(o => { o.selected = values.includes(o.value); });
      } else if (el.classList.contains('bk-choices')) {
        el.querySelectorAll('input').forEach(i => { i.checked = values.includes(i.value); });
      } else {
        el.value = input.value == null ? '' : input.value;
      }
    });
  }

  // --- actions -------------------------------------------------------------------------------------------
  function sendAction(el, value) {
    const body = { blockId: el.dataset.blockId, actionId: el.dataset.actionId, value: value };
    const inModal = el.closest('#modal');
    const home = el.closest('.home');
    if (inModal) {
      body.viewId = inModal.dataset.viewId;
      body.inputs = collectInputs();
    } else if (home) {
      body.viewId = home.dataset.viewId;
    } else {
      const msg = el.closest('.msg');
      if (!msg) return;
      body.conversation = msg.dataset.channel;
      body.ts = msg.dataset.ts;
    }
    status('Sending ' + (el.textContent || el.dataset.actionId).trim() + '…');
    post('action', body).then(r => status(r.status === 200 ? '' : 'devloop: ' + r.result));
  }

  document.addEventListener('click', e => {
    const conv = e.target.closest('.conv');
    if (conv) {
      e.preventDefault();
      openConversation(conv.dataset.conversation);
      return;
    }
    const modalButton = e.target.closest('[data-modal]');
    if (modalButton) {
      const viewId = $('#modal').dataset.viewId;
      if (modalButton.dataset.modal === 'submit') {
        status('Submitting…');
        post('submit', { viewId: viewId, inputs: collectInputs() })
          .then(r => status(r.status === 200 ? '' : 'devloop: ' + r.result));
      } else {
        post('close', { viewId: viewId });
      }
      return;
    }
    const webhook = e.target.closest('[data-webhook]');
    if (webhook) {
      $('#webhook-status').textContent = 'Sending…';
      post('webhook', { kind: webhook.dataset.webhook }).then(r => {
        $('#webhook-status').textContent = 'POST ' + r.endpoint + ' → HTTP ' + r.status;
      });
      return;
    }
    const button = e.target.closest('button.bk-act');
    if (button) {
      if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
      sendAction(button, button.dataset.value || null);
    }
  });

  document.addEventListener('change', e => {
    const el = e.target.closest('.bk-act');
    if (!el || el.tagName === 'BUTTON') return;
    sendAction(el, valueOf(el));
  });

  $('#composer').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('#command');
    const text = input.value.trim();
    if (!text) return;
    if (page.conversation === 'home') openConversation('C0GENERAL');
    input.value = '';
    status('Sent ' + (text.startsWith('/devloop') ? text : '/devloop ' + text));
    post('command', { conversation: page.conversation, text: text })
      .then(r => status(r.status === 200 ? '' : '/devloop failed: ' + r.result));
  });

  $('#user').addEventListener('change', e => {
    page.user = e.target.value;
    localStorage.setItem('devloop.sandbox.user', page.user);
    if (page.conversation === 'home') post('home', {});
    restartPolling();
  });

  function openConversation(conversation) {
    page.conversation = conversation;
    document.querySelectorAll('.conv').forEach(a => a.classList.toggle('active', a.dataset.conversation === conversation));
    if (conversation === 'home') post('home', {}); // Slack sends app_home_opened on every open
    restartPolling();
  }

  $('#user').value = page.user;
  openConversation(page.conversation);
})();
