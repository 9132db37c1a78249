/* The site's search: matches a query against soegeindeks.js as domain/search.py does (change both together).
   A word is folded (case; ae/æ, oe/ø, aa/å and the letters without marks) and matches an index term that is the
   same (3), that starts with it or whose stem starts it (2), or that holds it inside (1); every word must match;
   each word's best match in each field counts times the field's weight. Nothing is fetched: the index is a script. */
(function () {
  "use strict";
  var index = window.driftsforumSoegeindeks || { weights: [], entries: [] };
  var form = document.getElementById("soeg-form");
  var input = document.getElementById("soeg-tekst");
  var status = document.getElementById("soeg-status");
  var list = document.getElementById("soeg-resultater");
  var SHOWN = 50;

  function fold(word) {
    var text = word.toLowerCase().replace(/ae/g, "æ").replace(/oe/g, "ø").replace(/aa/g, "å");
    text = text.replace(/æ/g, "a").replace(/ø/g, "o").replace(/å/g, "a");
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function queryWords(text) {
    var seen = [];
    (text.match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
      var folded = fold(word);
      if (seen.indexOf(folded) < 0) { seen.push(folded); }
    });
    return seen;
  }

  function strength(query, found) {
    if (found === query) { return 3; }
    if (query.length >= 3 && found.indexOf(query) === 0) { return 2; }
    if (found.length >= 4 && query.indexOf(found) === 0) { return 2; }
    if (query.length >= 4 && found.indexOf(query) >= 0) { return 1; }
    return 0;
  }

  function score(words, entry) {
    var total = 0;
    for (var w = 0; w < words.length; w++) {
      var foundAny = false;
      for (var f = 0; f < entry.fields.length; f++) {
        var best = 0;
        var fieldTerms = entry.fields[f];
        for (var t = 0; t < fieldTerms.length && best < 3; t++) {
          best = Math.max(best, strength(words[w], fieldTerms[t]));
        }
        if (best) { foundAny = true; total += best * index.weights[f]; }
      }
      if (!foundAny) { return 0; }
    }
    return total;
  }

  function hitCount(n) { return n + " træf"; }

  function show(text) {
    var words = queryWords(text);
    list.textContent = "";
    if (!words.length) {
      status.textContent = text.trim() ? "Skriv ord med bogstaver eller tal." : "";
      return;
    }
    var hits = [];
    index.entries.forEach(function (entry) {
      var points = score(words, entry);
      if (points) { hits.push({ entry: entry, score: points }); }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || (a.entry.date < b.entry.date ? 1 : a.entry.date > b.entry.date ? -1 : 0);
    });
    hits.slice(0, SHOWN).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.url;
      link.textContent = hit.entry.title;
      var meta = document.createElement("p");
      meta.className = "item-meta";
      meta.textContent = hit.entry.forum + " · " + hit.entry.document + " " + hit.entry.date_text;
      item.appendChild(link);
      item.appendChild(meta);
      if (hit.entry.text) {
        var body = document.createElement("p");
        body.textContent = hit.entry.text;
        item.appendChild(body);
      }
      list.appendChild(item);
    });
    var said = "»" + text.trim() + "«";
    if (!hits.length) {
      status.textContent = "Ingen træf for " + said + ".";
    } else if (hits.length > SHOWN) {
      status.textContent = hitCount(hits.length) + " for " + said + "; de " + SHOWN + " bedste vises.";
    } else {
      status.textContent = hitCount(hits.length) + " for " + said + ".";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; show(asked); }
})();
