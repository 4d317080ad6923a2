// On paper a link is only useful with its address: give every link in the
// article that leads off the page its absolute address, which the print
// stylesheet shows after it. Links within the page (#…) are left alone.
(function () {
  function mark() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      a.setAttribute("data-print-href", a.href);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
