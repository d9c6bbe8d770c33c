// Framewise search page. Every text that comes from the videos (OCR, descriptions, titles) goes
// into the page as text nodes (textContent), never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const q = $('q');
const videoFilter = $('video');
const clusterFilter = $('cluster');
const dateFrom = $('date-from');
const dateTo = $('date-to');
const modeFilter = $('mode');
const groupFilter = $('group');
const statusLine = $('status');
const results = $('results');
const resultsView = $('results-view');
const videoView = $('video-view');
const player = $('player');

const PAGE_SIZE = 20;
let page = 0;
let inFlight = null;
let typingTimer = null;
/** Each cluster as /api/clusters describes it: top words, frames, videos, representative keyframe. */
const clusterInfo = new Map();

/** A cluster's name for people: its top words; null until /api/clusters has answered, or none. */
function clusterName(id) {
  const c = clusterInfo.get(id);
  return (c && (c.top_terms || []).join(', ')) || null;
}

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function setStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', !!isError);
}

async function getJson(url) {
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  let response;
  try {
    response = await fetch(url, { signal: inFlight.signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Error('The search server cannot be reached.');
  }
  return readJson(response);
}

/** The answer's JSON body; an Error with the API's reason (or the status) when it is not ok. */
async function readJson(response) {
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const why = body && body.error ? body.error : 'HTTP ' + response.status;
    throw new Error(response.status === 503 ? 'Search is unavailable: ' + why : why);
  }
  return body;
}

/**
 * The SMPTE timecode (HH:MM:SS:FF; HH:MM:SS;FF with drop-frame counting at 29.97 and 59.94 fps) of
 * the frame shown at ms: the one way the page writes a time, the way the index stores each keyframe's
 * and spoken line's (pipeline Timecode, whose counting this follows).
 */
function timecode(ms, fps) {
  const rate = fps > 0 ? fps : 25;
  const frame = Math.max(0, Math.round(ms * rate / 1000));
  const base = Math.max(1, Math.round(rate));
  const dropFrame = (base === 30 || base === 60) && Math.abs(rate - base * 1000 / 1001) < 1e-3;
  let counted = frame;
  if (dropFrame) {
    const drop = base / 15;
    const perTenMinutes = base * 600 - drop * 9;
    const perMinute = base * 60 - drop;
    const rest = frame % perTenMinutes;
    counted = frame + drop * 9 * Math.floor(frame / perTenMinutes);
    if (rest > drop) counted += drop * Math.floor((rest - drop) / perMinute);
  }
  const two = (n) => String(n).padStart(2, '0');
  const seconds = Math.floor(counted / base);
  return two(Math.floor(seconds / 3600)) + ':' + two(Math.floor(seconds / 60) % 60) + ':' + two(seconds % 60)
    + (dropFrame ? ';' : ':') + two(counted % base);
}

/** The snippet as text nodes, the query's words wrapped in <mark>. */
function highlighted(text, query) {
  const out = document.createDocumentFragment();
  const words = (query || '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  if (!words.length || !text) { out.append(document.createTextNode(text || '')); return out; }
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp('(' + escaped.join('|') + ')', 'giu');
  let last = 0;
  for (const m of text.matchAll(re)) {
    out.append(document.createTextNode(text.slice(last, m.index)));
    out.append(el('mark', { text: m[0] }));
    last = m.index + m[0].length;
  }
  out.append(document.createTextNode(text.slice(last)));
  return out;
}

function thumb(src, timecode, alt) {
  return el('span', { class: 'thumb' },
    src ? el('img', { src, alt: alt || '', loading: 'lazy' }) : null,
    el('span', { class: 'timecode', text: timecode }));
}

/** Selects a cluster in the filter, adding it when the list does not have it (yet). */
function selectCluster(id) {
  if (id && ![...clusterFilter.options].some((o) => o.value === id)) {
    clusterFilter.append(el('option', { value: id, text: id }));
  }
  clusterFilter.value = id || '';
}

/**
 * What the cluster filter searches within, above the results: the cluster's words, its
 * representative keyframe and size (once /api/clusters has answered), and a way out of it.
 */
function renderClusterBanner() {
  const searching = !resultsView.hidden && !location.hash.startsWith('#/similar/');
  const id = searching ? clusterFilter.value : '';
  const banner = $('cluster-banner');
  banner.hidden = !id;
  if (!id) return;
  const info = clusterInfo.get(id);
  const name = clusterName(id) || id;
  $('cluster-name').textContent = name;
  $('cluster-size').textContent = info
    ? '(' + info.frames + (info.frames === 1 ? ' frame' : ' frames') + ' in ' + info.videos + (info.videos === 1 ? ' video)' : ' videos)')
    : '';
  const img = $('cluster-thumbnail');
  img.hidden = !(info && info.thumbnail);
  if (info && info.thumbnail) {
    if (img.getAttribute('src') !== info.thumbnail) img.src = info.thumbnail;
    img.alt = 'representative keyframe of the cluster ' + name;
  } else {
    img.removeAttribute('src');
  }
}

function clusterChip(id) {
  if (!id) return null;
  const name = clusterName(id);
  return el('button', { type: 'button', class: 'cluster', 'data-cluster': id,
    title: 'Search within this cluster of similar shots' + (name ? ': ' + name : ''),
    onclick: () => { selectCluster(id); page = 0; go('#/?' + params().toString()); } }, 'cluster ' + id);
}

/** The video page's address: the video, the frame found (selected) and the time to play from. */
function videoLink(videoId, frameId, ms) {
  const p = new URLSearchParams();
  if (frameId) p.set('frame', frameId);
  if (ms !== undefined && ms !== null) p.set('t', String(Math.max(0, Math.round(ms))));
  const query = p.toString();
  return '#/video/' + encodeURIComponent(videoId) + (query ? '?' + query : '');
}

/**
 * The hits as result cards, in rank order; with {@code grouped}, under one heading per video (in
 * the order of each video's best moment on the page), its moments in rank order below it.
 */
function renderHits(hits, query, grouped) {
  stopInline();
  results.replaceChildren();
  const groups = new Map();
  const listFor = (h) => {
    if (!grouped) return results;
    if (!groups.has(h.video_id)) {
      const list = el('ol', { class: 'moments' });
      const heading = el('h3', {}, el('a', { href: videoLink(h.video_id, null, null) }, h.title || h.video_id));
      results.append(el('li', { class: 'video-group', 'data-video': h.video_id }, heading, list));
      groups.set(h.video_id, { list, heading, n: 0 });
    }
    const g = groups.get(h.video_id);
    g.n += 1;
    return g.list;
  };
  hits.forEach((h, i) => {
    const href = videoLink(h.video_id, h.id, h.ms);
    const label = (h.title || h.video_id) + ' at ' + h.timecode;
    const card = el('li', { class: 'result', 'data-id': h.id, 'data-video': h.video_id, 'data-ms': h.ms, 'data-shot': h.shot },
      el('div', { class: 'moment' },
        el('a', { class: 'thumb-link', href, tabindex: '-1', 'aria-hidden': 'true' }, thumb(h.thumbnail, h.timecode, ''))),
      el('div', {},
        el('a', { class: 'title', href, 'data-index': i, 'aria-label': label }, h.title || h.video_id),
        el('div', { class: 'where' },
          el('span', { class: 'timecode', text: h.timecode }),
          ' · shot ' + h.shot + ' · frame ' + h.frame),
        el('p', { class: 'snippet' }, highlighted(h.snippet, query)),
        el('button', { type: 'button', class: 'play-shot', 'aria-label': 'Play shot ' + h.shot + ' here from ' + h.timecode,
          'data-label': 'Play shot ' + h.shot + ' here from ' + h.timecode,
          onclick: (e) => toggleInline(card, h, e.currentTarget) }, 'Play shot'),
        ' ',
        el('button', { type: 'button', class: 'more-like-this', onclick: () => go('#/similar/' + encodeURIComponent(h.id)) },
          'More like this'),
        clusterChip(h.cluster_id)));
    listFor(h).append(card);
  });
  for (const g of groups.values()) g.heading.append(' · ' + g.n + (g.n === 1 ? ' moment' : ' moments'));
}

/**
 * Each video's page (its media and shots) as the result cards' inline players need it: fetched on
 * the first Play of one of its moments, once per search. Its own requests, so that playing never
 * aborts a search in flight (getJson keeps one at a time).
 */
const videoPages = new Map();

function inlineVideoPage(videoId) {
  if (!videoPages.has(videoId)) {
    const loading = fetch('/api/videos/' + encodeURIComponent(videoId), { headers: { Accept: 'application/json' } })
      .then(readJson);
    // A failure is not kept: the next Play asks again.
    loading.catch(() => videoPages.delete(videoId));
    videoPages.set(videoId, loading);
  }
  return videoPages.get(videoId);
}

/** The card whose shot plays inline (one at a time), or null. */
let inlineCard = null;

/** Takes the inline player (or its note) out of the card that has one, its thumbnail back. */
function stopInline() {
  if (!inlineCard) return;
  const card = inlineCard;
  inlineCard = null;
  const video = card.querySelector('video.inline-player');
  if (video) {
    video.pause();
    video.removeAttribute('src');
    video.load(); // lets go of the connection
  }
  for (const extra of card.querySelectorAll('.inline-player, .inline-note')) extra.remove();
  card.querySelector('.thumb-link').hidden = false;
  card.classList.remove('playing');
  const button = card.querySelector('button.play-shot');
  button.textContent = 'Play shot';
  button.setAttribute('aria-label', button.dataset.label);
}

function toggleInline(card, h, button) {
  if (inlineCard === card) { stopInline(); return; }
  stopInline();
  inlineCard = card;
  card.classList.add('playing');
  button.textContent = 'Stop';
  button.setAttribute('aria-label', 'Stop playing shot ' + h.shot);
  playInline(card, h).catch((e) => {
    if (inlineCard !== card) return;
    card.querySelector('.moment').append(el('p', { class: 'inline-note', text: 'This shot cannot be played: ' + e.message + '.' }));
  });
}

/**
 * Plays the card's shot in the card: from the moment found to the shot's end, where it stops on the
 * shot's last frame. A video the browser cannot play says why, as its video page does (which plays
 * its keyframes instead).
 */
async function playInline(card, h) {
  const page = await inlineVideoPage(h.video_id);
  if (inlineCard !== card) return; // another card was played (or the results changed) meanwhile
  const moment = card.querySelector('.moment');
  if (!page.media || !page.media.url) {
    moment.append(el('p', { class: 'inline-note', text: 'This video cannot be played here: '
      + ((page.media && page.media.unplayable) || 'no file') + '. Its video page plays its keyframes.' }));
    return;
  }
  const shot = page.shots.find((s) => s.shot === h.shot);
  const fps = page.video.fps > 0 ? page.video.fps : 25;
  const startS = h.ms / 1000;
  const endMs = shot ? shot.end_ms : page.video.duration_ms;
  // Where it stops: half a frame before the next shot's first frame, which shows the shot's last.
  const stopS = Math.max(startS, endMs / 1000 - 0.5 / fps);
  const video = el('video', { class: 'inline-player', controls: true, preload: 'metadata', playsinline: true,
    'data-end-ms': endMs, 'aria-label': 'Shot ' + h.shot + ' of ' + (h.title || h.video_id) + ' from ' + h.timecode });
  let stopped = false;
  const stopAtEnd = () => {
    if (stopped || video.currentTime < stopS - 1 / fps) return false;
    stopped = true;
    video.pause();
    video.currentTime = stopS;
    return true;
  };
  // Each frame shown is checked where the browser can say so (stopping within a frame); timeupdate,
  // a few times a second, is the fallback.
  const watchFrames = () => video.requestVideoFrameCallback(() => { if (!stopAtEnd()) watchFrames(); });
  video.addEventListener('timeupdate', stopAtEnd);
  video.addEventListener('loadedmetadata', () => {
    video.addEventListener('seeked', () => {
      if ('requestVideoFrameCallback' in video) watchFrames();
      video.play().catch(() => { /* autoplay refused: the user presses play */ });
    }, { once: true });
    video.currentTime = startS;
  }, { once: true });
  // Played again after it stopped at the end, it starts at the moment once more (from where the
  // user moved it, when that is before the end).
  video.addEventListener('play', () => {
    if (!stopped) return;
    stopped = false;
    if (video.currentTime >= stopS - 1 / fps) video.currentTime = startS;
    if ('requestVideoFrameCallback' in video) watchFrames();
  });
  video.src = page.media.url;
  card.querySelector('.thumb-link').hidden = true;
  moment.append(video);
}

function params() {
  const p = new URLSearchParams();
  if (q.value.trim()) p.set('q', q.value.trim());
  if (videoFilter.value) p.set('video', videoFilter.value);
  if (clusterFilter.value) p.set('cluster', clusterFilter.value);
  if (dateFrom.value) p.set('date_from', dateFrom.value);
  if (dateTo.value) p.set('date_to', dateTo.value);
  if (modeFilter.value && modeFilter.value !== 'hybrid') p.set('mode', modeFilter.value);
  if (groupFilter.checked) p.set('group', 'video');
  if (page > 0) p.set('from', String(page * PAGE_SIZE));
  return p;
}

/** Previous and Next under the results, and which of them are shown. */
function renderPager(from, shown, total, exact) {
  const pager = $('pager');
  pager.hidden = !shown || (from === 0 && shown >= total && exact);
  if (pager.hidden) return;
  $('page-range').textContent = (from + 1) + '–' + (from + shown) + ' of ' + (exact ? '' : 'at least ') + total;
  $('previous-page').disabled = from === 0;
  $('next-page').disabled = from + shown >= total && exact;
}

function turnPage(delta) {
  page = Math.max(0, page + delta);
  go('#/?' + params().toString());
}

function showResultsView() {
  if (!player.paused) player.pause();
  stopSlides();
  videoView.hidden = true;
  resultsView.hidden = false;
}

async function runSearch(p) {
  showResultsView();
  renderClusterBanner();
  const query = p.get('q');
  if (!query) {
    results.replaceChildren(el('li', { class: 'empty', text: 'Type what you remember seeing: words on a slide, a title, a scene.' }));
    $('pager').hidden = true;
    setStatus('');
    return;
  }
  setStatus('Searching…');
  videoPages.clear();
  const from = Number.parseInt(p.get('from') || '0', 10) || 0;
  const api = new URLSearchParams(p);
  api.delete('group'); // the page groups what the API ranks
  api.set('size', String(PAGE_SIZE));
  try {
    const body = await getJson('/api/search?' + api.toString());
    renderHits(body.results, query, p.get('group') === 'video');
    const exact = body.total_relation !== 'gte';
    renderPager(from, body.results.length, body.total, exact);
    if (!body.results.length) {
      results.append(el('li', { class: 'empty', text: from > 0
        ? 'No more moments match “' + query + '”.'
        : 'No moments match “' + query + '”. Try other words or fewer filters.' }));
      setStatus('No results.');
    } else {
      setStatus((exact ? '' : 'At least ') + body.total + ' found in ' + body.took_ms + ' ms (' + body.mode + ').');
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    results.replaceChildren();
    $('pager').hidden = true;
    setStatus(e.message, true);
  }
}

async function runSimilar(frameId) {
  showResultsView();
  renderClusterBanner();
  setStatus('Finding frames like ' + frameId + '…');
  try {
    const body = await getJson('/api/frames/' + frameId.split('/').map(encodeURIComponent).join('/') + '/similar?size=20');
    renderHits(body.results, '');
    $('pager').hidden = true;
    results.prepend(el('li', { class: 'where', id: 'similar-heading', text: 'Frames like ' + frameId + ' (by ' + body.by.replace('_', ' ') + ')' }));
    if (!body.results.length) {
      results.append(el('li', { class: 'empty', text: 'No other frame is like this one.' }));
    }
    setStatus(body.results.length + ' similar frames in ' + body.took_ms + ' ms.');
  } catch (e) {
    if (e.name === 'AbortError') return;
    results.replaceChildren();
    setStatus(e.message, true);
  }
}

/**
 * Plays the video from {@code seconds}: once its metadata is there (a new source), else at once.
 * Playing may be refused without a user gesture (autoplay rules); the player then waits at the
 * moment, paused.
 */
function seekTo(seconds, play) {
  const seek = () => {
    // Playing starts once the seek has landed, so that it starts at the moment itself.
    if (play) player.addEventListener('seeked', () => player.play().catch(() => { /* autoplay refused: the user presses play */ }), { once: true });
    player.currentTime = Math.max(0, Math.min(seconds, Number.isFinite(player.duration) ? player.duration : seconds));
  };
  if (player.readyState >= 1) seek(); else player.addEventListener('loadedmetadata', seek, { once: true });
}

/** The player for the video's file, at {@code startMs}; a note instead when it cannot play here. */
/**
 * A video the browser cannot play, played as its keyframes: each shown from its time until the
 * next one's, the clock running in real time, so the moments found can still be watched in order.
 */
const slides = { frames: [], ms: 0, endMs: 0, fps: 25, timer: null };

function showSlideshow(frames, startMs, endMs, fps) {
  slides.frames = frames.slice().sort((a, b) => a.ms - b.ms);
  slides.endMs = endMs;
  slides.fps = fps;
  stopSlides();
  $('slideshow').hidden = !slides.frames.length;
  slideAt(startMs);
}

/** Shows the keyframe on screen at ms: the last one at or before it (the first before any). */
function slideAt(ms) {
  slides.ms = Math.max(0, Math.min(ms, slides.endMs));
  let shown = slides.frames[0];
  for (const f of slides.frames) {
    if (f.ms > slides.ms) break;
    shown = f;
  }
  if (!shown) return;
  const img = $('slide');
  if (img.getAttribute('src') !== shown.thumbnail) img.src = shown.thumbnail;
  img.alt = 'keyframe at ' + shown.timecode;
  img.dataset.frame = shown.id;
  $('slide-time').textContent = timecode(slides.ms, slides.fps);
}

function stopSlides() {
  if (slides.timer) clearInterval(slides.timer);
  slides.timer = null;
  $('slide-play').textContent = 'Play';
}

function toggleSlides() {
  if (slides.timer) { stopSlides(); return; }
  if (slides.ms >= slides.endMs) slideAt(0);
  const tick = 100;
  slides.timer = setInterval(() => {
    slideAt(slides.ms + tick);
    if (slides.ms >= slides.endMs) stopSlides();
  }, tick);
  $('slide-play').textContent = 'Pause';
}

function showPlayer(media, startMs, frames, endMs, fps) {
  const note = $('player-note');
  stopSlides();
  if (!media || !media.url) {
    if (!player.paused) player.pause();
    player.hidden = true;
    player.removeAttribute('src');
    note.textContent = 'This video cannot be played here: ' + ((media && media.unplayable) || 'no file') + '. Its keyframes play in its time instead.';
    note.hidden = false;
    showSlideshow(frames || [], startMs, endMs || 0, fps);
    return;
  }
  $('slideshow').hidden = true;
  note.hidden = true;
  player.hidden = false;
  if (player.getAttribute('src') !== media.url) {
    player.src = media.url;
  }
  seekTo(startMs / 1000, true);
}

/** A click handler that plays the video from {@code ms} (the shot strip, scenes, keyframes). */
function playFrom(ms) {
  return (e) => {
    e.preventDefault();
    if (player.hidden) {
      if (!$('slideshow').hidden) {
        slideAt(ms);
        $('slideshow').scrollIntoView({ block: 'nearest' });
      }
      return;
    }
    seekTo(ms / 1000, true);
    player.scrollIntoView({ block: 'nearest' });
  };
}

async function runVideo(videoId, frameId, startMs) {
  stopInline();
  resultsView.hidden = true;
  videoView.hidden = false;
  setStatus('Loading the video…');
  try {
    const page = await getJson('/api/videos/' + encodeURIComponent(videoId));
    const v = page.video;
    $('video-title').textContent = v.title || v.video_id;
    $('video-meta').textContent = [v.width + '×' + v.height, v.fps.toFixed(2) + ' fps', 'length ' + timecode(v.duration_ms, v.fps),
      page.shots.length + ' shots', v.summary ? v.summary.scenes + ' scenes' : null, v.uri || ''].filter(Boolean).join(' · ');
    renderSummary(v.summary);
    let start = startMs;
    if (start === null && frameId) {
      const found = page.shots.flatMap((s) => s.frames).find((f) => f.id === frameId);
      if (found) start = found.ms;
    }
    showPlayer(page.media, start || 0, page.shots.flatMap((s) => s.frames), v.duration_ms, v.fps);
    const at = (ms) => timecode(ms, v.fps);
    const sceneOf = renderScenes(page.scenes, at);
    const strip = $('shot-strip');
    const shots = $('shots');
    strip.replaceChildren();
    shots.replaceChildren();
    for (const s of page.shots) {
      const anchor = 'shot-' + s.shot;
      const firstTimecode = s.frames.length ? s.frames[0].timecode : at(s.start_ms);
      strip.append(el('li', {},
        el('a', { href: '#' + anchor, 'data-shot': s.shot, 'data-ms': s.start_ms, title: 'Play shot ' + s.shot + ' from ' + at(s.start_ms),
          onclick: (e) => { jumpToShot(s.shot)(e); playFrom(s.start_ms)(e); } },
          thumb(s.thumbnail, firstTimecode, ''), 'Shot ' + s.shot)));
      const frames = el('div', { class: 'frames' });
      for (const f of s.frames) {
        frames.append(el('div', { class: 'frame' + (f.id === frameId ? ' selected' : ''), 'data-id': f.id },
          el('a', { href: '#', class: 'play', 'data-ms': f.ms, title: 'Play from ' + f.timecode, onclick: playFrom(f.ms) },
            thumb(f.thumbnail, f.timecode, 'keyframe at ' + f.timecode)),
          el('button', { type: 'button', class: 'more-like-this', onclick: () => go('#/similar/' + encodeURIComponent(f.id)) }, 'More like this')));
      }
      shots.append(el('section', { class: 'shot', id: anchor, tabindex: '-1', 'aria-label': 'Shot ' + s.shot },
        el('h3', {}, 'Shot ' + s.shot + ' · ' + at(s.start_ms) + '–' + at(s.end_ms) + (s.transition_in ? ' · ' + s.transition_in : '')
          + (sceneOf.has(s.shot) ? ' · scene ' + sceneOf.get(s.shot) : '')),
        clusterChip(s.cluster_id),
        el('p', { class: 'text', text: s.text }),
        frames));
    }
    if (!page.shots.length) shots.append(el('p', { class: 'empty', text: 'No shots were indexed for this video.' }));
    setStatus('');
    const selected = frameId && document.querySelector('.frame.selected');
    if (selected) {
      const shot = selected.closest('.shot');
      shot.scrollIntoView({ block: 'start' });
      shot.focus();
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    setStatus(e.message, true);
  }
}

/** A click handler that scrolls to a shot of the video page and focuses it. */
function jumpToShot(shot) {
  return (e) => {
    e.preventDefault();
    const target = $('shot-' + shot);
    if (target) { target.scrollIntoView(); target.focus(); }
  };
}

/** The video's summary line: keywords, text coverage, dominant colours (as swatches). */
function renderSummary(summary) {
  const line = $('video-summary');
  line.replaceChildren();
  if (!summary) return;
  const parts = [];
  if (summary.top_keywords.length) parts.push('keywords: ' + summary.top_keywords.join(', '));
  parts.push('text on screen ' + Math.round(summary.text_coverage * 100) + '% of the time');
  parts.push('mean shot ' + (summary.mean_shot_ms / 1000).toFixed(1) + ' s');
  if (summary.near_duplicates.length) parts.push('near-duplicate of ' + summary.near_duplicates.join(', '));
  line.append(parts.join(' · '));
  for (const colour of summary.dominant_colours) {
    if (!/^#[0-9a-fA-F]{6}$/.test(colour)) continue;
    const swatch = el('span', { class: 'swatch', title: colour, 'aria-label': 'colour ' + colour, role: 'img' });
    swatch.style.backgroundColor = colour; // CSSOM, which the Content-Security-Policy allows
    line.append(' ', swatch);
  }
}

/** The scenes list, times written by at(ms); answers each shot's scene. */
function renderScenes(scenes, at) {
  const list = $('scenes');
  list.replaceChildren();
  const sceneOf = new Map();
  for (const sc of scenes) {
    const shots = el('span', { class: 'scene-shots' }, sc.shots.length === 1 ? 'shot ' : 'shots ');
    sc.shots.forEach((n, i) => {
      sceneOf.set(n, sc.scene);
      if (i) shots.append(', ');
      shots.append(el('a', { href: '#shot-' + n, 'data-shot': n, onclick: jumpToShot(n) }, String(n)));
    });
    // The overlay gives the scene's time range (its keyframe may be from a later shot).
    const range = at(sc.start_ms) + '–' + at(sc.end_ms);
    list.append(el('li', { class: 'scene', 'data-scene': sc.scene },
      el('a', { href: '#', class: 'play', 'data-ms': sc.start_ms, title: 'Play scene ' + sc.scene + ' from ' + at(sc.start_ms), onclick: playFrom(sc.start_ms) },
        thumb(sc.thumbnail, range, 'scene ' + sc.scene + ', ' + range)),
      el('div', {},
        el('strong', { text: 'Scene ' + sc.scene }),
        ' · ',
        shots)));
  }
  $('scenes-view').hidden = !scenes.length;
  return sceneOf;
}

function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function route() {
  const hash = location.hash || '#/';
  if (hash.startsWith('#/video/')) {
    const [path, query] = hash.slice('#/video/'.length).split('?');
    const p = new URLSearchParams(query || '');
    const t = Number.parseInt(p.get('t'), 10);
    runVideo(decodeURIComponent(path), p.get('frame'), Number.isFinite(t) && t >= 0 ? t : null);
  } else if (hash.startsWith('#/similar/')) {
    runSimilar(decodeURIComponent(hash.slice('#/similar/'.length)));
  } else {
    const p = new URLSearchParams(hash.split('?')[1] || '');
    // The address is the state: every field takes its value from it, or its default.
    const query = p.get('q') || '';
    if (q.value.trim() !== query) q.value = query;
    for (const [field, name] of [[videoFilter, 'video'], [dateFrom, 'date_from'], [dateTo, 'date_to']]) {
      field.value = p.get(name) || '';
    }
    selectCluster(p.get('cluster'));
    modeFilter.value = ['text', 'vector'].includes(p.get('mode')) ? p.get('mode') : 'hybrid';
    groupFilter.checked = p.get('group') === 'video';
    page = Math.floor((Number.parseInt(p.get('from') || '0', 10) || 0) / PAGE_SIZE);
    runSearch(p);
  }
}

function searchNow() {
  clearTimeout(typingTimer);
  page = 0;
  const hash = '#/?' + params().toString();
  if (location.hash !== hash) history.replaceState(null, '', hash);
  runSearch(params());
}

async function loadVideos() {
  try {
    const body = await fetch('/api/videos').then((r) => (r.ok ? r.json() : { videos: [] }));
    for (const v of body.videos) videoFilter.append(el('option', { value: v.video_id, text: v.title || v.video_id }));
    const p = new URLSearchParams((location.hash.split('?')[1]) || '');
    if (p.has('video')) videoFilter.value = p.get('video');
  } catch (e) { /* The filter stays at "all videos"; searching reports the error. */ }
}

async function loadClusters() {
  try {
    const body = await fetch('/api/clusters').then((r) => (r.ok ? r.json() : { clusters: [] }));
    for (const c of body.clusters) {
      clusterInfo.set(c.cluster_id, c);
      const text = (clusterName(c.cluster_id) || c.cluster_id) + ' (' + c.frames + ' frames, ' + c.videos + (c.videos === 1 ? ' video)' : ' videos)');
      // A cluster the address selected before the list came is named now.
      const known = [...clusterFilter.options].find((o) => o.value === c.cluster_id);
      if (known) known.textContent = text;
      else clusterFilter.append(el('option', { value: c.cluster_id, text }));
    }
    const p = new URLSearchParams((location.hash.split('?')[1]) || '');
    if (p.has('cluster')) selectCluster(p.get('cluster'));
    renderClusterBanner(); // a search that ran before the list came names its cluster now
  } catch (e) { /* The filter stays at "all clusters"; searching reports the error. */ }
}

q.addEventListener('input', () => { clearTimeout(typingTimer); typingTimer = setTimeout(searchNow, 200); });
$('search-form').addEventListener('submit', (e) => { e.preventDefault(); searchNow(); });
for (const f of [videoFilter, clusterFilter, dateFrom, dateTo, modeFilter, groupFilter]) f.addEventListener('change', searchNow);
$('previous-page').addEventListener('click', () => turnPage(-1));
$('next-page').addEventListener('click', () => turnPage(1));
$('slide-play').addEventListener('click', toggleSlides);
$('cluster-clear').addEventListener('click', () => { clusterFilter.value = ''; searchNow(); });
// The transcript's lines (spoken.js) play the video from where each is said.
document.addEventListener('framewise:play', (e) => playFrom(e.detail.ms)(e));

document.addEventListener('keydown', (e) => {
  const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement.tagName);
  if (e.key === '/' && !typing) { e.preventDefault(); q.focus(); q.select(); return; }
  if (e.key === 'Escape') { if (!location.hash.startsWith('#/?') && location.hash !== '#/') go('#/?' + params().toString()); q.focus(); return; }
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const links = [...results.querySelectorAll('a.title')];
  if (!links.length) return;
  const at = links.indexOf(document.activeElement);
  if (document.activeElement === q && e.key === 'ArrowDown') { e.preventDefault(); links[0].focus(); }
  else if (at >= 0) {
    e.preventDefault();
    if (e.key === 'ArrowDown' && at + 1 < links.length) links[at + 1].focus();
    else if (e.key === 'ArrowUp') (at === 0 ? q : links[at - 1]).focus();
  }
});

window.addEventListener('hashchange', route);
loadVideos();
loadClusters();
route();
