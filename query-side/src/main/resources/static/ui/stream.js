// The alert stream (docs/api.md, GET /alerts/stream) read with fetch(): EventSource cannot send the Authorization
// header the query side requires. Resumes after any loss with Last-Event-ID, so no change is missed or seen twice
// (docs/board.md, Live updates).

import { accessToken } from './api.js';

/**
 * Opens the stream and keeps it open until stop() is called.
 * onAlert(change) for each alert change; onState('live' | 'lost' | 'connecting', detail) when the connection changes.
 */
export function openAlertStream({ onAlert, onState }) {
  let lastEventId = null;
  let stopped = false;
  let controller = null;
  let failures = 0;
  let retryMs = 3000;
  let wake = null;
  let lastBytes = 0;

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        onState(failures === 0 ? 'connecting' : 'lost', { retryingIn: 0 });
        const headers = { Authorization: 'Bearer ' + (await accessToken()), Accept: 'text/event-stream' };
        if (lastEventId !== null) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch('/alerts/stream', {
          headers, signal: controller.signal, cache: 'no-store', credentials: 'omit'
        });
        if (!response.ok) {
          const error = new Error('stream refused');
          error.status = response.status;
          error.retryAfter = Number(response.headers.get('Retry-After')) || null;
          throw error;
        }
        failures = 0;
        onState('live', {});
        // Heartbeats come every 15 s: a silent minute means a dead connection that TCP has not noticed yet.
        lastBytes = Date.now();
        const watchdog = setInterval(() => {
          if (Date.now() - lastBytes > 60000) {
            controller.abort();
          }
        }, 5000);
        try {
          await read(response.body.getReader());
        } finally {
          clearInterval(watchdog);
        }
        // The server ends a stream after one token lifetime: reconnect at once with a fresh token.
      } catch (e) {
        if (stopped) {
          return;
        }
        if (e.status === 401 || e.status === 403) {
          onState('refused', { status: e.status });
          return;
        }
        failures++;
        const wait = e.retryAfter ? e.retryAfter * 1000 : Math.min(30000, retryMs * Math.min(failures, 5));
        onState('lost', { retryingIn: Math.round(wait / 1000) });
        await pause(wait);
      }
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { id: null, type: 'message', data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      lastBytes = Date.now();
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (event.data.length > 0) {
            if (event.id !== null) {
              lastEventId = event.id;
            }
            if (event.type === 'alert') {
              try {
                onAlert(JSON.parse(event.data.join('\n')));
              } catch (e) {
                // A malformed event is skipped; the board's next refresh shows the truth anyway.
              }
            }
          }
          event = { id: null, type: 'message', data: [] };
          continue;
        }
        if (line.startsWith(':')) {
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let val = colon < 0 ? '' : line.slice(colon + 1);
        if (val.startsWith(' ')) {
          val = val.slice(1);
        }
        if (field === 'data') {
          event.data.push(val);
        } else if (field === 'event') {
          event.type = val;
        } else if (field === 'id') {
          event.id = val;
        } else if (field === 'retry' && /^\d+$/.test(val)) {
          retryMs = Number(val);
        }
      }
    }
  }

  function pause(ms) {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  // Coming back online is a good moment to try at once rather than wait out the back-off.
  const online = () => wake && wake();
  window.addEventListener('online', online);
  run();
  return {
    stop() {
      stopped = true;
      window.removeEventListener('online', online);
      if (controller) {
        controller.abort();
      }
      if (wake) {
        wake();
      }
    }
  };
}
