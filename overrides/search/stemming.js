/* A fix for Material's search worker in stemmed languages. hooks/search_per_language.py appends
 * this file to Material's worker and writes the result as assets/javascripts/workers/search.js,
 * which overrides/main.html names as the page's search worker. One file, no importScripts, so it
 * runs the same as a web worker and in the iframe that the library edition uses from disk.
 *
 * Material ends every query word with "*" so results appear while the visitor types, and lunr skips
 * the language's stemmer for such words. So "errands*" or "kronofogden*" never match the indexed
 * stems "errand" and "kronofog", and searches in sv, en, ar and ru miss most inflected words.
 * Here such words go through the language's pipeline too: the word is stemmed, then the "*" is put
 * back, so typing "kronofogden" finds "Kronofogden" and typing "kronof" still finds it as you type.
 */

(function () {
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    return query.call(this, function (q) {
      build.call(q, q);
      q.clauses.forEach(function (clause) {
        if (/[^*]\*$/.test(clause.term)) clause.usePipeline = true;
      });
    });
  };

  var runString = lunr.Pipeline.prototype.runString;
  lunr.Pipeline.prototype.runString = function (str, metadata) {
    if (typeof str === "string" && str.length > 1 && str.charAt(str.length - 1) === "*") {
      return runString.call(this, str.slice(0, -1), metadata).map(function (term) {
        return term + "*";
      });
    }
    return runString.call(this, str, metadata);
  };
})();
