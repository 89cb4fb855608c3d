// Words and numbers as the board shows them.

export const SIGNS = [
  { key: 'resp_rate', label: 'Resp. rate', short: 'RR', unit: '/min' },
  { key: 'spo2_pct', label: 'SpO₂', short: 'SpO₂', unit: '%' },
  { key: 'on_oxygen', label: 'Oxygen', short: 'O₂', unit: '' },
  { key: 'bp_systolic', label: 'Systolic BP', short: 'BP', unit: 'mmHg' },
  { key: 'hr_bpm', label: 'Pulse', short: 'HR', unit: '/min' },
  { key: 'consciousness', label: 'Consciousness', short: 'ACVPU', unit: '' },
  { key: 'temp_c', label: 'Temperature', short: 'Temp', unit: '°C' }
];

const CONSCIOUSNESS = { A: 'Alert', C: 'Confused', V: 'Voice', P: 'Pain', U: 'Unresponsive' };

export function value(sign, measured, vitals) {
  if (!measured) {
    return '—';
  }
  const v = measured.value;
  switch (sign.key) {
    case 'on_oxygen':
      return v ? 'On oxygen' : 'Air';
    case 'consciousness':
      return CONSCIOUSNESS[v] || v;
    case 'temp_c':
      return v.toFixed(1);
    case 'bp_systolic': {
      const dia = vitals && vitals.bp_diastolic;
      return dia && Math.abs(new Date(dia.measured_at) - new Date(measured.measured_at)) < 1000 ? `${v}/${dia.value}` : `${v}`;
    }
    default:
      return String(v);
  }
}

/** "3 min ago", "2 h ago", "yesterday 14:05". */
export function ago(instant, now = Date.now()) {
  if (!instant) {
    return '';
  }
  const seconds = Math.max(0, Math.round((now - new Date(instant)) / 1000));
  if (seconds < 60) {
    return 'just now';
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours} h ${minutes % 60} min ago`;
  }
  return `on ${clock(instant, true)}`;
}

/** "due in 40 min" or "overdue by 5 min". */
export function due(instant, now = Date.now()) {
  if (!instant) {
    return { text: 'No observations due', overdue: false };
  }
  const minutes = Math.round((new Date(instant) - now) / 60000);
  const span = m => (m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`);
  return minutes > 0
    ? { text: `Observations due in ${span(minutes)}`, overdue: false }
    : { text: `Observations overdue by ${span(-minutes)}`, overdue: true };
}

export function clock(instant, withDate = false) {
  const d = new Date(instant);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return withDate ? `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}` : time;
}

export function alertName(type) {
  return type.toLowerCase().replaceAll('_', ' ').replace('news2', 'NEWS2').replace('spo2', 'SpO₂');
}

/** Creates an element: el('p', {class: 'x'}, 'text', child). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, val] of Object.entries(attributes)) {
    if (val === null || val === undefined || val === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), val);
    } else if (val === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, val);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}
