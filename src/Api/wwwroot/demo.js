// The demo portal: plain fetch and EventSource against the API of this origin (no build step, no framework).
const $ = (selector) => document.querySelector(selector);
let events = null;

function say(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle('error', isError);
}

// Problem documents (RFC 9457) are shown as their title, detail and field errors.
async function problemText(response) {
  try {
    const p = await response.json();
    const fields = p.errors ? ' ' + Object.entries(p.errors).map(([f, m]) => `${f}: ${m.join(', ')}`).join('; ') : '';
    return `${response.status} ${p.title ?? ''} ${p.detail ?? ''}${fields}`.trim();
  } catch { return `${response.status}`; }
}

// A write the API turns away while changes propagate behind their bound (503 with Retry-After) is sent again after
// the wait it asks for, a few times, as a portal should.
async function send(url, init, status) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, init);
    const wait = Number(response.headers.get('Retry-After'));
    if (response.status !== 503 || !wait || attempt === 5) return response;
    if (status) say(status, `Busy: retrying in ${wait} s…`);
    await new Promise(resolve => setTimeout(resolve, wait * 1000));
  }
}

function body(form, numbers, lists) {
  const data = {};
  for (const [key, value] of new FormData(form)) {
    if (key === 'id' || value === '') continue;
    data[key] = numbers.includes(key) ? Number(value) : lists.includes(key) ? value.split(',').map(s => s.trim()).filter(Boolean) : value;
  }
  return data;
}

async function put(kind, form, numbers, lists, status) {
  const id = form.elements.id.value.trim();
  const response = await send(`/v1/${kind}/${encodeURIComponent(id)}`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body(form, numbers, lists)),
  }, status);
  say(status, response.ok ? `Saved ${kind.slice(0, -1)} ${id} (version ${(await response.json()).version}).` : await problemText(response), !response.ok);
  return response.ok ? id : null;
}

function render(shortlist) {
  const list = $('#shortlist');
  list.replaceChildren(...shortlist.items.map(item => {
    const li = document.createElement('li');
    li.dataset.offerId = item.offerId;
    const title = document.createElement('strong');
    title.textContent = item.title;
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = ` ${item.score.toFixed(3)} · ${item.offerId} `;
    const withdraw = document.createElement('button');
    withdraw.type = 'button';
    withdraw.textContent = 'Withdraw';
    withdraw.onclick = async () => {
      const r = await send(`/v1/offers/${encodeURIComponent(item.offerId)}`, { method: 'DELETE' }, $('#offer-status'));
      say($('#offer-status'), r.ok ? `Withdrew ${item.offerId}.` : await problemText(r), !r.ok);
    };
    const reasons = document.createElement('div');
    reasons.className = 'reasons';
    reasons.textContent = item.reasons.join(' · ');
    li.append(title, score, withdraw, reasons);
    return li;
  }));
  if (shortlist.items.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No offer fits yet.' }));
}

// The shortlist stream sends the current list first, then every change (API.md "Push").
function follow(needId) {
  events?.close();
  events = new EventSource(`/v1/needs/${encodeURIComponent(needId)}/shortlist/events?k=5`);
  events.addEventListener('shortlist', e => { render(JSON.parse(e.data)); $('#live').textContent = `live, updated ${new Date().toLocaleTimeString()}`; });
  events.onerror = () => { $('#live').textContent = 'reconnecting…'; };
}

$('#need-form').addEventListener('submit', async e => {
  e.preventDefault();
  const id = await put('needs', e.target, ['minTrl'], [], $('#need-status'));
  if (id) follow(id);
});

$('#offer-form').addEventListener('submit', async e => {
  e.preventDefault();
  await put('offers', e.target, ['trl'], ['keywords'], $('#offer-status'));
});

for (const pick of document.querySelectorAll('.picks button')) {
  pick.onclick = () => { $('#need-form').elements.title.value = pick.dataset.title; $('#need-form').requestSubmit(); };
}

$('#load-demo').onclick = async () => {
  const status = $('#demo-status');
  say(status, 'Loading…');
  for (const kind of ['offers', 'needs']) {
    const items = await (await fetch(`demo/${kind}.json`)).text();
    const r = await send(`/v1/${kind}/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: items });
    if (!r.ok) { say(status, await problemText(r), true); return; }
    say(status, `${status.textContent.replace('Loading…', '')} ${kind}: ${(await r.json()).accepted} accepted.`);
  }
};

// /#need=ID follows a stored need at once (a link a portal can share).
const shared = new URLSearchParams(location.hash.slice(1)).get('need');
if (shared) { $('#need-form').elements.id.value = shared; follow(shared); }
