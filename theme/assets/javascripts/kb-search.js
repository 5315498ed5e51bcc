/* The site's search: a prebuilt index per language (search/index.<language>.js, written by generator/search_index.py),
 * loaded with a <script> tag on first use of the search box, so that it works from file://; nothing leaves the page.
 *
 * Words are cut and stemmed by the same rules as generator/stemming.py: Snowball Russian and English (the Snowball
 * project's own JavaScript, vendor/snowball-3.1.1.js, the release the Python package is generated from) and the
 * Kazakh suffix stripper below, driven by the table the index carries. tests/test_search_stemming.py runs this file
 * in node against the Python side.
 *
 * A typed word matches an indexed word exactly, by stem, as its prefix (from three letters) or with one typo (from
 * five); a result's score adds up its words' best matches, weighed by the kind of match, where the word stands
 * (title and key figure above body) and the kind of entry (topics and facts above sources and entities). */
(function (root) {
  "use strict";

  // --- words and stems: keep in step with generator/stemming.py ------------------------------------------------

  var THOUSANDS = /(?<=\d)[ \u00a0\u202f,](?=\d{3}(?!\d))/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var LATIN = /^[a-z]/;
  var CYRILLIC = /^[\u0400-\u04ff]/;
  var BRITISH = /(?<=[a-z]{2})([iy])s(e|ed|es|ing|er|ers|ation|ations)$/;

  function normalise(text) {
    return text.toLowerCase().replace(THOUSANDS, "").replace(/ё/g, "е");
  }

  function words(text) {
    return (normalise(text).match(WORD) || []).filter(function (word) {
      return word.length > 1 || /^\p{N}$/u.test(word);
    });
  }

  function kazakhStem(word, table) {
    for (var s = 0; s < table.slots.length; s++) {
      word = stripOne(word, table.slots[s].suffixes, table.vowels, table.min_stem);
    }
    var last = word.slice(-1);
    return Object.prototype.hasOwnProperty.call(table.alternations, last) ? word.slice(0, -1) + table.alternations[last] : word;
  }

  function stripOne(word, rules, vowels, minStem) {
    var best = "";
    rules.forEach(function (rule) {
      rule.suffix.forEach(function (suffix) {
        if (suffix.length <= best.length || !word.endsWith(suffix)) return;
        var rest = word.slice(0, word.length - suffix.length);
        if (rest.length < Math.max(minStem, rule.stem || 0) || !Array.prototype.some.call(rest, function (letter) {
          return vowels.indexOf(letter) >= 0;
        })) return;
        var after = rule.after, before = rest.slice(-1), isVowel = vowels.indexOf(before) >= 0;
        if ((after === "vowel" && !isVowel) || (after === "consonant" && isVowel)) return;
        if (after && after !== "vowel" && after !== "consonant" && after.indexOf(before) < 0) return;
        best = suffix;
      });
    });
    return best ? word.slice(0, word.length - best.length) : word;
  }

  function stem(word, language, kazakhTable) {
    var snowball = root.KbSnowball;
    if (LATIN.test(word)) return snowball.english.stemWord(word.replace(BRITISH, "$1z$2"));
    if (CYRILLIC.test(word)) {
      if (language === "ru") return snowball.russian.stemWord(word);
      if (language === "kk") return kazakhStem(word, kazakhTable);
    }
    return word;
  }

  // --- the index and the ranking -----------------------------------------------------------------------------

  var KIND = {topic: 2.5, fact: 2.5, page: 1, source: 0.6, entity: 0.6};
  var MATCH = {exact: 1, stem: 0.8, prefix: 0.6, typo: 0.4};
  var BODY = 1, TITLE = 2, FIGURE = 4;
  var PREFIX_FROM = 3, TYPO_FROM = 5;

  function fieldWeight(bits) {
    return bits & (TITLE | FIGURE) ? 3 : 1;
  }

  function Index(data) {
    this.language = data.language;
    this.entries = data.entries;
    this.words = data.words;
    this.postings = data.postings;
    this.kazakh = data.kazakh;
    this.interface = data.interface;
    this.position = new Map();
    this.byStem = new Map();
    for (var i = 0; i < data.words.length; i++) {
      var word = data.words[i], stemmed = data.stems[i] || word;
      this.position.set(word, i);
      var same = this.byStem.get(stemmed);
      if (same) same.push(i); else this.byStem.set(stemmed, [i]);
    }
  }

  Index.prototype.stem = function (word) {
    return stem(word, this.language, this.kazakh);
  };

  /* Every indexed word a typed word matches, with the kind of match: {word position: "exact" | "stem" | ...}. */
  Index.prototype.matches = function (typed) {
    var found = new Map(), self = this;
    function add(position, kind) {
      if (!found.has(position) || MATCH[found.get(position)] < MATCH[kind]) found.set(position, kind);
    }
    if (this.position.has(typed)) add(this.position.get(typed), "exact");
    // Same stem; and, where a stemmer takes a word's own ending for a suffix (Қазақстан → қазақс), the typed word as
    // the stem of indexed forms (Қазақстанда → қазақстан) and the typed word's stem as an indexed word.
    var stemmed = this.stem(typed);
    [this.byStem.get(stemmed), this.byStem.get(typed), this.position.has(stemmed) ? [this.position.get(stemmed)] : null]
      .forEach(function (positions) { (positions || []).forEach(function (position) { add(position, "stem"); }); });
    if (typed.length >= PREFIX_FROM) {
      for (var i = lowerBound(this.words, typed); i < this.words.length && this.words[i].startsWith(typed); i++) add(i, "prefix");
    }
    if (typed.length >= TYPO_FROM) {
      this.words.forEach(function (word, position) {
        if (Math.abs(word.length - typed.length) <= 1 && !found.has(position) && distance(typed, word, 1) <= 1) add(position, "typo");
      });
    }
    return found;
  };

  /* Ranked results: [{entry, score, terms}], entries matching every typed word first. */
  Index.prototype.search = function (query) {
    var typed = words(query), self = this, results = new Map();
    typed.forEach(function (word, t) {
      self.matches(word).forEach(function (kind, position) {
        var postings = self.postings[position];
        for (var p = 0; p < postings.length; p++) {
          var number = Math.floor(postings[p] / 8), bits = postings[p] % 8;
          var result = results.get(number);
          if (!result) results.set(number, result = {number: number, entry: self.entries[number], best: [], terms: new Set()});
          var score = MATCH[kind] * fieldWeight(bits);
          if (!(result.best[t] >= score)) result.best[t] = score;
          result.terms.add(self.words[position]);
        }
      });
    });
    var ranked = Array.from(results.values());
    ranked.forEach(function (result) {
      result.found = result.best.filter(function (score) { return score !== undefined; }).length;
      result.score = result.best.reduce(function (sum, score) { return sum + (score || 0); }, 0) * KIND[result.entry[0]];
    });
    ranked.sort(function (a, b) { return b.found - a.found || b.score - a.score || a.number - b.number; });
    return ranked;
  };

  /* The indexed word closest to a typed one, for "did you mean": fewest edits, then the most entries. */
  Index.prototype.closestWord = function (typed) {
    var best = null, bestDistance = typed.length > 6 ? 3 : 2, self = this;
    this.words.forEach(function (word, position) {
      if (Math.abs(word.length - typed.length) > bestDistance || /^\p{N}+$/u.test(word)) return;
      var d = distance(typed, word, bestDistance);
      if (d > bestDistance) return;
      if (best === null || d < bestDistance || self.postings[position].length > self.postings[best].length) {
        best = position;
        bestDistance = d;
      }
    });
    return best === null ? null : this.words[best];
  };

  function lowerBound(sorted, value) {
    var low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (sorted[middle] < value) low = middle + 1; else high = middle;
    }
    return low;
  }

  /* Edits (insertion, deletion, substitution, swap of neighbours) between a and b; limit + 1 once past limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        current.push(value);
        if (value < smallest) smallest = value;
      }
      if (smallest > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  var core = {normalise: normalise, words: words, stem: stem, kazakhStem: kazakhStem, distance: distance, Index: Index};
  root.KbSearch = core;
  if (typeof module !== "undefined" && module.exports) module.exports = core;

  // --- the search box ----------------------------------------------------------------------------------------

  if (typeof document === "undefined") return;

  var script = document.currentScript;
  var settings = {base: script.dataset.base, index: script.dataset.index, stemmer: script.dataset.stemmer};
  var MAX_SHOWN = 20;
  var loading = null;
  var index = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function loadIndex() {
    if (!loading) {
      loading = Promise.all([load(settings.stemmer), load(settings.index)]).then(function () {
        index = new Index(root.__kbSearchIndex);
        return index;
      });
    }
    return loading;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  /* The text with the words that match the query in <mark>; built as DOM nodes, so no text becomes markup. */
  function highlighted(text, typed, node) {
    var last = 0, match;
    var stems = typed.map(function (word) { return index.stem(word); });
    var pattern = /[\p{L}\p{N}]+/gu;
    while ((match = pattern.exec(text))) {
      var word = normalise(match[0]);
      var hit = typed.some(function (query, t) {
        return word === query || (query.length >= PREFIX_FROM && word.startsWith(query)) || index.stem(word) === stems[t]
          || (query.length >= TYPO_FROM && distance(query, word, 1) <= 1);
      });
      if (!hit) continue;
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      node.appendChild(element("mark", "", match[0]));
      last = match.index + match[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }

  function Box(form) {
    this.form = form;
    this.input = form.querySelector("input");
    this.meta = document.getElementById("kb-search-meta");
    this.list = document.getElementById("kb-search-list");
    this.toggle = document.getElementById("__search");
    this.selected = -1;
    var box = this;
    this.input.addEventListener("focus", function () { box.open(); });
    this.input.addEventListener("input", function () { box.update(); });  // typing, pasting, dictation, on-screen keyboards
    this.input.addEventListener("keydown", function (event) { box.key(event); });
    form.addEventListener("submit", function (event) { event.preventDefault(); box.follow(); });
    this.list.addEventListener("click", function (event) { if (event.target.closest("a")) box.close(); });
    form.addEventListener("reset", function () { window.setTimeout(function () { box.update(); }, 0); });
    this.toggle.addEventListener("change", function () { if (box.toggle.checked) box.input.focus(); });
    document.addEventListener("keydown", function (event) {
      var active = document.activeElement;
      if (event.key === "/" && !(active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)))) {
        event.preventDefault();
        box.input.focus();
      }
    });
  }

  Box.prototype.open = function () {
    this.toggle.checked = true;
    var box = this;
    if (!index && !loading) {
      this.meta.textContent = this.meta.dataset.loading;
      loadIndex().then(function () { box.update(); }, function (error) { box.meta.textContent = String(error.message); });
    }
  };

  Box.prototype.close = function () {
    this.toggle.checked = false;
    this.input.blur();
  };

  Box.prototype.update = function () {
    if (!index) { this.open(); return; }
    var query = this.input.value, typed = words(query), texts = index.interface;
    this.list.textContent = "";
    this.selected = -1;
    if (!query.trim()) { this.meta.textContent = this.meta.dataset.initial; return; }
    if (!typed.length || (typed.length === 1 && typed[0].length < 2 && !/^\p{N}$/u.test(typed[0]))) {
      this.meta.textContent = texts.short;
      return;
    }
    var results = index.search(query);
    if (!results.length) { this.nothing(query, typed); return; }
    this.meta.textContent = format(texts.count, {count: results.length});
    var box = this;
    results.slice(0, MAX_SHOWN).forEach(function (result) { box.list.appendChild(box.item(result, typed)); });
  };

  Box.prototype.nothing = function (query, typed) {
    var texts = index.interface, box = this;
    this.meta.textContent = format(texts.none, {query: query.trim()});
    var missing = typed.filter(function (word) { return index.matches(word).size === 0; });
    var closest = missing.length ? index.closestWord(missing[0]) : null;
    if (!closest) return;
    var suggestion = element("span", "kb-search-suggestion");
    var parts = texts.suggest.split("%(word)s");
    var button = element("button", "kb-search-suggestion__word", closest);
    button.type = "button";
    button.addEventListener("click", function () {
      box.input.value = query.replace(new RegExp(missing[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), closest);
      if (box.input.value === query) box.input.value = closest;
      box.input.focus();
      box.update();
    });
    suggestion.append(" " + parts[0], button, parts.slice(1).join(""));
    this.meta.appendChild(suggestion);
  };

  Box.prototype.item = function (result, typed) {
    var entry = result.entry, kind = entry[0], texts = index.interface;
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = settings.base + "/" + entry[1];
    link.tabIndex = -1;
    link.dataset.kind = kind;
    var article = element("article", "md-search-result__article md-typeset");
    var label = kind === "fact" ? texts.fact + " · " + entry[3] : (entry[3] || texts[kind] || texts.page);
    article.appendChild(element("div", "kb-search-result__kind", label));
    if (kind === "fact") {
      article.appendChild(highlighted(entry[4], typed, element("h1", "kb-search-result__statement")));
    } else {
      article.appendChild(highlighted(entry[2], typed, element("h1")));
      if (entry[4]) article.appendChild(highlighted(shortened(entry[4]), typed, element("p", "md-search-result__teaser")));
    }
    if (entry[5]) article.appendChild(highlighted(entry[5], typed, element("p", "kb-search-result__figure")));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  };

  Box.prototype.key = function (event) {
    var links = this.list.querySelectorAll("a");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length) return;
      event.preventDefault();
      this.select(event.key === "ArrowDown" ? Math.min(this.selected + 1, links.length - 1) : Math.max(this.selected - 1, -1), links);
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    }
  };

  Box.prototype.select = function (position, links) {
    links.forEach(function (link, i) { link.classList.toggle("kb-search-result--selected", i === position); });
    this.selected = position;
    if (position >= 0) links[position].scrollIntoView({block: "nearest"});
  };

  Box.prototype.follow = function () {
    var links = this.list.querySelectorAll("a");
    var link = links[this.selected >= 0 ? this.selected : 0];
    if (link) window.location.href = link.href;
  };

  function shortened(text) {
    return text.length <= 220 ? text : text.slice(0, 220).replace(/\s+\S*$/, "") + "…";
  }

  function start() {
    var form = document.getElementById("kb-search-form");
    if (form) root.kbSearchBox = new Box(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(typeof window !== "undefined" ? window : globalThis);
