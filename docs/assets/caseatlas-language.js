/* Case Atlas: on a first visit, offer the reader's own language.
 *
 * When the browser prefers a language the site has (navigator.languages, in order) and the page is
 * shown in another, a small notice in that language links to the same page in it. Nothing moves the
 * reader: no automatic redirect. Following the link, closing the notice or choosing a language in the
 * header menu is remembered (localStorage), and the notice is not shown again.
 */
(function () {
  "use strict";
  var KEY = "caseatlas.language";
  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* private mode: not remembered */ }
  }
  function primary(tag) { return String(tag || "").toLowerCase().split("-")[0]; }

  var links = Array.prototype.slice.call(document.querySelectorAll(".md-select__link[data-ca-suggest]"));
  if (!links.length) return;
  links.forEach(function (a) {
    a.addEventListener("click", function () { remember(a.getAttribute("hreflang")); });
  });
  var current = primary(document.documentElement.lang);
  if (remembered()) return;
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  var offer = null;
  for (var i = 0; i < wanted.length && !offer; i++) {
    var p = primary(wanted[i]);
    if (p === current) return; /* the reader already has a language they prefer */
    offer = links.filter(function (a) { return primary(a.getAttribute("hreflang")) === p; })[0] || null;
  }
  if (!offer) return;
  var lang = offer.getAttribute("hreflang");
  var box = document.createElement("aside");
  box.className = "ca-lang-suggest";
  box.setAttribute("lang", lang);
  box.setAttribute("aria-label", offer.textContent.trim());
  var text = document.createElement("p");
  text.textContent = offer.getAttribute("data-ca-suggest") + " ";
  var go = document.createElement("a");
  go.href = offer.getAttribute("href");
  go.hreflang = lang;
  go.textContent = offer.getAttribute("data-ca-read");
  go.addEventListener("click", function () { remember(lang); });
  text.appendChild(go);
  var close = document.createElement("button");
  close.type = "button";
  close.className = "md-button";
  close.textContent = offer.getAttribute("data-ca-close");
  close.addEventListener("click", function () { remember(current); box.remove(); });
  box.appendChild(text);
  box.appendChild(close);
  var where = document.querySelector(".md-content__inner") || document.querySelector("main") || document.body;
  where.insertBefore(box, where.firstChild);
})();
