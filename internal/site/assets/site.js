// Search and filters of the index: no library, no request. The form is
// hidden until this script shows it, so without JavaScript the page is
// the plain list. The filters live in the address's fragment
// (#q=timeout&service=checkout), so a filtered list can be linked to and
// works from file:// as from any host.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("incidents");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var keys = ["q", "service", "severity", "factor", "year"];
  form.hidden = false;

  function fromHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); }
    });
    keys.forEach(function (k) {
      if (params[k] !== undefined && form.elements[k]) { form.elements[k].value = params[k]; }
    });
  }

  function toHash() {
    var parts = [];
    keys.forEach(function (k) {
      var v = form.elements[k].value;
      if (v) { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v)); }
    });
    var h = parts.length ? "#" + parts.join("&") : "";
    if (h !== location.hash && !(h === "" && location.hash === "#")) {
      history.replaceState(null, "", h || location.pathname + location.search);
    }
  }

  function apply() {
    var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var service = form.elements.service.value, severity = form.elements.severity.value;
    var factor = form.elements.factor.value, year = form.elements.year.value;
    var shown = 0;
    rows.forEach(function (tr) {
      var d = tr.dataset, ok = true;
      if (service && d.service.indexOf("|" + service + "|") < 0) { ok = false; }
      if (ok && factor && d.factor.indexOf("|" + factor + "|") < 0) { ok = false; }
      if (ok && severity && d.severity !== severity) { ok = false; }
      if (ok && year && d.year !== year) { ok = false; }
      for (var i = 0; ok && i < words.length; i++) {
        if (d.search.indexOf(words[i]) < 0) { ok = false; }
      }
      tr.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown === rows.length ? "Showing all " + rows.length + " incidents." : "Showing " + shown + " of " + rows.length + " incidents.";
    none.hidden = shown !== 0;
    try { toHash(); } catch (e) { /* a browser that refuses replaceState on file:// keeps the filters anyway */ }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  document.getElementById("clear").addEventListener("click", function (e) { e.preventDefault(); form.reset(); });
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
