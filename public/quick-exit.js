// Quick exit (after GOV.UK "Exit this page"). The link works without this
// script; the script makes leaving faster and harder to undo with "Back":
// blank the page at once, then location.replace() so history does not keep it.
(function () {
  'use strict';
  var WINDOW_MS = 5000;
  var link = document.querySelector('[data-quick-exit]');
  if (!link) return;
  var target = link.getAttribute('href');
  var progress = document.querySelector('.exit-progress');
  var template = progress ? progress.getAttribute('data-progress-template') || '' : '';
  var presses = [];
  var overlay = null;
  var title = document.title;

  // The Shift shortcut exists only with this script: the layout renders its
  // hint hidden, so a visitor without JavaScript (e.g. Tor Browser "Safest")
  // is not promised a shortcut that does nothing. On a touch-only phone there
  // is no Shift key to press, and the hint would cost a line of the first
  // screen: it shows where a mouse or touchpad suggests a keyboard, or as
  // soon as a key is pressed (a tablet with a keyboard cover).
  var hint = document.getElementById('quick-exit-hint');
  function showHint() {
    if (hint) hint.hidden = false;
  }
  if (window.matchMedia && window.matchMedia('(any-hover: hover), (any-pointer: fine)').matches) showHint();

  function leave() {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.className = 'exit-overlay';
      overlay.setAttribute('role', 'alert');
      document.body.appendChild(overlay);
    }
    document.title = '';
    document.documentElement.classList.add('exiting');
    window.location.replace(target);
  }

  link.addEventListener('click', function (e) {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    leave();
  });

  // Shift pressed on its own three times within five seconds. Shift used as a
  // modifier (Shift+A for a capital letter) resets the count, and so does
  // Shift together with Alt/Ctrl/Meta: holding Alt and tapping Shift is how
  // Windows users cycle keyboard layouts, which multilingual visitors do often.
  var shiftDown = false;
  var shiftUsedAsModifier = false;
  function otherModifier(e) {
    return e.altKey || e.ctrlKey || e.metaKey;
  }
  document.addEventListener('keydown', function (e) {
    showHint();
    if (e.key === 'Shift') {
      shiftDown = true;
      shiftUsedAsModifier = otherModifier(e);
    } else if (shiftDown) {
      shiftUsedAsModifier = true;
    } else {
      presses = [];
      show(0);
    }
  });
  document.addEventListener('keyup', function (e) {
    if (e.key !== 'Shift') return;
    shiftDown = false;
    if (shiftUsedAsModifier || otherModifier(e)) {
      presses = [];
      show(0);
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) {
      return now - t < WINDOW_MS;
    });
    presses.push(now);
    show(presses.length);
    if (presses.length >= 3) {
      presses = [];
      leave();
    }
  });

  function show(n) {
    if (!progress) return;
    progress.textContent = n > 0 && n < 3 ? template.replace('{n}', String(n)) : '';
  }

  // Coming back through the bfcache must not show a blank page or stale count.
  window.addEventListener('pageshow', function () {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    overlay = null;
    document.title = title;
    document.documentElement.classList.remove('exiting');
    presses = [];
    show(0);
  });
})();
