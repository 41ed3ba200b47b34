/* directive-graph views: the loader the data files call. Each data/*.js file is one call of
 * dgLoad(name, json); a page loads data/catalog.js at once and the panel facts on demand. */
"use strict";

var dgStore = {};
var dgWaiting = {};

function dgLoad(name, value) {
  dgStore[name] = value;
  var callbacks = dgWaiting[name] || [];
  delete dgWaiting[name];
  callbacks.forEach(function (cb) { cb(value); });
}
