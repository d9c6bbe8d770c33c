// What was said: the spoken lines that match the search (each a link to its moment) and, on a
// video page, the video's transcript beside the shot strip. Separate from app.js; it reads the
// same address (#/?q=… and #/video/{id}) and the search box, and writes only its own sections.
'use strict';
(() => {
  const byId = (id) => document.getElementById(id);
  let controller = null;
  let timer = null;

  function node(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') n.textContent = v;
      else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v);
    }
    for (const c of children) if (c != null) n.append(c);
    return n;
  }

  // The server marks matched words with <em>; they become <mark> elements, the rest text nodes
  // (never HTML from a video).
  function marked(highlight, text) {
    const out = [];
    const parts = (highlight || text || '').split(/<\/?em>/);
    parts.forEach((p, i) => { if (p) out.push(i % 2 ? node('mark', { text: p }) : document.createTextNode(p)); });
    return out;
  }

  async function json(url) {
    if (controller) controller.abort();
    controller = new AbortController();
    const r = await fetch(url, { signal: controller.signal });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }

  // The video page at the line: selected in its transcript, the player starting where it is said.
  function lineLink(l) {
    return '#/video/' + encodeURIComponent(l.video_id) + '?said=' + l.segment + '&t=' + l.start_ms;
  }

  // Plays the video page's player (or its keyframe slideshow) from ms: app.js owns the player and
  // listens for this event, so the two scripts share no functions.
  function playFrom(ms) {
    document.dispatchEvent(new CustomEvent('framewise:play', { detail: { ms } }));
  }

  // The transcript line being said as the player plays (aria-current), following the player's clock.
  function followPlayer() {
    const player = byId('player');
    if (!player) return;
    player.addEventListener('timeupdate', () => {
      const ms = player.currentTime * 1000;
      for (const item of document.querySelectorAll('#transcript .transcript-line')) {
        const now = Number(item.dataset.ms) <= ms && ms < Number(item.dataset.endMs);
        if (now) item.setAttribute('aria-current', 'true'); else item.removeAttribute('aria-current');
      }
    });
  }

  async function showSpoken(query) {
    const view = byId('spoken-view');
    const list = byId('spoken');
    if (!view || !list) return;
    if (!query) { view.hidden = true; list.replaceChildren(); return; }
    try {
      const answer = await json('/api/spoken?size=5&q=' + encodeURIComponent(query));
      list.replaceChildren();
      for (const l of answer.lines) {
        list.append(node('li', { class: 'spoken-line', 'data-video': l.video_id, 'data-segment': String(l.segment) },
          node('a', { href: lineLink(l) },
            node('span', { class: 'timecode', text: l.timecode || '' }), ' ',
            node('span', { class: 'spoken-video', text: l.video_id }), ' · shot ' + l.shot_index),
          node('q', {}, ...marked(l.highlight, l.text))));
      }
      view.hidden = answer.lines.length === 0;
    } catch (e) {
      if (e.name !== 'AbortError') view.hidden = true;
    }
  }

  async function showTranscript(videoId, said) {
    const view = byId('transcript-view');
    const list = byId('transcript');
    if (!view || !list) return;
    list.replaceChildren();
    view.hidden = true;
    try {
      const answer = await json('/api/spoken?video=' + encodeURIComponent(videoId));
      for (const l of answer.lines) {
        const item = node('li', { class: 'transcript-line' + (String(l.segment) === said ? ' selected' : ''),
          'data-segment': String(l.segment), 'data-ms': String(l.start_ms), 'data-end-ms': String(l.end_ms) },
          node('a', { href: '#shot-' + l.shot_index, class: 'play', 'data-ms': String(l.start_ms),
            title: 'Play from ' + (l.timecode || ''), onclick: (e) => {
              e.preventDefault();
              for (const other of list.querySelectorAll('.selected')) other.classList.remove('selected');
              item.classList.add('selected');
              // As the shot strip does: its shot's section focused, and the video played from there.
              const shot = byId('shot-' + l.shot_index);
              if (shot) { shot.scrollIntoView(); shot.focus(); }
              playFrom(l.start_ms);
            } }, node('span', { class: 'timecode', text: l.timecode || '' })),
          ' ', node('span', { class: 'text', text: l.text }));
        list.append(item);
      }
      view.hidden = answer.lines.length === 0;
      const selected = list.querySelector('.selected');
      if (selected) selected.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      if (e.name !== 'AbortError') view.hidden = true;
    }
  }

  function route() {
    const hash = location.hash || '#/';
    if (hash.startsWith('#/video/')) {
      const [path, query] = hash.slice('#/video/'.length).split('?');
      showTranscript(decodeURIComponent(path), new URLSearchParams(query || '').get('said'));
    } else if (hash.startsWith('#/similar/')) {
      showSpoken('');
    } else {
      const p = new URLSearchParams(hash.split('?')[1] || '');
      showSpoken((p.get('q') || '').trim());
    }
  }

  window.addEventListener('hashchange', route);
  followPlayer();
  const box = byId('q');
  if (box) {
    box.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => showSpoken(box.value.trim()), 250);
    });
  }
  route();
})();
