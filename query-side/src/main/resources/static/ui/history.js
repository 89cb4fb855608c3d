// The encounter's event history for admins and auditors (docs/api.md, History and State at an instant).

import { get, explain } from './api.js';
import { el, clock } from './format.js';

/** Fills container with the history of the encounter, or its state as of the instant (a Date) when given. */
export async function showHistory(container, encounterId, asOf) {
  container.replaceChildren(el('p', { class: 'loading' }, 'Loading the history…'));
  try {
    if (asOf) {
      const state = await get(`/encounters/${encounterId}/history?as_of=${encodeURIComponent(asOf.toISOString())}`);
      container.replaceChildren(stateAsOf(state));
      return;
    }
    const table = el('table', { class: 'history' },
      el('caption', {}, `Every recorded event of encounter ${encounterId}, oldest first`),
      el('thead', {}, el('tr', {}, ['#', 'When', 'What', 'Who', 'Details'].map(h => el('th', { scope: 'col' }, h)))));
    const body = el('tbody');
    table.append(body);
    container.replaceChildren(table);
    let after = null;
    const more = el('button', { type: 'button', class: 'more' }, 'Show more');
    const load = async () => {
      const page = await get(`/encounters/${encounterId}/history?page_size=200`
        + (after === null ? '' : `&after_sequence=${after}`));
      page.events.forEach(event => body.append(row(event)));
      after = page.next_after_sequence;
      if (after === null) {
        more.remove();
      } else if (!more.isConnected) {
        container.append(more);
      }
    };
    more.addEventListener('click', () => load().catch(e => container.append(problem(e))));
    await load();
  } catch (e) {
    container.replaceChildren(problem(e));
  }
}

function problem(e) {
  return el('p', { class: 'form-error', role: 'alert' }, explain(e));
}

function who(actor) {
  if (!actor) {
    return 'the alerting engine';
  }
  if (actor.device_id) {
    return `device ${actor.device_id}`;
  }
  return `${actor.role} (user ${actor.user_id})`;
}

function row(event) {
  const details = Object.entries(event.payload || {})
    .filter(([key, v]) => v !== null && !['encounter_id', 'patient_id'].includes(key) && typeof v !== 'object')
    .map(([key, v]) => `${key.replaceAll('_', ' ')}: ${v}`).join(', ');
  return el('tr', {},
    el('td', {}, event.sequence),
    el('td', {}, el('time', { datetime: event.timestamp }, clock(event.timestamp, true))),
    el('th', { scope: 'row' }, event.type.replace(/([a-z])([A-Z])/g, '$1 $2')),
    el('td', {}, who(event.actor)),
    el('td', { class: 'payload' }, details));
}

function stateAsOf(state) {
  const vitals = Object.entries(state.latest_vitals || {}).filter(([, v]) => v)
    .map(([key, v]) => el('li', {}, `${key.replaceAll('_', ' ')}: ${v.value} (measured ${clock(v.timestamp, true)})`));
  return el('div', { class: 'as-of' },
    el('h3', {}, `State as of ${clock(state.as_of, true)}`),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Status'), el('dd', {}, state.status || 'not yet admitted'),
      el('dt', {}, 'Room'), el('dd', {}, state.room ? `${state.room.room_number} (${state.room.ward})` : '—'),
      el('dt', {}, 'NEWS2'), el('dd', {}, state.news2 ? `${state.news2.score} (${state.news2.risk})` : '—'),
      el('dt', {}, 'Events applied'), el('dd', {}, state.events_applied)),
    el('h4', {}, 'Latest vital signs'), vitals.length ? el('ul', {}, vitals) : el('p', {}, 'None'),
    el('h4', {}, 'Open alerts'),
    state.open_alerts.length
      ? el('ul', {}, state.open_alerts.map(a => el('li', {}, `${a.severity.toUpperCase()} ${a.type}: ${a.message} (${a.status})`)))
      : el('p', {}, 'None'));
}
