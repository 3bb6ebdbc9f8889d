/* Medborgarguiden's search: the language work around Material's lunr search, so a visitor's own
 * words find the guide. hooks/search_per_language.py appends this file (after stemming.js, with the
 * tables of overrides/search/normalise.json as self.MG_SEARCH_TABLES) to Material's search worker.
 *
 * - Normalisation, the same when the index is built and when a query is typed: every word goes
 *   through the `replace` tables (Arabic-script letter variants and diacritics, Persian ZWNJ,
 *   Eastern Arabic/Persian digits, Ethiopic homophone series, Cyrillic ё). Latin diacritics are
 *   folded (å ä → a, ö → o, é → e) into an extra index term marked with FOLDED, beside the exact
 *   word, so "forsakringskassan" finds "Försäkringskassan" and an exact match still ranks first.
 * - Each query word is matched, best first: exactly (after stemming), folded, as the beginning of a
 *   word (results appear while typing), and — only when a word of 5+ letters matches nothing
 *   exactly — with one typo (two for 9+ letters).
 * - A page that matches more of the query's words ranks above pages that match fewer; each
 *   language's stop words are left out of the query unless it has nothing else.
 *
 * tests/search_normalise.py applies the same tables in Python.
 */

(function () {
  var TABLES = self.MG_SEARCH_TABLES;
  var FOLDED = "~"; // an index term that is the Latin-folded form of a word with diacritics
  // How much a query word's match counts, by kind.
  var WEIGHT = { exact: 10, folded: 6, prefix: 3, prefixFolded: 2, ending: 1.5, typo: 1 };
  var TYPO_MIN = 5; // letters: shorter words are never matched with a typo
  var TYPO_TWO = 9; // letters: from this length two typos are allowed

  function merged(kind) {
    var table = {};
    Object.keys(TABLES[kind]).forEach(function (name) {
      var part = TABLES[kind][name];
      Object.keys(part).forEach(function (c) { table[c] = part[c]; });
    });
    return table;
  }
  var REPLACE = merged("replace");
  var FOLD = merged("fold");
  var SOUNDS = merged("sounds");

  function mapChars(word, table) {
    var out = "";
    for (var i = 0; i < word.length; i++) {
      var c = word.charAt(i);
      out += Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
    }
    return out;
  }
  function normalise(word) { return mapChars(word.toLowerCase(), REPLACE); }
  function fold(word) { return mapChars(normalise(word), FOLD); }
  // The consonants of a word by sound class, a doubled one once ("кронофогден", "Kronofogden": krnfkdn).
  // Letters of no listed script (digits) give nothing.
  function skeleton(word) {
    var out = "", letters = fold(word);
    for (var i = 0; i < letters.length; i++) {
      var sound = SOUNDS[letters.charAt(i)] || "";
      for (var j = 0; j < sound.length; j++) {
        if (out.charAt(out.length - 1) !== sound.charAt(j)) out += sound.charAt(j);
      }
    }
    return out;
  }
  var LATIN = /^~?[a-z]+$/;

  var STOPWORDS = {};
  Object.keys(TABLES.stopwords).forEach(function (lang) {
    STOPWORDS[lang] = {};
    TABLES.stopwords[lang].forEach(function (w) { STOPWORDS[lang][normalise(w)] = true; });
  });

  // --- index time -------------------------------------------------------------------------------------

  function mgNormalise(token) {
    var s = normalise(token.toString());
    return s ? token.update(function () { return s; }) : undefined;
  }
  function mgFold(token) {
    var s = token.toString();
    var f = fold(s);
    return f === s ? token : [token, token.clone(function () { return FOLDED + f; })];
  }
  lunr.Pipeline.registerFunction(mgNormalise, "mgNormalise");
  lunr.Pipeline.registerFunction(mgFold, "mgFold");

  // Material sets up the language's pipeline, then adds the pages: ours go around it at the first page.
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.mgReady) {
      this.mgReady = true;
      this.pipeline._stack.unshift(mgNormalise);
      this.pipeline._stack.push(mgFold);
      this.searchPipeline._stack.unshift(mgNormalise);
    }
    return add.call(this, doc, attributes);
  };

  // The typo and sound tables are made once, when the index is built, not at the first keystroke.
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.call(this);
    vocabulary(index);
    return index;
  };

  // The page's language (for its stop words): hooks/search_per_language.py puts it in the index's config.
  var language = "en";
  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === 0 && message.data && message.data.config) {
      language = message.data.config.mg_lang || message.data.config.lang[0];
    }
  });

  function isStopWord(word) {
    if (STOPWORDS[language] && STOPWORDS[language][word]) return true;
    var filter = language === "en" ? lunr.stopWordFilter : lunr[language] && lunr[language].stopWordFilter;
    return typeof filter === "function" && !filter(new lunr.Token(word, {}));
  }

  // --- query time -------------------------------------------------------------------------------------

  function has(index, term) {
    return Object.prototype.hasOwnProperty.call(index.invertedIndex, term);
  }

  function startingWith(index, term) {
    if (term.length < 1) return [];
    return index.tokenSet.intersect(lunr.TokenSet.fromString(term + "*")).toArray();
  }

  // Every index term by the length of its folded form, made once per index: typo matching compares
  // folded forms, so a typo in a word written without its dots is found too.
  // The Latin words' consonant skeletons too, for words typed in another script.
  function vocabulary(index) {
    if (!index.mgVocabulary) {
      var byLength = {}, bySkeleton = {};
      Object.keys(index.invertedIndex).forEach(function (term) {
        var key = term.charAt(0) === FOLDED ? term.slice(1) : fold(term);
        (byLength[key.length] = byLength[key.length] || []).push([key, term]);
        if (LATIN.test(term)) {
          var bones = skeleton(key);
          (bySkeleton[bones.length] = bySkeleton[bones.length] || []).push([bones, term]);
        }
      });
      index.mgVocabulary = { byLength: byLength, bySkeleton: bySkeleton };
    }
    return index.mgVocabulary;
  }

  // Edits (insert, delete, change, swap two neighbours) from a to b, or max + 1 when more than max.
  // With slack, up to that many letters at the end of a may be left over, each counting SLACK_COST:
  // b may be the stem of the word a was meant to be ("kronofogdem" for the stem "kronofog").
  var SLACK_COST = 0.3;
  function distance(a, b, max, slack) {
    slack = slack || 0;
    var rows = [[]], i, j, result = max + 1;
    for (j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var row = rows[i] = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        row[j] = d;
        if (d < best) best = d;
      }
      if (i >= a.length - slack && row[b.length] <= max) {
        result = Math.min(result, row[b.length] + (a.length - i) * SLACK_COST);
      }
      if (best > max) return Math.min(result, max + 1);
    }
    if (a.length === 0) result = b.length;
    return Math.min(result, max + 1);
  }

  var STEM_SLACK = 3; // letters a stemmer may have cut from the end of a word

  // The nearest index terms not matched already (skip): fewest edits, then the longest same
  // beginning ("interpeter" is nearer "interpret" than "internet", though both are one edit from its stem).
  function withTypos(index, word, max, skip) {
    var byLength = vocabulary(index).byLength, found = [], best = Infinity;
    for (var length = Math.max(TYPO_MIN - 1, word.length - max - STEM_SLACK); length <= word.length + max; length++) {
      (byLength[length] || []).forEach(function (entry) {
        if (entry[1] in skip) return;
        var edits = distance(word, entry[0], max, STEM_SLACK);
        if (edits >= max + 1) return;
        var same = 0;
        while (same < word.length && word.charAt(same) === entry[0].charAt(same)) same++;
        var score = edits - 0.1 * same;
        best = Math.min(best, score);
        found.push([entry[1], score]);
      });
    }
    return found.filter(function (f) { return f[1] <= best + 0.35; }).map(function (f) { return f[0]; });
  }

  // Latin words of the guides (Swedish names above all) that sound like a word typed in another
  // script: the same consonant skeleton, or one edit apart for long ones.
  function soundingLike(index, word) {
    var bones = skeleton(word);
    if (bones.length < 3) return [];
    var max = bones.length >= 6 ? 1 : 0, bySkeleton = vocabulary(index).bySkeleton, found = [];
    for (var length = bones.length - max; length <= bones.length + max; length++) {
      (bySkeleton[length] || []).forEach(function (entry) {
        if (distance(bones, entry[0], max) <= max) found.push(entry[1]);
      });
    }
    return found;
  }

  function matchesExactly(index, word) {
    var stems = index.pipeline.runString(word);
    return (stems.length ? stems : [word]).some(function (stem) {
      var folded = fold(stem);
      return has(index, stem) || has(index, FOLDED + folded) || has(index, folded);
    });
  }

  // A compound word no page has ("studielån", "datorhjälp") as two words pages have: the first
  // part begins a word of the index, the second is one. A first part of two letters must be a word
  // itself ("idkort": id-kort). The most even split wins.
  function compoundParts(index, word) {
    var chars = Array.from(word), best = null;
    for (var i = 2; i <= chars.length - 3; i++) {
      var left = chars.slice(0, i).join(""), right = chars.slice(i).join("");
      if (isStopWord(left) || isStopWord(right) || !matchesExactly(index, right)) continue;
      if (i === 2 ? !matchesExactly(index, left)
        : !startingWith(index, left).length && !startingWith(index, FOLDED + fold(left)).length) continue;
      var evenness = Math.min(i, chars.length - i);
      if (!best || evenness > best.evenness) best = { left: left, right: right, evenness: evenness };
    }
    return best && [best.left, best.right];
  }

  // The index terms one query word matches, each with its weight.
  function expand(index, word) {
    var terms = Object.create(null), exact = false;
    function put(term, weight) {
      if (!(term in terms) || terms[term] < weight) terms[term] = weight;
    }
    var stems = index.pipeline.runString(word);
    if (!stems.length) stems = [word];
    stems.forEach(function (stem) {
      var folded = fold(stem);
      if (has(index, stem)) { put(stem, WEIGHT.exact); exact = true; }
      if (has(index, FOLDED + folded)) { put(FOLDED + folded, WEIGHT.folded); exact = true; }
      if (folded !== stem && has(index, folded)) { put(folded, WEIGHT.folded); exact = true; }
      startingWith(index, stem).forEach(function (t) { put(t, WEIGHT.prefix); });
      startingWith(index, FOLDED + folded).forEach(function (t) { put(t, WEIGHT.prefixFolded); });
      if (folded !== stem) startingWith(index, folded).forEach(function (t) { put(t, WEIGHT.prefixFolded); });
    });
    var letters = Array.from(word).length;
    if (!exact && letters >= TYPO_MIN) {
      // Another ending of the same word, where the language has no stemmer ("міграція", "міграційна").
      var chars = Array.from(fold(word));
      for (var cut = 1; cut <= 2 && chars.length - cut >= TYPO_MIN - 1; cut++) {
        var beginning = chars.slice(0, chars.length - cut).join("");
        startingWith(index, beginning).concat(startingWith(index, FOLDED + beginning)).forEach(function (t) {
          put(t, WEIGHT.ending);
        });
      }
      var max = letters >= TYPO_TWO ? 2 : 1;
      var matched = Object.assign(Object.create(null), terms);
      withTypos(index, fold(word), max, matched).forEach(function (t) { put(t, WEIGHT.typo); });
      stems.forEach(function (stem) {
        withTypos(index, fold(stem), max, matched).forEach(function (t) { put(t, WEIGHT.typo); });
      });
    }
    if (!exact && !LATIN.test(fold(word))) {
      soundingLike(index, word).forEach(function (t) { put(t, WEIGHT.typo); });
    }
    Object.defineProperty(terms, "mgExact", { value: exact });
    return terms;
  }

  // The words of the query Material hands over ("word* +other*"), as the visitor typed them (lower
  // case), without lunr's operators.
  function queryWords(query) {
    var words = [];
    query.split(/\s+/).forEach(function (part) {
      if (!part || part.charAt(0) === "-") return;
      part = part.replace(/^\+/, "").replace(/^(title|text|tags|keywords):/, "")
        .replace(/[~^]\d*$/, "").replace(/^\*|\*$/g, "").toLowerCase();
      part.split(lunr.tokenizer.separator).forEach(function (w) { if (w) words.push(w); });
    });
    return words;
  }

  function search(index, query) {
    var raw = queryWords(query);
    var words = raw.map(function (w) {
      var n = normalise(w);
      return { raw: w, word: n, stop: !n || isStopWord(n) };
    }).filter(function (w) { return w.word; });
    var deciding = words.filter(function (w) { return !w.stop; });
    if (deciding.length) words = deciding;
    words.forEach(function (w) {
      w.terms = expand(index, w.word);
      var parts = !w.terms.mgExact && Array.from(w.word).length >= 6 && compoundParts(index, w.word);
      if (!parts) return;
      var left = Object.create(null);
      startingWith(index, parts[0]).concat(startingWith(index, FOLDED + fold(parts[0]))).forEach(function (t) {
        left[t] = WEIGHT.prefix;
      });
      w.parts = [left, expand(index, parts[1])];
    });
    var weights = Object.create(null);
    words.forEach(function (w) {
      [w.terms].concat(w.parts || []).forEach(function (terms) {
        Object.keys(terms).forEach(function (t) { weights[t] = Math.max(weights[t] || 0, terms[t]); });
      });
    });
    if (!Object.keys(weights).length) return [];
    var results = index.query(function (q) {
      Object.keys(weights).forEach(function (term) {
        q.term(term, { usePipeline: false, boost: weights[term], wildcard: lunr.Query.wildcard.NONE });
      });
    });
    if (!results.length) return results;

    // Which query words each page (with its sections) matches: a compound word is matched by a page
    // with the whole word (or a typo of it), or with both its parts.
    var matchedByPage = {};
    results.forEach(function (result) {
      var page = result.ref.split("#")[0];
      var matched = matchedByPage[page] = matchedByPage[page] || {};
      Object.keys(result.matchData.metadata).forEach(function (t) { matched[t] = true; });
    });
    function any(terms, matched) { return Object.keys(terms).some(function (t) { return matched[t]; }); }
    var covered = {};
    Object.keys(matchedByPage).forEach(function (page) {
      var matched = matchedByPage[page];
      covered[page] = words.filter(function (w) {
        return any(w.terms, matched) || (w.parts && any(w.parts[0], matched) && any(w.parts[1], matched));
      });
    });
    var top = Math.max.apply(null, results.map(function (r) { return r.score; })) || 1;
    results.forEach(function (result) {
      var count = covered[result.ref.split("#")[0]].length;
      // Tiers 100 apart: Material multiplies scores by at most 5 afterwards, which keeps the order of tiers.
      result.score = Math.pow(100, count) * (1 + result.score / top);
      // Material marks the words a result does not contain by comparing its own parse of the query
      // with the matched terms; name the visitor's words too (no positions: nothing to highlight).
      covered[result.ref.split("#")[0]].forEach(function (w) {
        if (!(w.raw in result.matchData.metadata)) result.matchData.metadata[w.raw] = {};
      });
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  }

  lunr.Index.prototype.search = function (query) { return search(this, query); };

  self.mgSearch = { normalise: normalise, fold: fold, skeleton: skeleton, distance: distance };
})();
