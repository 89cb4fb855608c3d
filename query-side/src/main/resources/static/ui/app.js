// The ward board's entry point (docs/board.md): sign-in, the overview, live updates, the patient detail, the
// auditor's history view. No framework and no build step: plain ES modules served from the jar.

import { signIn, signOut, currentUser, onSessionEnd, get, patch, post, explain, ApiError } from './api.js';
import { openAlertStream } from './stream.js';
import { renderTiles } from './board.js';
import { showDetail } from './detail.js';
import { showHistory } from './history.js';
import { clock, alertName } from './format.js';

const $ = id => document.getElementById(id);
const BOARD_ROLES = ['admin', 'doctor', 'nurse'];
// The views behind the tiles (vitals, NEWS2) have no stream of their own: look again this often.
const REFRESH_MS = 30000;

// Cumulative layout shift, read by the browser test (docs/board.md, Speed): the board should not move as data arrives.
window.boardLayoutShift = 0;
try {
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) {
        window.boardLayoutShift += entry.value;
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
} catch (e) {
  // Not every browser reports layout shifts.
}

const state = { board: null, ward: null, stream: null, refreshTimer: null, pending: null, tiles: new Map() };

function show(section) {
  for (const id of ['sign-in', 'board', 'detail', 'audit', 'no-board']) {
    $(id).hidden = id !== section;
  }
}

function problem(text) {
  $('problem').textContent = text || '';
  $('problem').hidden = !text;
}

function announce(text) {
  $('announcer').textContent = '';
  // A fresh text node after a tick, so that screen readers announce a repeated message again.
  setTimeout(() => { $('announcer').textContent = text; }, 50);
}

// ---- Signing in and out ------------------------------------------------------------------------------------------

$('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const error = $('sign-in-error');
  error.textContent = '';
  const username = $('username').value.trim();
  const password = $('password').value;
  if (!username || !password) {
    error.textContent = 'Enter your user name and password.';
    return;
  }
  try {
    const me = await signIn(username, password);
    $('password').value = '';
    started(me);
  } catch (e) {
    error.textContent = e instanceof ApiError && e.status === 401
      ? 'The user name or password is not right.' : explain(e);
  }
});

$('sign-out').addEventListener('click', async () => {
  stop();
  await signOut();
  signedOut();
});

onSessionEnd(() => {
  stop();
  signedOut('Your sign-in has ended. Please sign in again.');
});

function signedOut(message) {
  // Nothing of the previous user's patients stays in the page, not even hidden.
  for (const id of ['tiles', 'detail-body', 'audit-body']) {
    $(id).replaceChildren();
  }
  state.rendered = null;
  $('user').hidden = true;
  $('sign-out').hidden = true;
  $('connection').hidden = true;
  $('ward-choice').hidden = true;
  $('scope').textContent = '';
  problem(message);
  show('sign-in');
  $('username').focus();
}

function started(me) {
  problem(null);
  $('user').textContent = `${me.username} (${me.role})`;
  $('user').hidden = false;
  $('sign-out').hidden = false;
  if (BOARD_ROLES.includes(me.role)) {
    state.stream = openAlertStream({ onAlert: alertChanged, onState: connectionChanged });
    state.refreshTimer = setInterval(() => { refresh(); if (!location.hash.startsWith('#encounter/')) { retick(); } }, REFRESH_MS);
  }
  route();
}

function stop() {
  if (state.stream) {
    state.stream.stop();
  }
  clearInterval(state.refreshTimer);
  Object.assign(state, { board: null, ward: null, stream: null, refreshTimer: null });
  state.tiles.clear();
}

// ---- Routing: #board (default), #encounter/<id>, #history -------------------------------------------------------

window.addEventListener('hashchange', route);

function route() {
  const me = currentUser();
  if (!me) {
    signedOut();
    return;
  }
  const encounter = /^#encounter\/(\d+)$/.exec(location.hash);
  if (me.role === 'auditor') {
    show('audit');
    $('scope').textContent = 'Audit';
    return;
  }
  if (!BOARD_ROLES.includes(me.role)) {
    $('no-board-text').textContent = `The ward board is for nurses, doctors and administrators; your account `
      + `(${me.role}) has no board.`;
    show('no-board');
    return;
  }
  if (encounter) {
    show('detail');
    const id = Number(encounter[1]);
    showDetail($('detail-body'), $('detail-title'), id, state.tiles.get(id), me, actions);
    $('detail-title').setAttribute('tabindex', '-1');
    $('detail-title').focus();
    return;
  }
  show('board');
  refresh();
}

$('back').addEventListener('click', event => {
  event.preventDefault();
  location.hash = '#board';
});

// ---- The board ---------------------------------------------------------------------------------------------------

$('ward-select').addEventListener('change', () => {
  state.ward = $('ward-select').value;
  $('tiles').setAttribute('aria-busy', 'true');
  refresh();
});

/** Fetches the board again; calls that come while one is running share its successor (at most one waiting). */
function refresh() {
  if (state.pending) {
    state.again = true;
    return state.pending;
  }
  state.pending = load().finally(() => {
    state.pending = null;
    if (state.again) {
      state.again = false;
      refresh();
    }
  });
  return state.pending;
}

async function load() {
  const me = currentUser();
  if (!me || !BOARD_ROLES.includes(me.role)) {
    return;
  }
  try {
    const board = await get('/board' + (state.ward ? `?ward=${encodeURIComponent(state.ward)}` : ''));
    if (me.role === 'admin' && !board.ward && board.wards.length) {
      state.ward = board.wards[0];
      return load();
    }
    state.board = board;
    state.tiles = new Map(board.tiles.map(tile => [tile.encounter_id, tile]));
    wardChoice(me, board);
    $('scope').textContent = board.scope === 'doctor' ? 'Your patients' : `Ward ${board.ward || ''}`;
    $('board-title').textContent = board.scope === 'doctor'
      ? `Your patients: ${board.tiles.length} occupied beds` : `${board.ward || 'Ward'}: ${board.tiles.length} occupied beds`;
    retick();
    problem(null);
  } catch (e) {
    if (e instanceof ApiError && e.status === 403 && me.role !== 'admin') {
      show('no-board');
      return;
    }
    problem(explain(e));
  }
}

function retick() {
  if (state.board) {
    // Unchanged data in the same minute: leave the tiles (and whatever the nurse is about to tap) alone.
    const key = JSON.stringify(state.board.tiles) + Math.floor(Date.now() / 60000);
    if (key === state.rendered && $('tiles').childElementCount) {
      $('board-updated').textContent = `Updated ${clock(state.board.generated_at)}`;
      return;
    }
    state.rendered = key;
    renderTiles($('tiles'), state.board, actions);
    $('board-updated').textContent = `Updated ${clock(state.board.generated_at)}`;
  }
}

function wardChoice(me, board) {
  const choice = $('ward-choice');
  choice.hidden = me.role !== 'admin';
  if (me.role === 'admin') {
    const select = $('ward-select');
    // Rebuilt when the wards differ, not only their number: a ward swapped for another would stay listed.
    if ([...select.options].map(o => o.value).join('\n') !== board.wards.join('\n')) {
      select.replaceChildren(...board.wards.map(w => new Option(w, w)));
    }
    select.value = board.ward || '';
  }
}

// ---- Live updates ------------------------------------------------------------------------------------------------

function alertChanged(change) {
  if (change.change === 'raised' || (change.change === 'escalated')) {
    const tile = state.tiles.get(change.encounter_id);
    const who = tile ? `${tile.patient.name}, room ${tile.room.room_number}` : `encounter ${change.encounter_id}`;
    announce(`${change.change === 'raised' ? 'New' : 'Escalated'} ${change.severity} alert: ${alertName(change.type)} for ${who}.`);
  }
  refresh();
  if (location.hash === `#encounter/${change.encounter_id}`) {
    route();
  }
}

function connectionChanged(status, detail) {
  const connection = $('connection');
  connection.hidden = false;
  connection.className = `connection ${status}`;
  if (status === 'live') {
    connection.textContent = '● Live';
    // Whatever changed while the connection was down is in the views: look again.
    refresh();
  } else if (status === 'connecting') {
    connection.textContent = '○ Connecting…';
  } else if (status === 'refused') {
    connection.textContent = '✕ No live updates for this account';
  } else {
    connection.textContent = `✕ Connection lost${state.board ? ` — showing ${clock(state.board.generated_at)}` : ''}; `
      + (detail.retryingIn ? `trying again in ${detail.retryingIn} s` : 'reconnecting…');
  }
}

// ---- Acting from the board ---------------------------------------------------------------------------------------

const actions = {
  async acknowledge(alert, tile) {
    try {
      await patch(`/alerts/${alert.id}/acknowledge`);
      announce(`Acknowledged ${alertName(alert.type)} for ${tile.patient.name}.`);
      problem(null);
    } catch (e) {
      problem(explain(e));
    }
    refresh();
    if (location.hash.startsWith('#encounter/')) {
      route();
    }
  },
  resolve(alert, tile) {
    const dialog = $('resolve-dialog');
    $('resolve-what').textContent = `${alert.severity.toUpperCase()} ${alertName(alert.type)} for ${tile.patient.name}`;
    $('resolve-reason').value = '';
    $('resolve-error').textContent = '';
    dialog.onsubmit = async event => {
      event.preventDefault();
      const reason = $('resolve-reason').value.trim();
      try {
        await patch(`/alerts/${alert.id}/resolve`, reason ? { reason } : {});
        dialog.close();
        announce(`Resolved ${alertName(alert.type)} for ${tile.patient.name}.`);
        refresh();
        if (location.hash.startsWith('#encounter/')) {
          route();
        }
      } catch (e) {
        $('resolve-error').textContent = explain(e);
      }
    };
    dialog.showModal();
  },
  note(tile) {
    const dialog = $('note-dialog');
    $('note-who').textContent = `For ${tile.patient.name || 'this patient'}`;
    $('note-text').value = '';
    $('note-error').textContent = '';
    dialog.onsubmit = async event => {
      event.preventDefault();
      const note = $('note-text').value.trim();
      if (!note) {
        $('note-error').textContent = 'Write the observation first.';
        return;
      }
      try {
        await post('/observations', { encounter_id: tile.encounter_id, note });
        dialog.close();
        announce('Observation saved.');
        if (location.hash.startsWith('#encounter/')) {
          route();
        }
      } catch (e) {
        $('note-error').textContent = explain(e);
      }
    };
    dialog.showModal();
  }
};

for (const button of document.querySelectorAll('dialog [data-close]')) {
  button.addEventListener('click', () => button.closest('dialog').close());
}

// ---- The auditor's view ------------------------------------------------------------------------------------------

$('audit-form').addEventListener('submit', event => {
  event.preventDefault();
  const id = $('audit-encounter').value.trim();
  if (!/^[1-9][0-9]*$/.test(id)) {
    $('audit-body').textContent = 'Enter the encounter number (digits only).';
    return;
  }
  const asOf = $('audit-as-of').value ? new Date($('audit-as-of').value) : null;
  showHistory($('audit-body'), Number(id), asOf);
});

route();
