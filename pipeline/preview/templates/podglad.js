// The live preview's only script: served by the preview, never part of the published edition.
// It waits (long polling) for the page it is on to change, then reloads it; the banner above
// the page is replaced in place when only the report's state changed (the PDF is ready).
(function () {
  "use strict";
  var me = document.currentScript;
  var page = me.dataset.strona, content = me.dataset.tresc, banner = me.dataset.pasek;
  function pause(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
  async function follow() {
    for (;;) {
      try {
        var answer = await fetch("/__podglad/czekaj?strona=" + encodeURIComponent(page) + "&tresc=" + content +
                                 "&pasek=" + banner, { cache: "no-store" });
        if (!answer.ok) { throw new Error(answer.status); }
        var news = await answer.json();
        if (news.tresc !== content) { location.reload(); return; }
        if (String(news.pasek) !== String(banner)) {
          banner = news.pasek;
          var old = document.getElementById("podglad-pasek");
          if (old) { old.outerHTML = news.html; }
        }
      } catch (error) {
        var shown = document.querySelector("#podglad-pasek .podglad-stan");
        if (shown) { shown.textContent = "Podgląd nie odpowiada – uruchom go ponownie (make podglad)."; }
        await pause(2000);
      }
    }
  }
  follow();
})();
