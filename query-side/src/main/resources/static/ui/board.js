// The overview: one tile per occupied bed, most urgent first (docs/board.md, What the board shows).

import { SIGNS, value, ago, due, el, alertName } from './format.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/**
 * Renders the tiles into container. actions: {acknowledge(alert, tile), resolve(alert, tile), note(tile)}.
 * Tiles are replaced in place; the focused control keeps its place when it still exists.
 */
export function renderTiles(container, board, actions, now = Date.now()) {
  const focusedId = document.activeElement && document.activeElement.id;
  container.replaceChildren(...(board.tiles.length
    ? board.tiles.map(tile => renderTile(tile, actions, now, board.scope === 'doctor'))
    : [el('p', { class: 'empty' }, emptyText(board))]));
  container.setAttribute('aria-busy', 'false');
  if (board.tiles.length && !performance.getEntriesByName('first-tile').length) {
    performance.mark('first-tile');
  }
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) {
      again.focus();
    }
  }
}

function emptyText(board) {
  if (board.scope === 'doctor') {
    return 'None of your patients is admitted at the moment.';
  }
  return board.ward ? `No occupied beds on ${board.ward}.` : 'Choose a ward.';
}

function renderTile(tile, actions, now, showWard) {
  const band = tile.news2 ? tile.news2.band : 'none';
  const titleId = `tile-${tile.encounter_id}-title`;
  const patient = tile.patient;
  const name = patient.name || `Patient ${patient.id}`;
  const age = patient.age === null || patient.age === undefined ? '' : `, ${patient.age}`;
  const dueAt = due(tile.next_observation_due_at, now);
  return el('article', {
    class: `tile band-${band}`, 'aria-labelledby': titleId, 'data-encounter': tile.encounter_id,
    'data-urgency': tile.urgency
  },
  el('header', { class: 'tile-head' },
    el('h3', { id: titleId },
      el('span', { class: 'room' }, el('span', { class: 'visually-hidden' }, 'Room '), tile.room.room_number),
      el('span', { class: 'patient' }, name, age)),
    news2Badge(tile.news2)),
  el('dl', { class: 'vitals' }, SIGNS.map(sign => vitalCell(sign, tile.vitals, now))),
  el('p', { class: dueAt.overdue ? 'due overdue' : 'due' }, dueAt.overdue ? '⚠ ' : '', dueAt.text),
  alertsBlock(tile, actions),
  el('div', { class: 'tile-actions' },
    el('a', { class: 'button', href: `#encounter/${tile.encounter_id}`, id: `details-${tile.encounter_id}` },
      'Details', el('span', { class: 'visually-hidden' }, ` of ${name}`)),
    el('button', {
      type: 'button', id: `note-${tile.encounter_id}`, onclick: () => actions.note(tile)
    }, 'Record observation', el('span', { class: 'visually-hidden' }, ` for ${name}`)),
    showWard ? el('span', { class: 'ward' }, `Ward ${tile.ward}`) : null));
}

function news2Badge(news2) {
  if (!news2) {
    return el('p', { class: 'news2 band-none' }, el('span', { class: 'news2-score' }, 'NEWS2 —'),
      el('span', { class: 'news2-band' }, 'No score yet'));
  }
  return el('p', { class: `news2 band-${news2.band}` },
    el('span', { class: 'news2-score' }, `NEWS2 ${news2.score}`),
    el('span', { class: 'news2-band' }, news2.band_label));
}

function vitalCell(sign, vitals, now) {
  const measured = vitals[sign.key];
  return el('div', { class: 'vital' },
    el('dt', {}, el('abbr', { title: sign.label }, sign.short)),
    el('dd', {},
      el('span', { class: 'vital-value' }, value(sign, measured, vitals),
        measured && sign.unit ? el('span', { class: 'unit' }, ` ${sign.unit}`) : ''),
      el('span', { class: 'vital-age' }, measured ? ago(measured.measured_at, now) : 'not measured')));
}

function alertsBlock(tile, actions) {
  const counts = tile.alert_counts;
  const summary = SEVERITIES.filter(s => counts[s] > 0).map(s => `${counts[s]} ${s}`);
  return el('section', { class: 'alerts', 'aria-label': 'Open alerts' },
    el('p', { class: 'alert-summary' + (summary.length ? '' : ' none') },
      summary.length ? `Open alerts: ${summary.join(', ')}` : 'No open alerts'),
    tile.alerts.length
      ? el('ul', { class: 'alert-list' }, tile.alerts.map(alert => alertItem(alert, tile, actions)))
      : null);
}

function alertItem(alert, tile, actions) {
  const acknowledged = alert.status === 'acknowledged';
  return el('li', { class: `alert sev-${alert.severity}`, 'data-alert': alert.id },
    el('span', { class: 'sev' }, alert.severity.toUpperCase()),
    el('span', { class: 'alert-text' }, alertName(alert.type),
      alert.occurrences > 1 ? ` ×${alert.occurrences}` : '',
      acknowledged ? el('span', { class: 'acked' }, ' (acknowledged)') : ''),
    el('span', { class: 'alert-buttons' },
      acknowledged ? null : el('button', {
        type: 'button', id: `ack-${alert.id}`, class: 'small', 'data-action': 'acknowledge',
        onclick: () => actions.acknowledge(alert, tile)
      }, 'Acknowledge', el('span', { class: 'visually-hidden' }, ` ${alertName(alert.type)} for ${tile.patient.name}`)),
      el('button', {
        type: 'button', id: `resolve-${alert.id}`, class: 'small', 'data-action': 'resolve',
        onclick: () => actions.resolve(alert, tile)
      }, 'Resolve', el('span', { class: 'visually-hidden' }, ` ${alertName(alert.type)} for ${tile.patient.name}`))));
}
