// upright: progressive enhancement only (every form works without this).
// - sets are logged through the API with an idempotency key and queued in
//   localStorage when offline, synced once when the connection returns;
// - the rest timer and hold countdowns are computed from timestamps, so they
//   stay right after the screen locks;
// - the service worker keeps today's session readable offline;
// - logging out clears the pages it kept and the queue (after a last sync).
(function () {
  'use strict';
  var QUEUE = 'upright.queue';
  var REST = 'upright.restUntil';
  var csrf = document.body.getAttribute('data-csrf') || '';
  var login = document.body.getAttribute('data-login') || '';
  var status = document.getElementById('sync-status');

  function say(text) { if (status) status.textContent = text; }
  function queue() { try { return JSON.parse(localStorage.getItem(QUEUE) || '[]'); } catch (e) { return []; } }
  function save(q) { localStorage.setItem(QUEUE, JSON.stringify(q)); }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  // The SETS notation of one set, as the server's form handler builds it.
  function oneSet(form) {
    var hold = form.elements.hold && form.elements.hold.value.trim();
    var reps = form.elements.reps && form.elements.reps.value.trim();
    var load = form.elements.load && form.elements.load.value.trim().replace(',', '.');
    if (hold) return '1x' + hold + 's';
    return '1x' + reps + (load ? '@' + load : '');
  }

  // A set queued by one person is only ever sent for that person: when a
  // session ran out and someone else logged in on this phone, it waits for
  // its owner (queued before owners were recorded: taken as the current one).
  function mine(x) { return !x.who || x.who === login; }
  var flushing = false;
  function flush() {
    if (flushing || !csrf) return Promise.resolve();
    var q = queue().filter(mine);
    if (!q.length) return Promise.resolve();
    flushing = true;
    var item = q[0];
    return fetch('/api/v1/logs', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.key, 'X-CSRF-Token': csrf },
      body: JSON.stringify(item.body)
    }).then(function (res) {
      flushing = false;
      if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 408 && res.status !== 429)) {
        // Written, seen before, or refused for good: drop it from the queue.
        save(queue().filter(function (x) { return x.key !== item.key; }));
        return res.json().then(function (j) {
          say(res.ok ? 'Logged ' + (j.name || '') + ': ' + (j.sets_text || '') + (queue().length ? ' (' + queue().length + ' waiting)' : '')
                     : 'Not logged: ' + (j.field ? j.field + ': ' : '') + (j.message || res.status));
        }, function () {}).then(flush);
      }
      say(queue().length + ' set(s) waiting to sync');
    }, function () {
      flushing = false;
      say('Offline: ' + queue().length + ' set(s) saved on this phone, sent when you are back online');
    });
  }

  // Rest timer and hold countdowns from timestamps.
  var restBox = document.getElementById('rest');
  var restLeft = document.getElementById('rest-left');
  function tick() {
    var until = Number(localStorage.getItem(REST) || 0);
    var left = Math.ceil((until - Date.now()) / 1000);
    if (restBox) {
      restBox.hidden = !(left > 0);
      if (left > 0) restLeft.textContent = String(left);
      else if (until && navigator.vibrate) { navigator.vibrate(300); localStorage.removeItem(REST); }
    }
    var holds = document.querySelectorAll('button.countdown[data-until]');
    for (var i = 0; i < holds.length; i++) {
      var b = holds[i];
      var l = Math.ceil((Number(b.getAttribute('data-until')) - Date.now()) / 1000);
      if (l > 0) b.textContent = 'Hold: ' + l + ' s';
      else { b.removeAttribute('data-until'); b.textContent = 'Done: log it'; if (navigator.vibrate) navigator.vibrate(300); }
    }
  }
  setInterval(tick, 250);
  document.addEventListener('visibilitychange', tick);
  var stop = document.getElementById('rest-stop');
  if (stop) stop.addEventListener('click', function () { localStorage.removeItem(REST); tick(); });

  document.addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('button.countdown');
    if (!b) return;
    b.setAttribute('data-until', String(Date.now() + Number(b.getAttribute('data-seconds')) * 1000));
    tick();
  });

  var forms = document.querySelectorAll('form.log-set');
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener('submit', function (ev) {
      ev.preventDefault();
      var form = ev.currentTarget;
      var body = { exercise: form.getAttribute('data-exercise'), sets: oneSet(form) };
      var rpe = form.elements.rpe && form.elements.rpe.value.trim();
      if (rpe) body.rpe = rpe;
      var q = queue();
      q.push({ key: uuid(), body: body, at: Date.now(), who: login });
      save(q);
      var rest = Number(form.getAttribute('data-rest') || 0);
      if (rest > 0) localStorage.setItem(REST, String(Date.now() + rest * 1000));
      tick();
      say('Saved; syncing...');
      flush();
    });
  }

  // Logging out: the pages the service worker kept (today's session, the
  // plan) and this phone's queue are the leaving person's, and the next
  // person on the phone must not see them offline nor sync them into their
  // own account. Sync what waits, then clear both before the form goes. The
  // server's answer also carries Clear-Site-Data, for a page without this
  // script; this covers browsers that ignore that header.
  var logout = document.querySelector('form[action="/logout"]');
  if (logout) logout.addEventListener('submit', function (ev) {
    ev.preventDefault();
    flush().then(function () {
      // Only this person's unsent sets are theirs to keep or lose; another
      // person's (an expired session) go too: the phone changes hands.
      var left = queue().filter(mine).length;
      if (left && !window.confirm(left + ' set(s) logged offline have not reached the server yet and will be lost. Log out anyway?')) return;
      localStorage.removeItem(QUEUE);
      localStorage.removeItem(REST);
      var cleared = window.caches
        ? caches.keys().then(function (keys) { return Promise.all(keys.map(function (k) { return caches.delete(k); })); })
        : Promise.resolve();
      // form.submit() fires no submit event: this handler does not run again.
      return cleared.catch(function () {}).then(function () { logout.submit(); });
    });
  });

  window.addEventListener('online', flush);
  setInterval(flush, 15000);
  flush();
  tick();

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(function () {});
  }
})();
