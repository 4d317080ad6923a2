// A table wider than the screen scrolls sideways inside Material's wrapper; a keyboard
// user can scroll it only if the wrapper can take focus (WCAG 2.1.1, axe-core rule
// scrollable-region-focusable). Each wrapper that overflows gets tabindex="0" and a name
// taken from the heading above it (numbered when two share one), and loses them again when the window grows wide enough.
(function () {
  function label(wrap) {
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.replace(/¶$/, "").trim();
    }
    var h1 = document.querySelector(".md-content h1");
    return h1 ? h1.textContent.replace(/¶$/, "").trim() : "";
  }
  function update() {
    var seen = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var name = label(wrap) || "Table";
        seen[name] = (seen[name] || 0) + 1;  // two tables under one heading: "Heading (2)"
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", seen[name] > 1 ? name + " (" + seen[name] + ")" : name);
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  // A wide table of our own (the matrix): its note says it scrolls only while it does.
  function notes() {
    document.querySelectorAll("[data-ca-scroll]").forEach(function (box) {
      var note = document.getElementById((box.getAttribute("aria-describedby") || "").split(" ")[0]);
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (note) note.hidden = !scrolls;
      if (scrolls) { box.setAttribute("tabindex", "0"); } else { box.removeAttribute("tabindex"); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", notes);
  else notes();
  window.addEventListener("resize", notes);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  window.addEventListener("resize", update);
})();
