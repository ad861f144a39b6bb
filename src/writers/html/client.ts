/**
 * The page's script, inlined (vanilla JS, ES2017, no network). It builds the findings table from
 * the embedded JSON with textContent only, never innerHTML, so report strings can never become
 * markup, and filters rows by text, severity, threat, namespace and the suppressed toggle.
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
  var count = document.getElementById('findings-count');
  var table = document.getElementById('findings-table');

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  var rows = data.findings.map(function (f) {
    var tr = document.createElement('tr');
    tr.className = f.suppressed ? 'finding suppressed' : 'finding';
    var badge = document.createElement('span');
    badge.className = 'badge ' + f.severity;
    badge.textContent = f.severity;
    cell(tr, '').appendChild(badge);
    cell(tr, f.ruleId, 'rule');
    cell(tr, f.resource, 'resource');
    cell(tr, f.message + (f.status === 'warn' ? ' (warning only)' : ''), 'message');
    cell(tr, f.where, 'where');
    cell(tr, f.suppression, 'suppression muted');
    body.appendChild(tr);
    var haystack = [f.ruleId, f.title, f.resource, f.message, f.where, f.suppression].join('\\n').toLowerCase();
    return { f: f, tr: tr, haystack: haystack };
  });

  function apply() {
    var query = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (suppressed.checked || !r.f.suppressed) &&
        (severity.value === '' || r.f.severity === severity.value) &&
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

  [text, severity, threat, namespace, suppressed].forEach(function (control) {
    control.addEventListener('input', apply);
    control.addEventListener('change', apply);
  });
  apply();
})();
`;
