// The patient detail: 24-hour trends with the NEWS2 bands drawn in, NEWS2 history, alerts, observations, and for
// admins the event history (docs/board.md, Patient detail). Charts are uPlot, from its WebJar, loaded on first use.

import { get, explain } from './api.js';
import { el, clock, alertName } from './format.js';
import { showHistory } from './history.js';

// RCP 2017 chart 1 (docs/api.md, Alert rules): [upper bound of the band, its score], in the chart's units.
const CHARTS = [
  { key: 'resp_rate', label: 'Respiration rate', unit: 'breaths/min', range: [0, 40],
    bands: [[8.5, 3], [11.5, 1], [20.5, 0], [24.5, 2], [Infinity, 3]] },
  { key: 'spo2_pct', label: 'SpO₂ (scale 1)', unit: '%', range: [80, 100],
    bands: [[91.5, 3], [93.5, 2], [95.5, 1], [Infinity, 0]] },
  { key: 'bp_systolic', label: 'Systolic blood pressure', unit: 'mmHg', range: [60, 240],
    bands: [[90.5, 3], [100.5, 2], [110.5, 1], [219.5, 0], [Infinity, 3]] },
  { key: 'hr_bpm', label: 'Pulse', unit: 'beats/min', range: [30, 160],
    bands: [[40.5, 3], [50.5, 1], [90.5, 0], [110.5, 1], [130.5, 2], [Infinity, 3]] },
  { key: 'temp_c', label: 'Temperature', unit: '°C', range: [34, 41],
    bands: [[35.05, 3], [36.05, 1], [38.05, 0], [39.05, 1], [Infinity, 2]] }
];
const NEWS2_BANDS = [[0.5, 0], [4.5, 1], [6.5, 2], [Infinity, 3]];
const SCORE_FILL = ['rgba(0,0,0,0)', 'rgba(255, 214, 0, 0.22)', 'rgba(255, 140, 0, 0.25)', 'rgba(220, 30, 30, 0.20)'];

let uPlotLoading = null;

function loadUPlot() {
  if (!uPlotLoading) {
    uPlotLoading = new Promise((resolve, reject) => {
      const css = el('link', { rel: 'stylesheet', href: '/webjars/uplot/dist/uPlot.min.css' });
      document.head.append(css);
      const script = el('script', { src: '/webjars/uplot/dist/uPlot.iife.min.js' });
      script.addEventListener('load', () => resolve(window.uPlot));
      script.addEventListener('error', () => reject(new Error('chart library missing')));
      document.head.append(script);
    });
  }
  return uPlotLoading;
}

/** The NEWS2 bands as a uPlot plugin: tinted rows behind the series, each with its score written at the right. */
function bandsPlugin(bands) {
  return {
    hooks: {
      drawClear: u => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const [min, max] = [u.scales.y.min, u.scales.y.max];
        let lower = -Infinity;
        ctx.save();
        ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
        ctx.textAlign = 'right';
        for (const [upper, score] of bands) {
          const from = Math.max(lower, min);
          const to = Math.min(upper, max);
          lower = upper;
          if (to <= from) {
            continue;
          }
          const y0 = u.valToPos(to, 'y', true);
          const y1 = u.valToPos(from, 'y', true);
          ctx.fillStyle = SCORE_FILL[score];
          ctx.fillRect(left, y0, width, y1 - y0);
          if (y1 - y0 > 12 * devicePixelRatio) {
            ctx.fillStyle = '#333';
            ctx.fillText(`${score}`, left + width - 4, Math.min(y1, top + height) - 3 * devicePixelRatio);
          }
        }
        ctx.restore();
      }
    }
  };
}

function chart(UPlot, target, { label, unit, range, bands }, xs, ys, width, span) {
  const finite = ys.filter(v => v !== null);
  const lo = Math.min(range[0], ...finite);
  const hi = Math.max(range[1], ...finite);
  return new UPlot({
    width, height: 170, legend: { show: false }, cursor: { show: true, drag: { x: false, y: false } },
    scales: { x: { time: true, range: span }, y: { range: [lo, hi] } },
    axes: [{ stroke: '#333' }, { stroke: '#333', label: unit, size: 50 }],
    series: [{}, { label, stroke: '#0b3d91', width: 2, spanGaps: true, points: { show: true, size: 5 } }],
    plugins: [bandsPlugin(bands)]
  }, [xs, ys], target);
}

function summary(label, unit, xs, ys) {
  const points = ys.map((y, i) => [xs[i], y]).filter(([, y]) => y !== null);
  if (!points.length) {
    return `${label}: no readings in the last 24 hours.`;
  }
  const values = points.map(([, y]) => y);
  const [lastX, lastY] = points[points.length - 1];
  return `${label} over the last 24 hours: ${points.length} readings, latest ${lastY} ${unit} at `
    + `${clock(lastX * 1000)}, lowest ${Math.min(...values)}, highest ${Math.max(...values)}.`;
}

/**
 * Fills the detail section for the encounter. tile: the board's tile of it if known (name, room).
 * actions: as for the board.
 */
export async function showDetail(container, title, encounterId, tile, user, actions) {
  const name = tile ? (tile.patient.name || `Patient ${tile.patient.id}`) : `Encounter ${encounterId}`;
  title.textContent = tile ? `${name}, ${tile.patient.age ?? '?'} — room ${tile.room.room_number}` : name;
  const charts = el('div', { class: 'charts' },
    [...CHARTS.map(c => figure(c.key, c.label)), figure('news2', 'NEWS2 score')]);
  const alerts = el('div', { class: 'detail-alerts' }, el('p', { class: 'loading' }, 'Loading alerts…'));
  const notes = el('div', { class: 'detail-notes' }, el('p', { class: 'loading' }, 'Loading observations…'));
  const news2Table = el('div', { class: 'news2-history' });
  const sections = [
    el('div', { class: 'tile-actions' }, el('button', { type: 'button', id: 'detail-note',
      onclick: () => actions.note(tile || { encounter_id: encounterId, patient: { name } }) }, 'Record observation')),
    el('h3', {}, 'Trends, last 24 hours'),
    el('p', { class: 'hint' }, 'Shaded rows are the NEWS2 bands of each sign (score written at the right edge: 1 yellow, 2 orange, 3 red).'),
    charts,
    el('h3', {}, 'NEWS2 history'), news2Table,
    el('h3', {}, 'Alerts'), alerts,
    el('h3', {}, 'Observations'), notes
  ];
  let history = null;
  if (user.role === 'admin') {
    history = el('div', { class: 'detail-history' });
    sections.push(el('h3', {}, 'Event history'), history);
  }
  container.replaceChildren(...sections);

  const loaded = await Promise.allSettled([
    Promise.all([get(`/encounters/${encounterId}/trend?hours=24`), loadUPlot()]),
    get(`/encounters/${encounterId}/alerts`),
    get(`/encounters/${encounterId}/observations?limit=50`)
  ]);
  const [trend, alertList, observations] = loaded;
  if (trend.status === 'fulfilled') {
    drawCharts(charts, news2Table, trend.value[0], trend.value[1]);
  } else {
    charts.replaceChildren(el('p', { class: 'form-error', role: 'alert' }, explain(trend.reason)));
  }
  alerts.replaceChildren(alertList.status === 'fulfilled'
    ? alertsTable(alertList.value, tile, actions) : el('p', { class: 'form-error' }, explain(alertList.reason)));
  notes.replaceChildren(observations.status === 'fulfilled'
    ? notesList(observations.value.observations) : el('p', { class: 'form-error' }, explain(observations.reason)));
  if (history) {
    showHistory(history, encounterId, null);
  }
}

function figure(key, label) {
  return el('figure', { class: 'chart', id: `chart-${key}` },
    el('figcaption', {}, label),
    el('div', { class: 'chart-area', role: 'img', 'aria-label': `${label}: loading` }));
}

function drawCharts(charts, news2Table, trend, UPlot) {
  const xs = trend.readings.map(r => new Date(r.timestamp).getTime() / 1000);
  // Every chart spans the same 24 hours, so that a moment lines up across the charts.
  const span = [new Date(trend.from).getTime() / 1000, new Date(trend.to).getTime() / 1000];
  for (const c of CHARTS) {
    const ys = trend.readings.map(r => r[c.key]);
    const area = charts.querySelector(`#chart-${c.key} .chart-area`);
    area.setAttribute('aria-label', summary(c.label, c.unit, xs, ys));
    chart(UPlot, area, c, xs, ys, area.clientWidth || 340, span);
  }
  const sx = trend.news2.map(s => new Date(s.measured_at).getTime() / 1000);
  const sy = trend.news2.map(s => s.score);
  const area = charts.querySelector('#chart-news2 .chart-area');
  area.setAttribute('aria-label', summary('NEWS2 score', 'points', sx, sy));
  chart(UPlot, area, { label: 'NEWS2', unit: 'score', range: [0, 10], bands: NEWS2_BANDS }, sx, sy,
    area.clientWidth || 340, span);
  news2Table.replaceChildren(trend.news2.length
    ? el('table', {},
      el('caption', {}, 'NEWS2 scores of the last 24 hours, newest first (time of the reading scored)'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Reading of'), el('th', { scope: 'col' }, 'Score'),
        el('th', { scope: 'col' }, 'Band'))),
      el('tbody', {}, [...trend.news2].reverse().slice(0, 48).map(s => el('tr', {},
        el('td', {}, clock(s.measured_at, true)), el('td', {}, s.score),
        el('td', {}, el('span', { class: `chip band-${s.band}` }, s.band_label))))))
    : el('p', {}, 'No NEWS2 score in the last 24 hours.'));
}

function alertsTable(list, tile, actions) {
  if (!list.length) {
    return el('p', {}, 'No alerts for this stay.');
  }
  const who = tile || { patient: { name: 'this patient' } };
  return el('table', { class: 'alerts-table' },
    el('caption', {}, 'Alerts of this stay, newest first'),
    el('thead', {}, el('tr', {}, ['Severity', 'Alert', 'Raised', 'Status', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, list.map(a => el('tr', { class: `sev-${a.severity}`, 'data-alert': a.id },
      el('td', {}, el('span', { class: 'sev' }, a.severity.toUpperCase())),
      el('th', { scope: 'row' }, `${alertName(a.type)}: ${a.message}`, a.occurrences > 1 ? ` (×${a.occurrences})` : ''),
      el('td', {}, clock(a.timestamp, true)),
      el('td', {}, a.status),
      el('td', {}, a.status === 'open'
        ? el('button', { type: 'button', class: 'small', onclick: () => actions.acknowledge(a, who) }, 'Acknowledge') : null,
      a.status !== 'resolved'
        ? el('button', { type: 'button', class: 'small', onclick: () => actions.resolve(a, who) }, 'Resolve') : null)))));
}

function notesList(list) {
  if (!list.length) {
    return el('p', {}, 'No observations recorded yet.');
  }
  return el('ol', { class: 'notes' }, list.map(n => el('li', {},
    el('time', { datetime: n.created_at }, clock(n.created_at, true)), ` (user ${n.author_id}): `, n.note)));
}
