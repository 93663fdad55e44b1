/*
 * Behaviour every page shares, kept out of the HTML so the Content-Security-Policy can refuse inline script:
 *  - htmx requests carry the CSRF token from the layout's meta tags (forms carry it as a hidden field);
 *  - <select data-submit-clearing="town"> submits its form on change after clearing the named field;
 *  - on a phone the menu folds behind its button, and record tables (table.grid with a header) become cards whose
 *    cells carry their column's name (data-label);
 *  - <select data-region-child="name"> (the region picker) narrows the next level to the chosen region's children.
 */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  document.addEventListener('htmx:configRequest', function (e) {
    var h = document.querySelector('meta[name=csrf-header]'), t = document.querySelector('meta[name=csrf-token]');
    if (h && t) e.detail.headers[h.content] = t.content;
  });

  document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select.matches || !select.matches('select[data-submit-clearing]') || !select.form) return;
    var cleared = select.form.elements[select.getAttribute('data-submit-clearing')];
    if (cleared) cleared.value = '';
    select.form.submit();
  });

  function menu() {
    var button = document.getElementById('menu-toggle'), nav = document.getElementById('mainnav');
    if (!button || !nav) return;
    button.addEventListener('click', function () {
      var open = nav.classList.toggle('open');
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }

  function cards(root) {
    (root || document).querySelectorAll('table.grid').forEach(function (table) {
      var head = table.tHead;
      if (!head || table.classList.contains('no-cards') || !head.rows.length) return;
      var names = Array.prototype.map.call(head.rows[head.rows.length - 1].cells, function (c) {
        return c.textContent.replace(/\s+/g, ' ').trim();
      });
      table.classList.add('cards');
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var col = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            var name = names[col];
            if (name && !cell.hasAttribute('data-label') && cell.colSpan === 1) cell.setAttribute('data-label', name);
            col += cell.colSpan || 1;
          });
        });
      });
    });
  }

  /* The region picker: each level lists the children of the level above (all of them come with the page, within
     the caller's scope); choosing a region clears the levels below it. */
  function regions() {
    document.querySelectorAll('select[data-region-level]').forEach(function (select) {
      select.addEventListener('change', function () {
        var picker = select.closest('.region-picker');
        if (!picker) return;
        var level = Number(select.getAttribute('data-region-level'));
        picker.querySelectorAll('select[data-region-level]').forEach(function (other) {
          var l = Number(other.getAttribute('data-region-level'));
          if (l <= level) return;
          var parent = picker.querySelector('select[data-region-level="' + (l - 1) + '"]');
          var parentCode = parent ? parent.value : '';
          if (l === level + 1) other.value = '';
          Array.prototype.forEach.call(other.options, function (o) {
            var show = !o.value || (parentCode && o.getAttribute('data-parent') === parentCode);
            o.hidden = !show;
            o.disabled = !show;
          });
          other.disabled = !parentCode;
        });
        var hidden = picker.querySelector('input[type=hidden][data-region-value]');
        if (hidden) {
          var chosen = '';
          picker.querySelectorAll('select[data-region-level]').forEach(function (s) { if (s.value && !s.disabled) chosen = s.value; });
          hidden.value = chosen;
        }
      });
    });
  }

  function ready() {
    menu();
    cards();
    regions();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready); else ready();
  document.addEventListener('htmx:afterSwap', function (e) { cards(e.target); });
})();
