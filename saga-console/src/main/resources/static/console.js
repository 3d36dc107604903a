'use strict';

// The saga console's page: renders each snapshot the server sends (GET api/stream, server-sent events) and
// drives the buttons. Rows are kept by id and updated in place, so that what a person (or a test) is about to click
// is not replaced under them twice a second. All text goes in through textContent.

const $ = (id) => document.getElementById(id);

let selectedOrder = null;

// ---- formatting ---------------------------------------------------------------------------------------------

function time(iso) {
  if (!iso) return '–';
  const at = new Date(iso);
  return at.toLocaleTimeString([], { hour12: false }) + '.' + String(at.getMilliseconds()).padStart(3, '0');
}

function millis(value) {
  if (value === null || value === undefined) return '–';
  return value < 1000 ? value + ' ms' : (value / 1000).toFixed(value < 10000 ? 2 : 1) + ' s';
}

function count(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en');
}

function plural(value, noun) {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}

// p-2 before p-10.
const byName = new Intl.Collator('en', { numeric: true }).compare;

function element(tag, attributes = {}, text) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) made.setAttribute(name, value);
  }
  if (text !== undefined) made.textContent = text;
  return made;
}

function setText(target, text) {
  if (target.textContent !== text) target.textContent = text;
}

function statusBadge(status) {
  return element('span', { class: 'status status-' + (status || 'UNKNOWN') }, status || '?');
}

function showProblem(target, problem) {
  target.hidden = !problem;
  setText(target, problem || '');
}

// Keeps one row per key in a table body, in the order of items: rows are reused, moved and updated, not rebuilt.
function keyedRows(body, items, keyOf, create, update) {
  const existing = new Map();
  for (const row of body.rows) existing.set(row.dataset.key, row);
  items.forEach((item, index) => {
    const key = keyOf(item);
    let row = existing.get(key);
    if (!row) {
      row = create(item);
      row.dataset.key = key;
    }
    existing.delete(key);
    update(row, item);
    if (body.children[index] !== row) body.insertBefore(row, body.children[index] || null);
  });
  existing.forEach((row) => row.remove());
}

function cells(row, count) {
  while (row.cells.length < count) row.appendChild(document.createElement('td'));
  return row.cells;
}

// ---- snapshot rendering -------------------------------------------------------------------------------------

function render(snapshot) {
  renderTraffic(snapshot.traffic, snapshot.trafficProblem);
  renderStock(snapshot.inventory);
  renderContention(snapshot.inventory);
  renderDeadLetters(snapshot.deadLetters);
  renderLag(snapshot.lag);
  renderBurst(snapshot.burst);
  setText($('last-snapshot'), time(snapshot.at));
}

function renderTraffic(traffic, problem) {
  showProblem($('traffic-problem'), problem);
  setText($('since'), 'since the console started at ' + time(traffic.since));
  const tiles = $('status-counts');
  for (const [status, value] of Object.entries(traffic.statusCounts)) {
    let tile = tiles.querySelector(`[data-status="${status}"]`);
    if (!tile) {
      tile = element('div', { class: 'tile status-' + status, 'data-test': 'status-count', 'data-status': status });
      tile.append(element('span', { class: 'count' }), element('span', { class: 'label' }, status));
      tiles.appendChild(tile);
    }
    setText(tile.querySelector('.count'), count(value));
    tile.dataset.count = value;
  }
  setText($('tracked-note'), `${plural(traffic.trackedOrders, 'order')} seen (the console remembers at most `
      + `${count(traffic.trackedLimit)}; the first seen are forgotten first).`);

  setText($('orders-per-second'), traffic.ordersPerSecond.toFixed(1));
  setText($('settle-p50'), millis(traffic.settle.p50Millis));
  setText($('settle-p99'), millis(traffic.settle.p99Millis));
  setText($('settle-note'), traffic.settle.samples
      ? `Over the latest ${plural(traffic.settle.samples, 'order')} placed and settled (AWAITING_PAYMENT or `
        + 'FAILED) while the console watched.'
      : 'No order placed and settled since the console started.');

  const body = $('recent-orders').tBodies[0];
  keyedRows(body, traffic.recentOrders, (order) => order.orderId,
      (order) => element('tr', { 'data-test': 'recent-order', 'data-order-id': order.orderId }),
      (row, order) => {
        const [id, status, lines, placed, settle] = cells(row, 5);
        if (!id.textContent) {
          id.className = 'order-id';
          id.textContent = order.orderId;
          id.title = order.orderId;
        }
        if (row.dataset.status !== order.status) {
          row.dataset.status = order.status || '';
          status.replaceChildren(statusBadge(order.status));
          if (order.reason) status.append(' ', element('small', {}, order.reason));
        }
        setText(lines, order.lines || '');
        setText(placed, time(order.placedAt));
        setText(settle, millis(order.settleMillis));
        row.classList.toggle('selected', order.orderId === selectedOrder);
      });
  $('recent-empty').hidden = traffic.recentOrders.length > 0;
}

function renderStock(inventory) {
  const bars = $('stock-bars');
  const products = [...inventory.products].sort((a, b) => byName(a.productId, b.productId));
  const present = new Set(products.map((product) => product.productId));
  for (const row of [...bars.children]) {
    if (!present.has(row.dataset.productId)) row.remove();
  }
  products.forEach((product, index) => {
    let row = bars.querySelector(`[data-product-id="${CSS.escape(product.productId)}"]`);
    if (!row) {
      row = element('div', { class: 'stock-row', 'data-test': 'stock-row', 'data-product-id': product.productId });
      const bar = element('div', { class: 'bar' });
      bar.append(element('span', { class: 'available' }), element('span', { class: 'reserved' }),
          element('span', { class: 'committed' }));
      row.append(element('span', { class: 'product' }, product.productId), bar,
          element('span', { class: 'numbers' }));
      bars.appendChild(row);
    }
    const total = product.available + product.reserved + product.committed || 1;
    for (const part of ['available', 'reserved', 'committed']) {
      row.querySelector('.bar .' + part).style.width = (100 * product[part] / total) + '%';
    }
    row.title = `${product.productId}: ${product.available} available, ${product.reserved} reserved, `
        + `${product.committed} committed`;
    setText(row.querySelector('.numbers'),
        `${count(product.available)} / ${count(product.reserved)} / ${count(product.committed)}`);
    if (bars.children[index] !== row) bars.insertBefore(row, bars.children[index] || null);
  });
  showProblem($('stock-problem'), inventory.stockProblem);
}

function renderContention(inventory) {
  const meters = inventory.meters;
  setText($('version-conflicts'), count(meters && meters.versionConflicts));
  setText($('lock-conflicts'), count(meters && meters.lockConflicts));
  setText($('immediate-retries'), count(meters && meters.immediateRetries));
  setText($('retries-exhausted'), count(meters && meters.retriesExhausted));
  const retries = meters ? meters.retriesByAttempt : [];
  keyedRows($('retries').tBodies[0], retries.length ? retries : [{ attempt: null, commands: 0 }],
      (retry) => String(retry.attempt), () => element('tr'),
      (row, retry) => {
        const [attempt, commands] = cells(row, 2);
        setText(attempt, retry.attempt === null ? 'none yet' : 'attempt ' + retry.attempt);
        setText(commands, retry.attempt === null ? '' : count(retry.commands));
      });
  showProblem($('meters-problem'), inventory.metersProblem);
}

function renderDeadLetters(deadLetters) {
  keyedRows($('dead-letters').tBodies[0], deadLetters.counts, (dlt) => dlt.topic,
      (dlt) => element('tr', { 'data-topic': dlt.topic }),
      (row, dlt) => {
        const [topic, records] = cells(row, 2);
        topic.className = 'topic';
        setText(topic, dlt.topic);
        setText(records, count(dlt.records));
      });
  const latest = $('latest-dead-letters');
  latest.replaceChildren(...deadLetters.latest.map((letter) => {
    const item = element('li', {}, `${time(letter.time)} ${letter.topic} ${letter.type || 'undecodable'} `
        + `${letter.key || ''} `);
    if (letter.error) item.append(element('span', { class: 'error' }, letter.error));
    return item;
  }));
}

function renderLag(lag) {
  keyedRows($('consumer-lag').tBodies[0], lag.groups, (group) => group.group,
      (group) => element('tr', { 'data-test': 'lag-group', 'data-group': group.group }),
      (row, group) => {
        const [name, state, total, topics] = cells(row, 4);
        setText(name, group.group);
        setText(state, group.state);
        setText(total, count(group.lag));
        setText(topics, group.topics.filter((topic) => topic.lag > 0)
            .map((topic) => `${topic.topic} ${count(topic.lag)}`).join(', '));
      });
  showProblem($('lag-problem'), lag.problem);
}

function renderBurst(burst) {
  const state = $('burst-state');
  state.classList.toggle('running', burst.running);
  let text = '';
  if (burst.running || burst.placed || burst.failed) {
    text = (burst.running ? `Burst of ${burst.ordersPerSecond}/s running: ` : 'Last burst: ')
        + `${count(burst.placed)} placed, ${count(burst.failed)} failed`
        + (burst.skipped ? `, ${count(burst.skipped)} skipped (order-service behind)` : '')
        + (burst.lastProblem ? ` — ${burst.lastProblem}` : '');
  }
  setText(state, text);
  state.dataset.running = burst.running;
}

// ---- conversation -------------------------------------------------------------------------------------------

// The fields worth a glance, e.g. "customerId c-7 · lines p-1 ×2"; the whole message is one click away.
function summary(value) {
  if (!value) return '';
  const parts = [];
  for (const [name, field] of Object.entries(value)) {
    if (name === '@type' || name === 'orderId' || field === null) continue;
    if (Array.isArray(field)) {
      parts.push(name + ' ' + field.map((item) => item && item.productId !== undefined
          ? `${item.productId} ×${item.quantity}` : JSON.stringify(item)).join(', '));
    } else if (typeof field === 'object') {
      parts.push(name + ' ' + JSON.stringify(field));
    } else {
      parts.push(name + ' ' + field);
    }
  }
  return parts.join(' · ');
}

async function showConversation(orderId) {
  selectedOrder = orderId;
  for (const row of $('recent-orders').tBodies[0].rows) {
    row.classList.toggle('selected', row.dataset.orderId === orderId);
  }
  const panel = $('conversation-panel');
  panel.hidden = false;
  panel.dataset.orderId = orderId;
  setText($('conversation-order'), orderId);
  setText($('conversation-note'), 'Reading the order\'s records from Kafka…');
  const body = $('conversation').tBodies[0];
  try {
    const response = await fetch(`api/orders/${encodeURIComponent(orderId)}/conversation`);
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.detail || response.statusText);
    if (selectedOrder !== orderId) return;
    body.replaceChildren(...answer.map((record) => {
      const type = record.value ? record.value['@type'] : null;
      const row = element('tr', { 'data-test': 'conversation-record', 'data-type': type || '',
        'data-topic': record.topic });
      const details = element('td', { class: 'details' });
      details.append(summary(record.value));
      const json = element('details');
      json.append(element('summary', {}, 'JSON'), element('pre', {}, JSON.stringify(record, null, 2)));
      details.append(json);
      row.append(element('td', { class: 'time' }, time(record.time)),
          element('td', { class: 'topic' }, `${record.topic} [${record.partition}@${record.offset}]`),
          element('td', {}, type || 'undecodable'), details, element('td', { class: 'error' }, record.error || ''));
      return row;
    }));
    setText($('conversation-note'), answer.length
        ? `${plural(answer.length, 'record')}, read from Kafka at ${time(new Date().toISOString())}.`
        : 'The topics hold no record of this order (yet).');
  } catch (failure) {
    body.replaceChildren();
    setText($('conversation-note'), 'Cannot read the conversation: ' + failure.message);
  }
}

// ---- buttons ------------------------------------------------------------------------------------------------

function report(text, failed) {
  const result = $('action-result');
  result.classList.toggle('error', !!failed);
  setText(result, text);
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail || `${response.status} ${response.statusText}`);
  return answer;
}

async function placeOrder() {
  report('Placing an order…');
  try {
    const placed = await call('POST', 'api/orders');
    const lines = placed.order.lines.map((line) => `${line.productId} ×${line.quantity}`).join(', ');
    report(`Placed ${placed.orderId} (${lines}) for ${placed.order.customerId}`);
    $('action-result').dataset.orderId = placed.orderId;
  } catch (failure) {
    report(failure.message, true);
  }
}

async function startBurst() {
  try {
    const burst = await call('POST', 'api/burst', { ordersPerSecond: Number($('burst-rate').value) });
    renderBurst(burst);
    report(`Burst of ${burst.ordersPerSecond} orders/s started`);
  } catch (failure) {
    report(failure.message, true);
  }
}

async function stopBurst() {
  try {
    renderBurst(await call('DELETE', 'api/burst'));
    report('Burst stopped');
  } catch (failure) {
    report(failure.message, true);
  }
}

// ---- wiring -------------------------------------------------------------------------------------------------

function connect() {
  const connection = $('connection');
  const source = new EventSource('api/stream');
  source.addEventListener('snapshot', (event) => render(JSON.parse(event.data)));
  source.onopen = () => {
    connection.dataset.state = 'live';
    setText(connection, 'live');
  };
  // EventSource reconnects by itself.
  source.onerror = () => {
    connection.dataset.state = 'lost';
    setText(connection, 'reconnecting…');
  };
}

$('place-order').addEventListener('click', placeOrder);
$('start-burst').addEventListener('click', startBurst);
$('stop-burst').addEventListener('click', stopBurst);
$('recent-orders').tBodies[0].addEventListener('click', (event) => {
  const row = event.target.closest('tr[data-order-id]');
  if (row) showConversation(row.dataset.orderId);
});
$('conversation-refresh').addEventListener('click', () => selectedOrder && showConversation(selectedOrder));
$('conversation-close').addEventListener('click', () => {
  selectedOrder = null;
  $('conversation-panel').hidden = true;
});
connect();
