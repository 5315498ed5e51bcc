/* The knowledge base's own script: small, no dependencies, works from file:// as over http.
   - The language switcher keeps the fact the reader is on: its links take the page's #fragment along.
   - "Cite this fact": the access date becomes the reader's own today (written as the page's language writes
     dates, from the CLDR pattern and month names the build put in #kb-settings), and a button copies the
     citation: the Clipboard API where the page may use it, else a selected textarea and execCommand("copy"),
     which also works from file://. Without script, the build's date stays and no button shows. */
(function () {
  "use strict";
  var settingsElement = document.getElementById("kb-settings");
  var settings = settingsElement ? JSON.parse(settingsElement.textContent) : {};

  function keepFragment() {
    var links = document.querySelectorAll("a.kb-alternate");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href").split("#")[0];
      links[i].setAttribute("href", href + location.hash);
    }
  }

  function formatDate(date) {
    var pattern = settings.pattern || "y-MM-dd";
    var months = settings.months || [];
    var out = "";
    var i = 0;
    while (i < pattern.length) {
      var c = pattern.charAt(i);
      if (c === "'") {  // a quoted literal; '' is a quote mark
        var end = pattern.indexOf("'", i + 1);
        if (end === i + 1) { out += "'"; i += 2; continue; }
        if (end < 0) end = pattern.length;
        out += pattern.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      var j = i;
      while (j < pattern.length && pattern.charAt(j) === c) j++;
      var width = j - i;
      if (c === "y") out += String(date.getFullYear());
      else if (c === "d") out += width > 1 ? ("0" + date.getDate()).slice(-2) : String(date.getDate());
      else if (c === "M" || c === "L") {
        if (width >= 3 && months.length === 12) out += months[date.getMonth()];
        else out += width > 1 ? ("0" + (date.getMonth() + 1)).slice(-2) : String(date.getMonth() + 1);
      } else out += pattern.slice(i, j);
      i = j;
    }
    return out;
  }

  function isoDate(date) {
    return date.getFullYear() + "-" + ("0" + (date.getMonth() + 1)).slice(-2) + "-" + ("0" + date.getDate()).slice(-2);
  }

  function setAccessDates() {
    var today = new Date();
    var times = document.querySelectorAll("time.kb-cite__accessed");
    for (var i = 0; i < times.length; i++) {
      times[i].setAttribute("datetime", isoDate(today));
      times[i].textContent = formatDate(today);
    }
    var parts = "[[" + today.getFullYear() + ", " + (today.getMonth() + 1) + ", " + today.getDate() + "]]";
    var blocks = document.querySelectorAll(".kb-cite__csl code");
    for (var k = 0; k < blocks.length; k++) {
      blocks[k].textContent = blocks[k].textContent.replace(/("accessed": \{\s*"date-parts": )\[\[\d+, \d+, \d+\]\]/, "$1" + parts);
    }
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(area);
    return done;
  }

  function copyCitation(button) {
    setAccessDates();
    var source = document.getElementById(button.getAttribute("data-kb-copy"));
    var status = button.parentNode.querySelector(".kb-cite__status");
    var text = source.textContent.replace(/[ \t\r\n]+/g, " ").trim();  // line breaks only: no-break spaces stay
    function report(done) { status.textContent = done ? settings.copied : settings.failed; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { report(true); }, function () { report(copyWithSelection(text)); });
    } else {
      report(copyWithSelection(text));
    }
  }

  function start() {
    keepFragment();
    window.addEventListener("hashchange", keepFragment);
    setAccessDates();
    var buttons = document.querySelectorAll("button[data-kb-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copyCitation(event.currentTarget); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
