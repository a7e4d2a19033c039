/*
 * Export Hub console. Plain JavaScript, no libraries. Every value from the server is put into the
 * page with textContent, never parsed as HTML.
 */
'use strict';

(function () {
  const state = {
    categories: [],
    formats: new Map(),
    generating: false,
    pinnedFacility: null, // the facility the resolver pins every export to, if any
    now: null // the console's time, from /api/statistics: ranges end there, not at the browser's clock
  };

  const SVG = 'http://www.w3.org/2000/svg';
  const DAY_MS = 24 * 60 * 60 * 1000;

  // ---- helpers ---------------------------------------------------------------------------------

  function byId(id) {
    return document.getElementById(id);
  }

  /** A new element with an optional class and text content. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function setText(id, value) {
    byId(id).textContent = value === undefined || value === null || value === '' ? '–' : String(value);
  }

  function count(n) {
    return Number(n).toLocaleString('en-US');
  }

  function plural(n, one, many) {
    return count(n) + ' ' + (Number(n) === 1 ? one : many);
  }

  function size(bytes) {
    const n = Number(bytes);
    if (n < 1024) {
      return count(n) + ' B';
    }
    if (n < 1024 * 1024) {
      return (n / 1024).toFixed(1) + ' KB';
    }
    return (n / (1024 * 1024)).toFixed(1) + ' MB';
  }

  function time(iso) {
    if (!iso) {
      return '–';
    }
    return String(iso).replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
  }

  function trend(node, change) {
    clear(node);
    node.appendChild(document.createTextNode('last 24 h: '));
    const value = el('span', '', change);
    if (String(change).startsWith('+')) {
      value.className = 'trend-up';
    } else if (String(change).startsWith('-')) {
      value.className = 'trend-down';
    }
    node.appendChild(value);
  }

  function notice(message) {
    const box = byId('notice');
    if (message) {
      box.textContent = message;
      box.hidden = false;
    } else {
      box.textContent = '';
      box.hidden = true;
    }
  }

  async function api(path, options) {
    const init = Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options || {});
    init.headers = Object.assign({ 'Accept': 'application/json' }, init.headers || {});
    const response = await fetch(path, init);
    const type = response.headers.get('Content-Type') || '';
    const body = type.startsWith('application/json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error(body && body.message ? body.message : 'The console answered HTTP ' + response.status);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  }

  // ---- builder panel ---------------------------------------------------------------------------

  function option(value, label) {
    const node = el('option', '', label);
    node.value = value;
    return node;
  }

  function facilityChanged() {
    setText('scope-facility', byId('facility').value || 'All facilities');
  }

  /** The facility to narrow the export to, if one is chosen. */
  function selectedFacility() {
    const value = byId('facility').value;
    return value && value !== state.pinnedFacility ? { facility: value } : {};
  }

  async function loadSession() {
    const session = await api('/api/session');
    setText('scope-tenant', session.tenant);
    setText('scope-facility', session.facility || 'All facilities');
    state.pinnedFacility = session.facility || null;
    const select = byId('facility');
    clear(select);
    if (!state.pinnedFacility) {
      select.appendChild(option('', 'All facilities'));
    }
    (session.facilities || []).forEach(function (facility) { select.appendChild(option(facility, facility)); });
    select.disabled = select.options.length < 2;
    byId('facility-hint').textContent = state.pinnedFacility
      ? 'Your exports are scoped to this facility.'
      : plural(session.facilities.length, 'facility', 'facilities') + ' of ' + session.tenant + ' to choose from';
    setText('scope-user', session.user);
    setText('scope-role', session.role || 'No role');
  }

  async function loadCatalog() {
    const catalog = await api('/api/catalog');
    state.categories = catalog.categories;
    state.formats = new Map(catalog.formats.map(function (f) { return [f.id, f]; }));
    const select = byId('category');
    clear(select);
    catalog.categories.forEach(function (category) {
      const option = el('option', '', category.title);
      option.value = category.id;
      select.appendChild(option);
    });
    if (catalog.categories.length === 0) {
      select.disabled = true;
      byId('format').disabled = true;
      byId('generate').disabled = true;
      byId('category-use-case').textContent = 'Your role and permissions allow no export.';
      return;
    }
    byId('category-use-case').textContent = '';
    select.disabled = false;
    categoryChanged();
  }

  function selectedCategory() {
    const id = byId('category').value;
    return state.categories.find(function (c) { return c.id === id; });
  }

  function categoryChanged() {
    const category = selectedCategory();
    const select = byId('format');
    const previous = select.value;
    clear(select);
    if (!category) {
      select.disabled = true;
      byId('generate').disabled = true;
      return;
    }
    byId('category-use-case').textContent = category.useCase + ' · '
      + plural(category.sections.length, 'section', 'sections');
    category.formats.forEach(function (id) {
      const format = state.formats.get(id);
      const option = el('option', '', format ? format.label : id);
      option.value = id;
      select.appendChild(option);
    });
    if (category.formats.indexOf(previous) >= 0) {
      select.value = previous;
    }
    select.disabled = false;
    byId('generate').disabled = state.generating;
    formatChanged();
  }

  function formatChanged() {
    const format = state.formats.get(byId('format').value);
    byId('format-hint').textContent = format
      ? format.mimeType + (format.multiFile ? ' · multi-file bundle' : '') : '';
  }

  function setGenerating(generating) {
    state.generating = generating;
    const button = byId('generate');
    clear(button);
    if (generating) {
      button.appendChild(el('span', 'spinner'));
      button.appendChild(document.createTextNode('Generating…'));
      button.setAttribute('aria-busy', 'true');
    } else {
      button.appendChild(document.createTextNode('Generate Export'));
      button.removeAttribute('aria-busy');
    }
    button.disabled = generating || !selectedCategory();
    byId('category').disabled = generating || state.categories.length === 0;
    byId('format').disabled = generating || state.categories.length === 0;
  }

  async function generate() {
    const category = byId('category').value;
    const format = byId('format').value;
    if (!category || !format || state.generating) {
      return;
    }
    setGenerating(true);
    try {
      const result = await api('/api/exports', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.assign({ category: category, format: format }, selectedFacility(),
          selectedRange()))
      });
      renderBundle(result);
    } catch (error) {
      const body = error.body || {};
      if (body.error === 'denied') {
        renderError('Export denied by policy', body.message, body.violations || []);
      } else {
        renderError('Export failed', error.message, []);
      }
    } finally {
      setGenerating(false);
      refresh();
    }
  }

  // ---- time range ------------------------------------------------------------------------------

  /** The console's time as a Date: the last statistics' "now", else the browser's clock. */
  function consoleNow() {
    return state.now ? new Date(state.now) : new Date();
  }

  /** "2026-01-15T12:00" of a Date, in UTC, as a datetime-local input holds it. */
  function localInput(date) {
    return date.toISOString().slice(0, 16);
  }

  /** {from, to} as ISO instants for the request; the server's default range when nothing is chosen. */
  function selectedRange() {
    const choice = byId('range').value;
    if (choice === 'custom') {
      const from = byId('range-from').value;
      const to = byId('range-to').value;
      return from && to ? { from: from + ':00Z', to: to + ':00Z' } : {};
    }
    const to = consoleNow();
    const from = new Date(to.getTime() - Number(choice) * DAY_MS);
    return { from: from.toISOString(), to: to.toISOString() };
  }

  function rangeChanged() {
    const custom = byId('range').value === 'custom';
    byId('range-custom').hidden = !custom;
    if (custom && !byId('range-from').value) {
      const to = consoleNow();
      byId('range-to').value = localInput(to);
      byId('range-from').value = localInput(new Date(to.getTime() - 30 * DAY_MS));
    }
    const range = selectedRange();
    byId('range-hint').textContent = range.from
      ? time(range.from) + ' to ' + time(range.to) + '; more than 90 days needs export:long-range'
      : 'Choose both ends of the range.';
  }

  // ---- exports per day -------------------------------------------------------------------------

  /** One bar per day, drawn here as SVG (nothing fetched); every bar has its number as a title and in text. */
  function renderDaily(days) {
    const chart = byId('daily-chart');
    clear(chart);
    const width = 1000;
    const height = 140;
    const gap = 6;
    const max = Math.max(1, ...days.map(function (d) { return Number(d.exports); }));
    const total = days.reduce(function (sum, d) { return sum + Number(d.exports); }, 0);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 24));
    svg.setAttribute('role', 'img');
    svg.setAttribute('class', 'daily-svg');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = 'Exports per day, ' + days[0].date + ' to ' + days[days.length - 1].date + ': '
      + plural(total, 'export', 'exports');
    svg.appendChild(title);
    const barWidth = (width - gap * (days.length - 1)) / days.length;
    days.forEach(function (day, i) {
      const n = Number(day.exports);
      const barHeight = n === 0 ? 1 : Math.max(3, Math.round(height * n / max));
      const bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('class', n === 0 ? 'bar bar-empty' : 'bar');
      bar.setAttribute('x', String(i * (barWidth + gap)));
      bar.setAttribute('y', String(height - barHeight));
      bar.setAttribute('width', String(barWidth));
      bar.setAttribute('height', String(barHeight));
      bar.dataset.date = day.date;
      bar.dataset.exports = String(n);
      const tip = document.createElementNS(SVG, 'title');
      tip.textContent = day.date + ': ' + plural(n, 'export', 'exports');
      bar.appendChild(tip);
      svg.appendChild(bar);
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', String(i * (barWidth + gap) + barWidth / 2));
      label.setAttribute('y', String(height + 16));
      label.setAttribute('class', 'bar-label');
      label.textContent = day.date.slice(5);
      svg.appendChild(label);
    });
    chart.appendChild(svg);
    byId('daily-summary').textContent = plural(total, 'export', 'exports') + ' in the last ' + days.length
      + ' days (UTC); the busiest day had ' + count(max === 1 && total === 0 ? 0 : max) + '.';
  }

  // ---- preview panel ---------------------------------------------------------------------------

  function previewBody() {
    const body = byId('preview-body');
    clear(body);
    return body;
  }

  function renderError(title, message, violations) {
    const box = el('div', 'error-box');
    box.id = 'preview-error';
    box.setAttribute('role', 'alert');
    box.appendChild(el('h3', '', title));
    box.appendChild(el('p', '', message));
    if (violations.length > 0) {
      const list = el('ul', 'violations');
      violations.forEach(function (v) { list.appendChild(el('li', '', v)); });
      box.appendChild(list);
    }
    previewBody().appendChild(box);
  }

  /** A label and its value; a list of values is shown one per line. */
  function term(parent, label, value, id) {
    const wrapper = el('div');
    wrapper.appendChild(el('dt', '', label));
    const dd = Array.isArray(value) ? el('dd') : el('dd', '', value);
    if (Array.isArray(value)) {
      value.forEach(function (line) { dd.appendChild(el('span', 'value-line', line)); });
      if (value.length === 0) {
        dd.textContent = 'None';
      }
    }
    if (id) {
      dd.id = id;
    }
    wrapper.appendChild(dd);
    parent.appendChild(wrapper);
  }

  /** A section's first rows as a small table: the item, then one column per field of the source. */
  function firstRows(section) {
    const wrap = el('div', 'rows-wrap');
    const table = el('table', 'rows-table');
    const caption = el('caption', '', section.rows.length < section.itemCount
      ? 'First ' + count(section.rows.length) + ' of ' + plural(section.itemCount, 'item', 'items')
      : plural(section.rows.length, 'item', 'items'));
    table.appendChild(caption);
    const head = el('tr');
    head.appendChild(el('th', '', 'Item'));
    head.appendChild(el('th', '', 'Time (UTC)'));
    section.columns.forEach(function (column) { head.appendChild(el('th', '', column)); });
    table.appendChild(el('thead')).appendChild(head);
    const body = table.appendChild(el('tbody'));
    section.rows.forEach(function (item) {
      const tr = el('tr');
      tr.appendChild(el('td', 'row-id', item.itemId));
      tr.appendChild(el('td', 'row-time', time(item.timestamp)));
      item.cells.forEach(function (cell) { tr.appendChild(el('td', '', cell)); });
      body.appendChild(tr);
    });
    wrap.appendChild(table);
    return wrap;
  }

  /** The Export Bundle Preview component: header, sections list with their first rows, metadata footer. */
  function bundlePreview(bundle, artifact) {
    const m = bundle.metadata;
    const root = el('article', 'bundle');
    root.id = 'bundle-preview';

    const header = el('header', 'bundle-header');
    header.appendChild(el('h3', 'bundle-title', bundle.title));
    const badges = el('div', 'badges');
    badges.appendChild(el('span', 'badge', bundle.category.title));
    badges.appendChild(el('span', 'badge', bundle.format.label));
    badges.appendChild(el('span', 'badge', plural(m.totalSections, 'section', 'sections')));
    badges.appendChild(el('span', 'badge', plural(m.totalItems, 'item', 'items')));
    header.appendChild(badges);
    root.appendChild(header);

    const list = el('ul', 'bundle-sections');
    bundle.sections.forEach(function (section) {
      const row = el('li', 'section-row');
      row.dataset.sectionId = section.sectionId;
      row.appendChild(el('span', 'section-title', section.title));
      row.appendChild(el('span', 'section-count', plural(section.itemCount, 'item', 'items')));
      row.appendChild(el('span', 'section-description', section.description));
      row.appendChild(el('span', 'section-source', section.dataSource));
      if (section.rows && section.rows.length > 0) {
        row.appendChild(firstRows(section));
      }
      list.appendChild(row);
    });
    root.appendChild(list);

    const footer = el('dl', 'bundle-footer');
    term(footer, 'Bundle ID', bundle.bundleId);
    term(footer, 'Generated', time(m.generatedAt));
    term(footer, 'Computation Time', count(m.computationTimeMs) + ' ms');
    term(footer, 'Size', size(artifact.sizeBytes));
    root.appendChild(footer);
    return root;
  }

  function renderBundle(result) {
    const bundle = result.bundle;
    const artifact = result.artifact;
    const body = previewBody();

    if (result.warnings && result.warnings.length > 0) {
      const warnings = el('div', 'warning-box');
      const list = el('ul');
      result.warnings.forEach(function (w) { list.appendChild(el('li', '', w)); });
      warnings.appendChild(list);
      body.appendChild(warnings);
    }

    body.appendChild(bundlePreview(bundle, artifact));

    const grid = el('dl', 'meta-grid');
    grid.id = 'preview-metadata';
    term(grid, 'Bundle ID', bundle.bundleId, 'preview-bundle-id');
    term(grid, 'Generated', time(bundle.metadata.generatedAt), 'preview-generated');
    term(grid, 'Time Range', time(bundle.timeRange.from) + ' to ' + time(bundle.timeRange.to), 'preview-range');
    term(grid, 'Size', size(artifact.sizeBytes) + ' (' + count(artifact.sizeBytes) + ' bytes)', 'preview-size');
    term(grid, 'Sources', bundle.metadata.dataSourcesUsed, 'preview-sources');
    body.appendChild(grid);

    const row = el('div', 'download-row');
    const button = el('button', 'button button-download', 'Download');
    button.type = 'button';
    button.id = 'download';
    button.addEventListener('click', function () { download(button, artifact); });
    row.appendChild(button);
    row.appendChild(el('span', 'download-name', artifact.filename));
    body.appendChild(row);
  }

  async function download(button, artifact) {
    button.disabled = true;
    button.textContent = 'Downloading…';
    try {
      const response = await fetch(artifact.download, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) {
        const body = (response.headers.get('Content-Type') || '').startsWith('application/json')
          ? await response.json() : {};
        throw new Error(body.message || 'The download failed (HTTP ' + response.status + ')');
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = el('a');
      link.href = url;
      link.download = artifact.filename;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      notice('');
    } catch (error) {
      notice(error.message);
    } finally {
      button.disabled = false;
      button.textContent = 'Download';
      refresh();
    }
  }

  // ---- statistics and history ------------------------------------------------------------------

  async function loadStatistics() {
    const stats = await api('/api/statistics');
    setText('stat-total-exports', count(stats.totalExports));
    setText('stat-total-downloads', count(stats.totalDownloads));
    setText('stat-average-size', (Number(stats.averageSizeBytes) / 1024).toFixed(1) + ' KB');
    setText('stat-data-sources', count(stats.dataSourcesUsed));
    trend(byId('stat-exports-trend'), stats.trends.exportsChange);
    trend(byId('stat-downloads-trend'), stats.trends.downloadsChange);
    const first = state.now === null;
    state.now = stats.now;
    renderDaily(stats.daily);
    if (first) {
      rangeChanged();
    }
  }

  async function loadHistory() {
    const history = await api('/api/history?limit=10');
    const rows = byId('history-rows');
    clear(rows);
    history.exports.forEach(function (entry) {
      const row = el('tr');
      row.dataset.bundleId = entry.bundleId;
      row.appendChild(el('td', '', entry.categoryTitle));
      row.appendChild(el('td', '', entry.formatLabel));
      row.appendChild(el('td', 'num', count(entry.sections)));
      row.appendChild(el('td', 'num', count(entry.items)));
      row.appendChild(el('td', '', time(entry.timestamp)));
      rows.appendChild(row);
    });
    byId('history-empty').hidden = history.exports.length > 0;
  }

  function refresh() {
    return Promise.all([loadStatistics(), loadHistory()]).catch(function (error) {
      notice(error.message);
    });
  }

  // ---- start -----------------------------------------------------------------------------------

  function start() {
    byId('category').addEventListener('change', categoryChanged);
    byId('format').addEventListener('change', formatChanged);
    byId('range').addEventListener('change', rangeChanged);
    byId('facility').addEventListener('change', facilityChanged);
    byId('range-from').addEventListener('change', rangeChanged);
    byId('range-to').addEventListener('change', rangeChanged);
    byId('generate').addEventListener('click', generate);
    Promise.all([loadSession(), loadCatalog(), refresh()])
      .then(function () { document.body.dataset.ready = 'true'; })
      .catch(function (error) { notice(error.message); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
