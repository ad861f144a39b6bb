/**
 * The page's script, inlined (vanilla JS, ES2017, no network). It builds the findings table from
 * the embedded JSON with textContent only, never innerHTML, so report strings can never become
 * markup, and filters rows by text, severity, threat, namespace and the suppressed toggle. When
 * the page has a Risk column (the server renders it only if some finding carries a risk), it also
 * fills that column, filters by risk level and sorts by score from the column's header; the rows
 * start in the report's order and return to it on the third press.
 */
export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('palisade-data').textContent);
  var body = document.getElementById('findings-body');
  var text = document.getElementById('filter-text');
  var severity = document.getElementById('filter-severity');
  var threat = document.getElementById('filter-threat');
  var namespace = document.getElementById('filter-namespace');
  var suppressed = document.getElementById('filter-suppressed');
  var riskLevel = document.getElementById('filter-risk');
  var sortRisk = document.getElementById('sort-risk');
  var count = document.getElementById('findings-count');
  var table = document.getElementById('findings-table');

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function span(parent, value, className) {
    var s = document.createElement('span');
    s.className = className;
    s.textContent = value;
    parent.appendChild(s);
  }

  function riskCell(tr, risk) {
    var td = cell(tr, risk ? '' : '-', 'risk');
    if (!risk) return;
    span(td, risk.score + ' ' + risk.level, 'badge ' + risk.level);
    if (risk.arrow) span(td, risk.arrow, 'arrow');
    td.title = data.why[risk.why];
  }

  var rows = data.findings.map(function (f, index) {
    var tr = document.createElement('tr');
    tr.className = f.suppressed ? 'finding suppressed' : 'finding';
    span(cell(tr, ''), f.severity, 'badge ' + f.severity);
    if (sortRisk) riskCell(tr, f.risk);
    cell(tr, f.ruleId, 'rule');
    cell(tr, f.resource, 'resource');
    cell(tr, f.message + (f.status === 'warn' ? ' (warning only)' : ''), 'message');
    cell(tr, f.where, 'where');
    cell(tr, f.suppression, 'suppression muted');
    body.appendChild(tr);
    var haystack = [f.ruleId, f.title, f.resource, f.message, f.where, f.suppression, f.risk ? data.why[f.risk.why] : ''].join('\\n').toLowerCase();
    return { f: f, tr: tr, haystack: haystack, index: index };
  });

  function apply() {
    var query = text.value.trim().toLowerCase();
    var level = riskLevel ? riskLevel.value : '';
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (suppressed.checked || !r.f.suppressed) &&
        (severity.value === '' || r.f.severity === severity.value) &&
        (level === '' || (r.f.risk !== undefined && r.f.risk.level === level)) &&
        (threat.value === '' || r.f.threats.indexOf(threat.value) >= 0) &&
        (namespace.value === '' || r.f.namespaceKey === namespace.value) &&
        (query === '' || r.haystack.indexOf(query) >= 0);
      r.tr.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
    // The "suppressed because" column only matters while suppressed rows are shown.
    table.classList.toggle('hide-suppression', !suppressed.checked);
  }

  // none (the report's order) -> descending -> ascending -> none. Ties keep the report's order,
  // and findings without a risk stay last either way.
  var NEXT_ORDER = { none: 'descending', descending: 'ascending', ascending: 'none' };
  function byRisk(direction) {
    return function (a, b) {
      var ra = a.f.risk, rb = b.f.risk;
      if (!ra || !rb) return (ra ? 0 : 1) - (rb ? 0 : 1) || a.index - b.index;
      return direction * (ra.score - rb.score) || a.index - b.index;
    };
  }
  function sortByRisk() {
    var header = sortRisk.parentNode;
    var order = NEXT_ORDER[header.getAttribute('aria-sort')] || 'none';
    var sorted = rows.slice();
    if (order !== 'none') sorted.sort(byRisk(order === 'descending' ? -1 : 1));
    sorted.forEach(function (r) { body.appendChild(r.tr); });
    header.setAttribute('aria-sort', order);
  }

  var controls = [text, severity, threat, namespace, suppressed];
  if (riskLevel) controls.push(riskLevel);
  controls.forEach(function (control) {
    control.addEventListener('input', apply);
    control.addEventListener('change', apply);
  });
  if (sortRisk) sortRisk.addEventListener('click', sortByRisk);
  apply();
})();
`;
