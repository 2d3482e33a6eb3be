/* Read aloud (elder mode): reads the page's main content with the browser's own speech
 * synthesis - no network, no external service. Our own code, no dependency.
 *
 * The button (templates/base.html, elder mode only) is rendered with the `hidden` attribute and
 * shown here only when the browser has speech synthesis and at least one voice; without either
 * (or without JavaScript) the page is exactly the same without it.
 *
 * - What is read: the text of <main> in reading order, block by block, as a sighted reader sees
 *   it. Skipped: what is not shown (the hidden attribute, aria-hidden, display: none,
 *   visibility: hidden) and what is shown to screen readers only (.visually-hidden: they have
 *   their own voice and it would be said twice); the page's chrome - navigation, search and
 *   filter forms as a whole (role="search" or method="get"), form labels, buttons and form
 *   controls' own values; a table caption that only repeats the heading before it; and this
 *   button itself. Images are read by their alt text.
 * - Language: the button's data-lang (zh-CN or en, from the page language); a part of the page
 *   marked with another lang attribute is read in that language. A voice for the language is
 *   chosen when the browser has one, otherwise the browser picks by the utterance's lang.
 * - Chunks: Chrome stops an utterance after about 15 seconds, so the text is spoken sentence by
 *   sentence, in chunks of at most MAX_CHUNK characters, one utterance after the other. A block
 *   (a paragraph, a heading, a list item) is never joined to the next; a long one is cut after a
 *   sentence end, else between "·"-separated items (read as a pause: "·" is said as a comma),
 *   else after a comma, and only then at a space - never inside an item when it can be helped.
 * - Pause and continue: the same button toggles; a pause cancels the current utterance and
 *   continuing starts again at the beginning of that chunk (speechSynthesis.pause() is not
 *   reliable across browsers). Stop ends reading. Each change is announced in a live region.
 */
(function () {
  "use strict";

  var MAX_CHUNK = 180; // characters: well under 15 s of speech in either language
  var SKIP_TAGS = {
    SCRIPT: 1, STYLE: 1, TEMPLATE: 1, NOSCRIPT: 1, NAV: 1, SELECT: 1, OPTION: 1, TEXTAREA: 1,
    INPUT: 1, SVG: 1, CANVAS: 1, IFRAME: 1, OBJECT: 1, VIDEO: 1, AUDIO: 1, LABEL: 1, BUTTON: 1
  };
  var HEADINGS = { H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1 };

  function supported() {
    return "speechSynthesis" in window && "SpeechSynthesisUtterance" in window && !!window.speechSynthesis;
  }

  function speechLang(tag) {
    tag = (tag || "").toLowerCase();
    if (tag.indexOf("zh") === 0) return "zh-CN";
    if (tag.indexOf("en") === 0) return "en";
    return tag;
  }

  function normalisedVoiceLang(voice) {
    return (voice.lang || "").replace(/_/g, "-").toLowerCase();
  }

  // The best voice for a language: the exact region first (zh-CN), then Mandarin by another name
  // (cmn-*), then any voice of the language (en-GB for en), the browser's default among equals.
  function voiceFor(lang, voices) {
    var wanted = lang.toLowerCase();
    var base = wanted.split("-")[0];
    var best = null;
    var bestScore = 0;
    for (var i = 0; i < voices.length; i++) {
      var v = normalisedVoiceLang(voices[i]);
      var score = 0;
      if (v === wanted) score = 4;
      else if (base === "zh" && v.indexOf("cmn") === 0) score = 3;
      else if (v.split("-")[0] === base && !(base === "zh" && /^zh-(hk|yue)/.test(v))) score = 2;
      else if (v.split("-")[0] === base) score = 1; // Cantonese voices last for Mandarin text
      if (score && voices[i]["default"]) score += 0.5;
      if (score > bestScore) {
        best = voices[i];
        bestScore = score;
      }
    }
    return best;
  }

  function squeezed(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // Page chrome, not content: a search or filter form (its labels, options and buttons).
  function isChromeForm(el) {
    if (el.tagName !== "FORM") return false;
    return el.getAttribute("role") === "search" || (el.getAttribute("method") || "get").toLowerCase() === "get";
  }

  function isHidden(el) {
    if (el.hidden || el.getAttribute("aria-hidden") === "true") return true;
    if (el.classList && el.classList.contains("visually-hidden")) return true;
    var style = window.getComputedStyle(el);
    return style.display === "none" || style.visibility === "hidden";
  }

  function isBlock(el) {
    var display = window.getComputedStyle(el).display;
    return display !== "inline" && display !== "inline-block" && display !== "contents";
  }

  // Blocks of text in reading order: [{text, lang}], one per block element.
  function collect(root, control, pageLang) {
    var blocks = [];
    var current = { text: "", lang: pageLang };
    var lastHeading = "";

    function flush() {
      var text = current.text.replace(/\s+/g, " ").trim();
      if (text) blocks.push({ text: text, lang: current.lang });
      current = { text: "", lang: current.lang };
    }

    function walk(node, lang) {
      if (node.nodeType === 3) {
        if (current.lang !== lang && current.text.trim()) flush();
        current.lang = lang;
        current.text += node.nodeValue;
        return;
      }
      if (node.nodeType !== 1) return;
      var el = node;
      var tag = el.tagName.toUpperCase();
      if (el === control || SKIP_TAGS[tag] || isChromeForm(el) || isHidden(el)) return;
      if (tag === "CAPTION" && lastHeading && squeezed(el.textContent) === lastHeading) return;
      if (HEADINGS[tag]) lastHeading = squeezed(el.textContent);
      var own = el.getAttribute("lang");
      var elLang = own ? speechLang(own) : lang;
      if (el.tagName === "IMG") {
        var alt = el.getAttribute("alt");
        if (alt) walk(document.createTextNode(" " + alt + " "), elLang);
        return;
      }
      var block = isBlock(el);
      if (block) flush();
      for (var child = el.firstChild; child; child = child.nextSibling) walk(child, elLang);
      if (block) flush();
      else current.text += " ";
    }

    walk(root, pageLang);
    flush();
    return blocks;
  }

  // A block's text as chunks of at most MAX_CHUNK characters, cut after sentence ends, then
  // after commas and semicolons, then at spaces, and only as a last resort anywhere.
  function chunksOf(text, lang) {
    // "·" between items is a pause: said as a comma, and a place to cut a long block.
    var pause = lang === "zh-CN" ? "，" : ", ";
    text = text.replace(/\s*·\s*/g, pause);
    // A full stop ends a sentence only before a space or the end ("3.5", "example.cn" do not).
    var sentences = text.match(/[^。！？!?；;.]+(?:\.(?!\s|$)[^。！？!?；;.]*)*[。！？!?；;.]*[”’"')）]*\s*|[。！？!?；;.]+\s*/g) || [text];
    var out = [];
    var buffer = "";
    function push(piece) {
      if ((buffer + piece).length <= MAX_CHUNK) {
        buffer += piece;
        return;
      }
      if (buffer.trim()) out.push(buffer.trim());
      buffer = "";
      while (piece.length > MAX_CHUNK) {
        var cut = cutPoint(piece);
        out.push(piece.slice(0, cut).trim());
        piece = piece.slice(cut);
      }
      buffer = piece;
    }
    for (var i = 0; i < sentences.length; i++) push(sentences[i]);
    if (buffer.trim()) out.push(buffer.trim());
    return out.filter(function (c) { return /[^\s.,;:!?。，、；：！？·–—-]/.test(c); });
  }

  function cutPoint(text) {
    var head = text.slice(0, MAX_CHUNK);
    var at = Math.max(head.lastIndexOf("，"), head.lastIndexOf(","), head.lastIndexOf("、"), head.lastIndexOf("："), head.lastIndexOf(":"));
    if (at < MAX_CHUNK / 3) at = head.lastIndexOf(" ");
    return at < MAX_CHUNK / 3 ? MAX_CHUNK : at + 1;
  }

  function setUp(box) {
    var synth = window.speechSynthesis;
    var toggle = box.querySelector(".read-aloud-toggle");
    var stop = box.querySelector(".read-aloud-stop");
    var status = box.querySelector(".read-aloud-status");
    var main = document.getElementById("main") || document.querySelector("main");
    if (!toggle || !stop || !status || !main) return;
    var pageLang = box.getAttribute("data-lang") || speechLang(document.documentElement.lang);
    var label = function (name) { return box.getAttribute("data-" + name) || ""; };

    var state = "idle"; // idle | reading | paused
    var queue = [];
    var position = 0;
    var run = 0; // a number per start, so the end of a cancelled utterance is not taken for ours

    function show(newState, message) {
      state = newState;
      toggle.textContent = label(state === "reading" ? "pause" : state === "paused" ? "resume" : "read");
      stop.hidden = state === "idle";
      if (message) status.textContent = label(message);
    }

    function speakNext(myRun) {
      if (myRun !== run || state !== "reading") return;
      if (position >= queue.length) {
        show("idle", "finished");
        return;
      }
      var chunk = queue[position];
      var utterance = new window.SpeechSynthesisUtterance(chunk.text);
      utterance.lang = chunk.lang;
      var voice = voiceFor(chunk.lang, synth.getVoices() || []);
      if (voice) utterance.voice = voice;
      utterance.onend = function () {
        if (myRun !== run) return;
        position += 1;
        speakNext(myRun);
      };
      utterance.onerror = function (event) {
        if (myRun !== run) return;
        // "interrupted"/"canceled" come from our own pause or stop; anything else skips the chunk.
        if (event && (event.error === "interrupted" || event.error === "canceled")) return;
        position += 1;
        speakNext(myRun);
      };
      synth.speak(utterance);
    }

    function start(fromPosition) {
      run += 1;
      synth.cancel();
      position = fromPosition;
      show("reading", "reading");
      speakNext(run);
    }

    function halt(newState, message) {
      run += 1;
      show(newState, message);
      synth.cancel();
    }

    toggle.addEventListener("click", function () {
      if (state === "reading") {
        halt("paused", "paused");
      } else if (state === "paused") {
        start(position);
      } else {
        queue = [];
        var blocks = collect(main, box, pageLang);
        for (var i = 0; i < blocks.length; i++) {
          var pieces = chunksOf(blocks[i].text, blocks[i].lang);
          for (var j = 0; j < pieces.length; j++) queue.push({ text: pieces[j], lang: blocks[i].lang });
        }
        start(0);
      }
    });
    stop.addEventListener("click", function () {
      halt("idle", "stopped");
      toggle.focus(); // the stop button is about to disappear under the keyboard focus
    });
    // Leaving the page stops the voice (some browsers keep speaking across a navigation).
    window.addEventListener("pagehide", function () {
      if (state !== "idle") halt("idle", null);
    });

    box.hidden = false;
  }

  function init() {
    if (!supported()) return;
    var box = document.querySelector(".read-aloud");
    if (!box) return;
    var synth = window.speechSynthesis;
    var voices = synth.getVoices ? synth.getVoices() : [];
    if (voices && voices.length) {
      setUp(box);
      return;
    }
    // Chrome loads its voices after the page; a browser that never has any keeps the button hidden.
    var done = false;
    var onVoices = function () {
      if (done || !(synth.getVoices() || []).length) return;
      done = true;
      setUp(box);
    };
    if (synth.addEventListener) synth.addEventListener("voiceschanged", onVoices);
    else synth.onvoiceschanged = onVoices;
  }

  // Under Node (tests/test_read_aloud.py) the pure parts are exported; a browser has no `module`.
  if (typeof module === "object" && module && module.exports) module.exports = { collect: collect, chunksOf: chunksOf };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
